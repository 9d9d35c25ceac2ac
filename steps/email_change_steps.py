"""Steps of changing the address through the old mailbox (CHG-01..CHG-08)."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.actors.personas import unique_address
from mailflow_specs.actors.phrases import refusal_reasons
from mailflow_specs.actors.shopper import AddressChange
from mailflow_specs.flows.account import (
    CHANGE_SETTINGS_PATH,
    sign_in,
    sign_out,
)
from mailflow_specs.flows.checks import address_as_typed, check_refused_beside
from mailflow_specs.flows.confirmation import open_personal_data
from mailflow_specs.flows.confirmed_state import signed_in_label
from mailflow_specs.flows.elsewhere import follow_others_link, in_a_browser_of_her_own, move_to_fresh_browser
from mailflow_specs.flows.email_change import (
    ask_for_link,
    change_address,
    check_no_new_address_form,
    code_letter,
    latest_code_letter,
    open_change_email,
    open_new_address_form,
    request_change,
    send_request,
    type_code,
)
from mailflow_specs.flows.email_change_problems import (
    CODE_PROBLEMS,
    LINK_MOMENTS,
    NEW_ADDRESS_PROBLEMS,
)
from mailflow_specs.flows.letter_checks import check_no_new_letter
from mailflow_specs.flows.letters import await_letter, follow_link
from mailflow_specs.pages.account import AccountPages, SignInPage
from mailflow_specs.pages.email_change import (
    ChangeEmailPage,
    ConfirmationCodePage,
    NewAddressPage,
)
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label, Refusal


@given("{who:Shopper} has chosen to change {her:Pronoun} email address")
def step_given_chosen_to_change(context, who, her):
    context.world.shopper(who, her)
    open_change_email(context.world)


@given("{who:Shopper} has asked to verify through {her:Pronoun} current address")
def step_given_asked_for_link(context, who, her):
    ask_for_link(context.world, context.world.shopper(who, her))


@given("{who:Shopper} has opened the form for a new address from the letter")
def step_given_opened_new_address_form(context, who):
    open_new_address_form(context.world, context.world.shopper(who))


@given("{who:Shopper} has asked to change {her:Pronoun} address to a new one")
@when("{who:Shopper} asks to change {her:Pronoun} address to a new one")
def step_given_requested_change(context, who, her):
    request_change(context.world, context.world.shopper(who, her))


@given("{who:Shopper} has changed {her:Pronoun} address to a new one")
def step_given_changed_address(context, who, her):
    change_address(context.world, context.world.shopper(who, her))


@when('{who:Shopper} follows "My account", "Profile settings", "Change settings" and "Change email address"')
def step_when_follows_path_to_change_email(context, who):
    context.world.shopper(who)
    AccountPages(context.world.page, context.world.profile).go_to(*CHANGE_SETTINGS_PATH)
    ChangeEmailPage(context.world.page, context.world.profile).follow(Label.CHANGE_EMAIL)


@given("{who:Shopper} has asked to change {her:Pronoun} address to a new one, in a browser of {his:Pronoun} own")
def step_given_other_requested_change(context, who, her, his):
    in_a_browser_of_her_own(context.world, context.world.shopper(who, her, his), request_change)


@given("{who:Shopper} has asked to verify through {her:Pronoun} current address, in a browser of {his:Pronoun} own")
def step_given_other_asked_for_link(context, who, her, his):
    in_a_browser_of_her_own(context.world, context.world.shopper(who, her, his), ask_for_link)


@given("{who:Shopper} follows the link in {other:Shopper}'s letter")
@when("{who:Shopper} follows the link in {other:Shopper}'s letter")
def step_when_follows_other_change_link(context, who, other):
    follow_others_link(context.world, who, other, Label.EMAIL_CHANGE_LINK)


@then("no form for a new address of {her:Pronoun} account opens")
def step_then_no_new_address_form(context, her):
    context.world.shopper(her)
    check_no_new_address_form(context.world)


@given("{who:Shopper} has opened the page for the code from {her:Pronoun} letter")
def step_given_opened_code_page(context, who, her):
    shopper = context.world.shopper(who, her)
    follow_link(context.world, shopper, Label.CODE_LINK, letter=code_letter(context.world, shopper))


@given("{who:Shopper} types the code from {other:Shopper}'s letter and confirms")
@when("{who:Shopper} types the code from {other:Shopper}'s letter and confirms")
def step_when_types_other_code(context, who, other):
    world = context.world
    code = code_letter(world, world.shopper(other)).code()
    world.shopper(who)
    type_code(world, code)


@then("the page to change {her:Pronoun} email address opens")
def step_then_change_email_page(context, her):
    context.world.shopper(her)
    page = ChangeEmailPage(context.world.page, context.world.profile)
    expect(page.heading(Label.CHANGE_EMAIL), context.world.said("the page to change the address")).to_be_visible()


@given('{who:Shopper} presses "Verify now"')
@when('{who:Shopper} presses "Verify now"')
def step_when_presses_verify_now(context, who):
    context.world.shopper(who)
    ChangeEmailPage(context.world.page, context.world.profile).verify_now.click()


@given("{who:Shopper} follows the link in the letter")
@when("{who:Shopper} follows the link in the letter")
def step_when_follows_change_link(context, who):
    follow_link(context.world, context.world.shopper(who), Label.EMAIL_CHANGE_LINK)


@given('{who:Shopper} enters {her:Pronoun} new address and presses "Send request"')
@when('{who:Shopper} enters {her:Pronoun} new address and presses "Send request"')
def step_when_sends_request(context, who, her):
    send_request(context.world, context.world.shopper(who, her))


@given("{who:Shopper} types the code from the letter in a fresh browser, signing in if asked")
@when("{who:Shopper} types the code from the letter in a fresh browser, signing in if asked")
def step_when_types_code_elsewhere(context, who):
    world = context.world
    shopper = world.shopper(who)
    letter = latest_code_letter(world, shopper)
    move_to_fresh_browser(world)
    follow_link(world, shopper, Label.CODE_LINK, letter=letter)
    sign_in_page = SignInPage(world.page, world.profile)
    if sign_in_page.field(Label.PASSWORD).count():
        sign_in_page.sign_in(shopper.email, shopper.password)
    expect(ConfirmationCodePage(world.page, world.profile).code, world.said("the field for the code")).to_be_visible()
    type_code(world, letter.code())


@when("{who:Shopper} types the code from the letter and confirms")
def step_when_types_code(context, who):
    type_code(context.world, latest_code_letter(context.world, context.world.shopper(who)).code())


@given("{who:Shopper} has sent a request for {problem}")
@when("{who:Shopper} sends a request for {problem}")
def step_when_sends_bad_request(context, who, problem):
    world = context.world
    shopper = world.shopper(who)
    address = NEW_ADDRESS_PROBLEMS.lookup(problem, shopper)(world, shopper)
    shopper.typed = {Label.NEW_ADDRESS: address}
    send_request(world, shopper, address)
    expect(NewAddressPage(world.page, world.profile).new_address,
           world.said("the form for the new address, after the refusal")).to_be_visible()


@given("{who:Shopper} has typed a wrong code")
def step_given_typed_wrong_code(context, who):
    world = context.world
    shopper = world.shopper(who)
    CODE_PROBLEMS.lookup("a wrong code", shopper)(world, shopper)
    expect(ConfirmationCodePage(world.page, world.profile).code,
           world.said("the field for the code, after the wrong one")).to_be_visible()


@given("{who:Shopper} has then asked to change it to another new address")
def step_given_asked_again(context, who):
    world = context.world
    shopper = world.shopper(who)
    first = shopper.planned_change()
    shopper.address_change = AddressChange(first.old, unique_address(f"{shopper.full_name} newer"))
    request_change(world, shopper)


@when("{who:Shopper} confirms {problem}")
def step_when_types_bad_code(context, who, problem):
    shopper = context.world.shopper(who)
    CODE_PROBLEMS.lookup(problem, shopper)(context.world, shopper)


@when("{who:Shopper} follows the link in the letter {moment}")
def step_when_follows_link_at(context, who, moment):
    shopper = context.world.shopper(who)
    LINK_MOMENTS.lookup(moment, shopper)(context.world, shopper)


@when("{who:Shopper} signs in with {her:Pronoun} {which} address")
def step_when_signs_in_with(context, who, her, which):
    shopper = context.world.shopper(who, her)
    sign_in(context.world, shopper, email=shopper.planned_change().old if which == "old" else None)


@then("{who:Shopper} is offered to verify through {her:Pronoun} current address or to contact customer support")
def step_then_offered_two_ways(context, who, her):
    context.world.shopper(who, her)
    page = ChangeEmailPage(context.world.page, context.world.profile)
    expect(page.verify_now, 'CHG-03: "Verify now"').to_be_visible()
    expect(page.contact_support, 'CHG-03: "Contact support"').to_be_visible()


@then("a letter with a link arrives at {her:Pronoun} current address")
def step_then_link_letter_arrives(context, her):
    world = context.world
    letter = await_letter(world, world.shopper(her), Label.EMAIL_CHANGE_LINK_SUBJECT)
    letter.link(world.text(Label.EMAIL_CHANGE_LINK))  # exactly one such link, or it fails saying which


@then("a form for {her:Pronoun} new address opens")
def step_then_new_address_form(context, her):
    context.world.shopper(her)
    page = NewAddressPage(context.world.page, context.world.profile)
    expect(page.heading(Label.NEW_ADDRESS_HEADING), context.world.said("the form for the new address")).to_be_visible()
    expect(page.new_address, context.world.said("the field for the new address")).to_be_editable()


@then("a letter with a confirmation code arrives at {her:Pronoun} new address")
def step_then_code_letter_arrives(context, her):
    code_letter(context.world, context.world.shopper(her)).code()  # exactly one code, or it says what


@then("the page asks {her:Pronoun} for that code")
def step_then_code_field(context, her):
    context.world.shopper(her)
    page = ConfirmationCodePage(context.world.page, context.world.profile)
    expect(page.code, context.world.said("the field for the code")).to_be_editable()


@then("until {she:Pronoun} types the code, {her:Pronoun} account keeps {her2:Pronoun} old address")
def step_then_keeps_old_address(context, she, her, her2):
    """Rejects: a build that binds the new address at "Send request", before the code is typed
    (the new address signs in, or the personal data, where her letters go, shows the new one)."""
    world = context.world
    shopper = world.shopper(she, her, her2)
    change = shopper.planned_change()
    sign_out(world)
    page = sign_in(world, shopper, email=change.new)
    expect(page.refusal, world.said("the new address does not sign in before the code")).to_contain_text(
        world.refusal(Refusal.WRONG_CREDENTIALS))
    page = sign_in(world, shopper, email=change.old)
    expect(page.header_control(signed_in_label(world.profile)),
           world.said("the old address still signs in")).to_be_visible()
    expect(open_personal_data(world).main, world.said("her address is still the old one")).to_contain_text(change.old)


@then("a page says {her:Pronoun} email address has been changed")
def step_then_address_changed(context, her):
    context.world.shopper(her)
    heading = Screen(context.world.page, context.world.profile).heading(Label.EMAIL_CHANGED)
    expect(heading, context.world.said("the new address is bound")).to_be_visible()


@then("{her:Pronoun} old address receives a notice of the change, saying how to get help")
def step_then_old_address_notified(context, her):
    world = context.world
    shopper = world.shopper(her)
    letter = await_letter(world, shopper, Label.CHANGE_NOTICE_SUBJECT,
                          address=shopper.planned_change().old)
    letter.link(world.text(Label.CHANGE_NOTICE_HELP))


@then("{who:Shopper} is signed in")
def step_then_signed_in(context, who):
    context.world.shopper(who)
    page = SignInPage(context.world.page, context.world.profile)
    expect(page.header_control(signed_in_label(context.world.profile)),
           context.world.said("signed in with the new address")).to_be_visible()


@then("the sign-in is refused")
def step_then_sign_in_refused(context):
    page = SignInPage(context.world.page, context.world.profile)
    expect(page.refusal, context.world.said("the old address no longer signs in")).to_contain_text(
        context.world.refusal(Refusal.WRONG_CREDENTIALS))


@then("the letter with the link arrives at {her:Pronoun} new address")
def step_then_link_letter_at_new_address(context, her):
    world = context.world
    shopper = world.shopper(her)
    await_letter(world, shopper, Label.EMAIL_CHANGE_LINK_SUBJECT, address=shopper.planned_change().new)


@then('the new address is refused because "{reason}"')
def step_then_new_address_refused(context, reason):
    world = context.world
    shopper = world.current_shopper()
    field = NewAddressPage(world.page, world.profile).new_address
    typed = shopper.typed[Label.NEW_ADDRESS]
    check_refused_beside(field, world.refusal(refusal_reasons().lookup(reason, shopper)), world.said(reason))
    expect(field, world.said("what she typed is kept")).to_have_value(address_as_typed(typed))
    if "@" in typed:  # Rejects: a refused address that gets a code letter anyway.
        check_no_new_letter(world, typed, Label.CODE_SUBJECT, 0, "after the address was refused")


@then('the code is refused because "{reason}"')
def step_then_code_refused(context, reason):
    world = context.world
    field = ConfirmationCodePage(world.page, world.profile).code
    refusal = world.refusal(refusal_reasons().lookup(reason, world.current_shopper()))
    check_refused_beside(field, refusal, world.said(f"{reason}"))
