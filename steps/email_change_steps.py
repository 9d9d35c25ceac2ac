"""Steps of changing the address through the old mailbox (CHG-01..CHG-08)."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow.checks import check_refused_beside
from mailflow.flows.account import sign_in
from mailflow.flows.email_change import (
    ask_for_link,
    at_new_address,
    at_old_address,
    change_address,
    code_letter,
    open_change_email,
    open_new_address_form,
    request_change,
    send_request,
    type_code,
)
from mailflow.flows.email_change_problems import (
    CODE_PROBLEMS,
    LINK_MOMENTS,
    NEW_ADDRESS_PROBLEMS,
    REASONS,
)
from mailflow.mail.letters import await_letter, follow_link
from mailflow.pages.account import SignInPage
from mailflow.pages.email_change import (
    ChangeEmailPage,
    ConfirmationCodePage,
    NewAddressPage,
)
from mailflow.pages.screen import Screen


@given("{who:Shopper} has chosen to change {pronoun} email address")
def step_given_chosen_to_change(context, who, pronoun):
    context.world.shopper(who)
    open_change_email(context.world)


@given("{who:Shopper} has asked to verify through {pronoun} current address")
def step_given_asked_for_link(context, who, pronoun):
    ask_for_link(context.world, context.world.shopper(who))


@given("{who:Shopper} has opened the form for a new address from the letter")
def step_given_opened_new_address_form(context, who):
    open_new_address_form(context.world, context.world.shopper(who))


@given("{who:Shopper} has asked to change {pronoun} address to a new one")
def step_given_requested_change(context, who, pronoun):
    request_change(context.world, context.world.shopper(who))


@given("{who:Shopper} has changed {pronoun} address to a new one")
def step_given_changed_address(context, who, pronoun):
    change_address(context.world, context.world.shopper(who))


@when('{who:Shopper} chooses "Change email address"')
def step_when_chooses_change_email(context, who):
    open_change_email(context.world)


@when('{who:Shopper} presses "Verify now"')
def step_when_presses_verify_now(context, who):
    ChangeEmailPage(context.world.page, context.world.profile).verify_now.click()


@when("{who:Shopper} follows the link in the letter")
def step_when_follows_change_link(context, who):
    follow_link(context.world, context.world.shopper(who), "email_change_link")


@when('{who:Shopper} enters {pronoun} new address and presses "Send request"')
def step_when_sends_request(context, who, pronoun):
    send_request(context.world, context.world.shopper(who))


@when("{who:Shopper} types the code from the letter and confirms")
def step_when_types_code(context, who):
    type_code(context.world, code_letter(context.world, context.world.shopper(who)).code())


@when("{who:Shopper} sends a request for {problem}")
def step_when_sends_bad_request(context, who, problem):
    world = context.world
    persona = world.shopper(who)
    send_request(world, persona, NEW_ADDRESS_PROBLEMS[problem](world, persona))


@when("{who:Shopper} confirms {problem}")
def step_when_types_bad_code(context, who, problem):
    CODE_PROBLEMS[problem](context.world, context.world.shopper(who))


@when("{who:Shopper} follows the link in the letter {moment}")
def step_when_follows_link_at(context, who, moment):
    LINK_MOMENTS[moment](context.world, context.world.shopper(who))


@when("{who:Shopper} signs in with {pronoun} {which} address")
def step_when_signs_in_with(context, who, pronoun, which):
    world = context.world
    persona = world.shopper(who)
    sign_in(world, persona, email=at_old_address(world, persona).email if which == "old" else None)


@then("{pronoun} is offered to verify through {pronoun2} current address or to contact customer support")
def step_then_offered_two_ways(context, pronoun, pronoun2):
    page = ChangeEmailPage(context.world.page, context.world.profile)
    expect(page.verify_now, 'CHG-03: "Verify now"').to_be_visible()
    expect(page.contact_support, 'CHG-03: "Contact support"').to_be_visible()


@then("a letter with a link arrives at {pronoun} current address")
def step_then_link_letter_arrives(context, pronoun):
    world = context.world
    persona = world.personas[world.last_named]
    letter = await_letter(world, persona, "email_change_link_subject", "CHG-05")
    letter.link(world.text("email_change_link"))  # exactly one such link, or it fails saying which


@then("a form for {pronoun} new address opens")
def step_then_new_address_form(context, pronoun):
    page = NewAddressPage(context.world.page, context.world.profile)
    expect(page.heading("new_address_heading"), "CHG-05: the form for the new address").to_be_visible()
    expect(page.new_address, "CHG-05: the field for the new address").to_be_editable()


@then("a letter with a confirmation code arrives at {pronoun} new address")
def step_then_code_letter_arrives(context, pronoun):
    world = context.world
    code_letter(world, world.personas[world.last_named]).code()  # exactly one code, or it says what


@then("the page asks {pronoun} for that code")
def step_then_code_field(context, pronoun):
    page = ConfirmationCodePage(context.world.page, context.world.profile)
    expect(page.code, "CHG-07: the field for the code").to_be_editable()


@then("a page says {pronoun} email address has been changed")
def step_then_address_changed(context, pronoun):
    heading = Screen(context.world.page, context.world.profile).heading("email_changed")
    expect(heading, "CHG-08: the new address is bound").to_be_visible()


@then("{pronoun} old address receives a notice of the change, saying how to get help")
def step_then_old_address_notified(context, pronoun):
    world = context.world
    old = at_old_address(world, world.personas[world.last_named])
    letter = await_letter(world, old, "change_notice_subject", "CHG-08")
    letter.link(world.text("change_notice_help"))


@then("{pronoun} is signed in")
def step_then_signed_in(context, pronoun):
    page = SignInPage(context.world.page, context.world.profile)
    expect(page.header_control("my_account"), "CHG-08: signed in with the new address").to_be_visible()


@then("the sign-in is refused")
def step_then_sign_in_refused(context):
    page = SignInPage(context.world.page, context.world.profile)
    expect(page.refusal, "CHG-08: the old address no longer signs in").to_contain_text(
        context.world.refusal("wrong_credentials"))


@then("the letter with the link arrives at {pronoun} new address")
def step_then_link_letter_at_new_address(context, pronoun):
    world = context.world
    persona = at_new_address(world, world.personas[world.last_named])
    await_letter(world, persona, "email_change_link_subject", "CHG-08")


@then('the new address is refused because "{reason}"')
def step_then_new_address_refused(context, reason):
    world = context.world
    field = NewAddressPage(world.page, world.profile).new_address
    check_refused_beside(field, world.refusal(REASONS[reason]), f"CHG-06: {reason}")
    expect(field, "CHG-06: what she typed is kept").not_to_have_value("")


@then('the code is refused because "{reason}"')
def step_then_code_refused(context, reason):
    world = context.world
    field = ConfirmationCodePage(world.page, world.profile).code
    check_refused_beside(field, world.refusal(REASONS[reason]), f"CHG-07: {reason}")
