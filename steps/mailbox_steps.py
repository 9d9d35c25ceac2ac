"""Steps in the shopper's mailbox (REG-12..REG-14): the letter and its big link."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow.checks import check_big_link, check_link_refused
from mailflow.flows.registration import register
from mailflow.mail.letters import (
    await_letter,
    confirm_from_letter,
    follow_link,
    open_in_mailbox,
)
from mailflow.pages.registration import RegistrationPage
from mailflow.pages.screen import Screen
from mailflow.pages.webmail import WebmailPage

CONFIRMATION = "confirmation_subject"


@given("{who:Shopper} has opened the confirmation letter in {pronoun} mailbox")
def step_given_opened_confirmation_letter(context, who, pronoun):
    world = context.world
    persona = world.shopper(who)
    register(world, persona)
    open_in_mailbox(world, persona, await_letter(world, persona, CONFIRMATION, "REG-13"))


@given("{who:Shopper} has confirmed {pronoun} address from the letter")
def step_given_confirmed_address(context, who, pronoun):
    world = context.world
    persona = world.shopper(who)
    register(world, persona)
    await_letter(world, persona, CONFIRMATION, "REG-13")
    confirm_from_letter(world, persona)


@given("the link's lifetime has passed")
def step_given_link_lifetime_passed(context):
    world = context.world
    world.seams.age_account(
        world.personas[world.last_named].email, hours=world.profile.timing("link_lifetime_hours") + 1
    )


@when('{who:Shopper} presses "View" in the success window')
def step_when_presses_view(context, who):
    world = context.world
    page = RegistrationPage(world.page, world.profile)
    page.control(world.text("view_mailbox"), within=page.success_window).click()


@when("{who:Shopper} opens the letter from the marketplace in {pronoun} mailbox")
def step_when_opens_letter(context, who, pronoun):
    world = context.world
    persona = world.shopper(who)
    open_in_mailbox(world, persona, await_letter(world, persona, CONFIRMATION, "REG-13"))


@when("{who:Shopper} follows the big link in the letter")
@when("{who:Shopper} follows the big link in the letter again")
def step_when_follows_big_link(context, who):
    follow_link(context.world, context.world.shopper(who), "confirm_link")


@then("{pronoun} mailbox opens with the letter from the marketplace in it")
def step_then_mailbox_opens_with_letter(context, pronoun):
    world = context.world
    persona = world.personas[world.last_named]
    letter = await_letter(world, persona, CONFIRMATION, "REG-12")
    webmail = WebmailPage(world.page, world.endpoints.webmail_url)
    expect(webmail.inbox_heading(persona.email), "REG-12: the shopper's mailbox").to_be_visible()
    expect(webmail.letter_entry(letter.subject), "REG-12: the letter in the inbox").to_be_visible()


@then("the letter holds one big link to confirm {pronoun} address")
def step_then_letter_holds_big_link(context, pronoun):
    world = context.world
    letter = world.letters[world.last_named]
    letter.link(world.text("confirm_link"))  # exactly one such link, or it fails saying which
    link = WebmailPage(world.page, world.endpoints.webmail_url).link_in_letter(world.text("confirm_link"))
    check_big_link(link, "REG-13")


@then("a new page says {pronoun} email address is confirmed")
def step_then_address_confirmed(context, pronoun):
    heading = Screen(context.world.page, context.world.profile).heading("email_confirmed")
    expect(heading, "REG-14: the confirmation page").to_be_visible()


@then("a page says the link cannot be used because it was already used")
def step_then_link_used(context):
    check_link_refused(context.world, "link_used", "REG-14")


@then("a page says the link cannot be used because it has expired")
def step_then_link_expired(context):
    check_link_refused(context.world, "link_expired", "REG-14")
