"""Steps about a shopper's account: having one, signing in, the settings path."""

from behave import given

from mailflow.account import (
    go_to_change_settings,
    registered_and_confirmed,
    registered_unconfirmed,
    sign_in_successfully,
    sign_out,
)


@given("{who:Shopper} has registered but not confirmed {pronoun} address")
def step_given_registered_unconfirmed(context, who, pronoun):
    registered_unconfirmed(context.world, context.world.shopper(who))


@given("{who:Shopper} has registered and confirmed {pronoun} address")
def step_given_registered_and_confirmed(context, who, pronoun):
    registered_and_confirmed(context.world, context.world.shopper(who))


@given("{who:Shopper} is signed in")
def step_given_signed_in(context, who):
    sign_in_successfully(context.world, context.world.shopper(who))


@given("{who:Shopper} is on the page to change {pronoun} settings")
def step_given_on_change_settings(context, who, pronoun):
    context.world.shopper(who)
    go_to_change_settings(context.world)


@given("{who:Shopper} has signed out")
def step_given_signed_out(context, who):
    sign_out(context.world)
