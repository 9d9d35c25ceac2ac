"""Steps in the shopper's mailbox (REG-12..REG-14): the letter and its big link."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.actors.phrases import refusal_reasons
from mailflow_specs.flows.account import registered_unconfirmed
from mailflow_specs.flows.checks import check_big_link, check_link_refused
from mailflow_specs.flows.confirmed_state import check_confirmed
from mailflow_specs.flows.letters import (
    await_letter,
    confirm_from_letter,
    follow_link,
    link_in_letter,
    open_in_mailbox,
)
from mailflow_specs.pages.registration import RegistrationPage
from mailflow_specs.pages.screen import Screen
from mailflow_specs.pages.webmail import WebmailPage
from mailflow_specs.targets.labels import Label, Timing

CONFIRMATION = Label.CONFIRMATION_SUBJECT


@given("{who:Shopper} has opened the confirmation letter in {her:Pronoun} mailbox")
def step_given_opened_confirmation_letter(context, who, her):
    shopper = context.world.shopper(who, her)
    registered_unconfirmed(context.world, shopper)
    open_in_mailbox(context.world, shopper.last_letter)


@given("{who:Shopper} has confirmed {her:Pronoun} address from the letter")
def step_given_confirmed_address(context, who, her):
    shopper = context.world.shopper(who, her)
    registered_unconfirmed(context.world, shopper)
    confirm_from_letter(context.world, shopper)


@given("the link's lifetime has passed")
def step_given_link_lifetime_passed(context):
    world = context.world
    world.let_time_pass(world.current_shopper(), Timing.LINK_LIFETIME_HOURS)


@when('{who:Shopper} presses "View" in the success window')
def step_when_presses_view(context, who):
    context.world.shopper(who)
    view = RegistrationPage(context.world.page, context.world.profile).view_mailbox
    expect(view, 'REG-12: a "View" button in the success window').to_be_visible()
    view.click()


@when("{who:Shopper} opens the letter from the marketplace in {her:Pronoun} mailbox")
def step_when_opens_letter(context, who, her):
    shopper = context.world.shopper(who, her)
    open_in_mailbox(context.world, await_letter(context.world, shopper, CONFIRMATION))


@given("{who:Shopper} follows the big link in the letter")
@when("{who:Shopper} follows the big link in the letter")
@when("{who:Shopper} follows the big link in the letter again")
def step_when_follows_big_link(context, who):
    follow_link(context.world, context.world.shopper(who), Label.CONFIRM_LINK)


@then("{her:Pronoun} mailbox opens with the letter from the marketplace in it")
def step_then_mailbox_opens_with_letter(context, her):
    world = context.world
    shopper = world.shopper(her)
    letter = await_letter(world, shopper, CONFIRMATION)
    webmail = WebmailPage(world.page, world.endpoints.webmail_url)
    expect(webmail.inbox_heading(shopper.email), world.said("the shopper's mailbox")).to_be_visible()
    expect(webmail.letter_entry(letter.subject), world.said("the letter in the inbox")).to_be_visible()


@then("the letter holds one big link to confirm {her:Pronoun} address")
def step_then_letter_holds_big_link(context, her):
    world = context.world
    shopper = world.shopper(her)
    # exactly one such link, or it says which; a plain-text letter fails here
    check_big_link(link_in_letter(world, shopper.last_letter, Label.CONFIRM_LINK), ", ".join(world.instructions))


@then("a new page says {her:Pronoun} email address is confirmed")
def step_then_address_confirmed(context, her):
    """Rejects: the page says so but the account stays unconfirmed (its state is checked too)."""
    world = context.world
    shopper = world.shopper(her)
    screen = Screen(world.page, world.profile)
    expect(screen.heading(Label.EMAIL_CONFIRMED), world.said("the confirmation page")).to_be_visible()
    check_confirmed(world, shopper)  # by the evidence the profile offers, or "not checked"


@then("a page says the link cannot be used because {reason}")
def step_then_link_refused(context, reason):
    world = context.world
    check_link_refused(world, refusal_reasons().lookup(reason, world.current_shopper()))
