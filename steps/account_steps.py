"""Steps about a shopper's account: having one, signing in, the settings path."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow.flows.account import (
    go_to_change_settings,
    registered_and_confirmed,
    registered_unconfirmed,
    sign_in,
    sign_in_successfully,
    sign_out,
)
from mailflow.flows.confirmation import signed_in_unconfirmed
from mailflow.flows.reactivation import let_grace_period_pass
from mailflow.pages.screen import Screen


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


@given("{who:Shopper} has signed in without confirming {pronoun} address")
def step_given_signed_in_unconfirmed(context, who, pronoun):
    signed_in_unconfirmed(context.world, context.world.shopper(who))


@given("the grace period has passed since {pronoun} registered")
def step_given_grace_period_passed(context, pronoun):
    world = context.world
    let_grace_period_pass(world, world.shopper(pronoun))


@given("almost the whole grace period has passed since {pronoun} registered")
def step_given_grace_period_almost_passed(context, pronoun):
    world = context.world
    let_grace_period_pass(world, world.shopper(pronoun), margin_hours=-1)


@when("{who:Shopper} signs in with {pronoun} password")
def step_when_signs_in(context, who, pronoun):
    sign_in(context.world, context.world.shopper(who))


@when('{who:Shopper} opens "My account" from the header')
def step_when_opens_my_account(context, who):
    world = context.world
    world.shopper(who)
    Screen(world.page, world.profile).header_control("my_account").click()


@then("{who:Shopper} can use {pronoun} account")
def step_then_can_use_account(context, who, pronoun):
    world = context.world
    screen = Screen(world.page, world.profile)
    expect(screen.header_control("my_account"), "CONF-01: signed in").to_be_visible()
    screen.header_control("my_account").click()
    expect(screen.heading("my_account"), "CONF-01: the account opens").to_be_visible()
