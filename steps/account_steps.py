"""Steps about a shopper's account: having one, signing in, the settings path."""


from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.flows.account import (
    go_to_change_settings,
    registered_and_confirmed,
    registered_unconfirmed,
    sign_in,
    sign_in_successfully,
    sign_out,
)
from mailflow_specs.flows.confirmation import signed_in_unconfirmed
from mailflow_specs.flows.confirmed_state import signed_in_label
from mailflow_specs.flows.reactivation import let_grace_period_almost_pass, let_grace_period_pass
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label


@given("{who:Shopper} has registered but not confirmed {her:Pronoun} address")
def step_given_registered_unconfirmed(context, who, her):
    registered_unconfirmed(context.world, context.world.shopper(who, her))


@given("{who:Shopper} has registered and confirmed {her:Pronoun} address")
def step_given_registered_and_confirmed(context, who, her):
    registered_and_confirmed(context.world, context.world.shopper(who, her))


@given("{who:Shopper} is signed in")
def step_given_signed_in(context, who):
    sign_in_successfully(context.world, context.world.shopper(who))


@given("{who:Shopper} is on the page to change {her:Pronoun} settings")
def step_given_on_change_settings(context, who, her):
    context.world.shopper(who, her)
    go_to_change_settings(context.world)


@given("{who:Shopper} has signed out")
def step_given_signed_out(context, who):
    context.world.shopper(who)
    sign_out(context.world)


@given("{who:Shopper} has signed in without confirming {her:Pronoun} address")
def step_given_signed_in_unconfirmed(context, who, her):
    signed_in_unconfirmed(context.world, context.world.shopper(who, her))


@given("the grace period has passed since {she:Shopper} registered")
@when("the grace period has passed since {she:Shopper} registered")
def step_given_grace_period_passed(context, she):
    let_grace_period_pass(context.world, context.world.shopper(she))


@given("almost the whole grace period has passed since {she:Shopper} registered")
@when("almost the whole grace period has passed since {she:Shopper} registered")
def step_given_grace_period_almost_passed(context, she):
    let_grace_period_almost_pass(context.world, context.world.shopper(she))


@given("{who:Shopper} signs in with {her:Pronoun} password")
@when("{who:Shopper} signs in with {her:Pronoun} password")
def step_when_signs_in(context, who, her):
    sign_in(context.world, context.world.shopper(who, her))


@when('{who:Shopper} opens "My account" from the header')
def step_when_opens_my_account(context, who):
    context.world.shopper(who)
    Screen(context.world.page, context.world.profile).header_control(Label.MY_ACCOUNT).click()


@then("{who:Shopper} can use {her:Pronoun} account")
def step_then_can_use_account(context, who, her):
    context.world.shopper(who, her)
    screen = Screen(context.world.page, context.world.profile)
    expect(screen.header_control(signed_in_label(context.world.profile)), context.world.said("signed in")).to_be_visible()
    if Label.MY_ACCOUNT in context.world.profile.labels:  # else "Sign out" is all the evidence there is
        screen.header_control(Label.MY_ACCOUNT).click()
        expect(screen.heading(Label.MY_ACCOUNT), context.world.said("the account opens")).to_be_visible()
