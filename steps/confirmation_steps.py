"""Steps of confirming the address later (CONF-03..CONF-08): the personal data page."""

import re
from datetime import timedelta

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.actors.phrases import refusal_reasons
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.account import go_to_change_settings
from mailflow_specs.flows.checks import (
    check_at_the_bottom,
    check_beside_address,
    check_read_only,
    check_refused_beside,
)
from mailflow_specs.flows.confirmation import (
    ask_for_new_letter,
    asked_for_new_letter,
    edit_personal_data,
    new_name,
    older_letter,
    open_personal_data,
    signed_in_unconfirmed,
    signed_in_without_letter,
)
from mailflow_specs.flows.letter_checks import check_no_new_letter, letters_so_far
from mailflow_specs.flows.letters import await_letter, confirm_from_letter, follow_link
from mailflow_specs.flows.reactivation import let_grace_period_almost_pass, let_rest_of_grace_period_pass
from mailflow_specs.flows.registration import NAME_PROBLEMS
from mailflow_specs.pages.personal_data import PersonalDataPage
from mailflow_specs.targets.labels import Label, Refusal, Timing

# How long before the grace period ends a shopper acts "near the end" of it.


def personal_data(context) -> PersonalDataPage:
    return PersonalDataPage(context.world.page, context.world.profile)


@given("{who:Shopper} has opened {her:Pronoun} personal data")
def step_given_opened_personal_data(context, who, her):
    context.world.shopper(who, her)
    open_personal_data(context.world)


@given("{who:Shopper} is editing {her:Pronoun} personal data")
def step_given_editing_personal_data(context, who, her):
    signed_in_unconfirmed(context.world, context.world.shopper(who, her))
    edit_personal_data(context.world)


@given("{who:Shopper} has asked for a new confirmation letter from {her:Pronoun} personal data")
def step_given_asked_for_new_letter(context, who, her):
    asked_for_new_letter(context.world, context.world.shopper(who, her))


@given("{who:Shopper} has asked for another confirmation letter")
def step_given_asked_for_another_letter(context, who):
    ask_for_new_letter(context.world, context.world.shopper(who))


@given("the waiting time for another letter has passed")
def step_given_resend_interval_passed(context):
    world = context.world
    world.let_time_pass(world.current_shopper(), Timing.CONFIRMATION_RESEND_SECONDS, margin=timedelta(seconds=1))


@given("the waiting time before another letter to {who:Shopper} has passed")
@when("the waiting time before another letter to {who:Shopper} has passed")
def step_given_resend_interval_passed_for(context, who):
    world = context.world
    world.let_time_pass(world.shopper(who), Timing.CONFIRMATION_RESEND_SECONDS, margin=timedelta(seconds=1))


@given("{who:Shopper} has confirmed {her:Pronoun} address from the new letter")
def step_given_confirmed_from_new_letter(context, who, her):
    shopper = context.world.shopper(who, her)
    asked_for_new_letter(context.world, shopper)
    confirm_from_letter(context.world, shopper)


def misplacement(check, *args) -> str:
    """What ``check`` found wrong with where a control stands ("" if nothing), measured before
    the control is used and judged by a Then step."""
    try:
        check(*args)
    except ExpectationFailed as misplaced:
        return str(misplaced)
    return ""


@then('the "Edit" {she:Pronoun} pressed was at the bottom of the page, below {her:Pronoun} personal data')
def step_then_edit_was_at_the_bottom(context, she, her):
    misplaced = context.world.shopper(she, her).seen.get("edit_misplaced")
    if misplaced:
        raise ExpectationFailed(misplaced)


@then('the "Click here to confirm" {she:Pronoun} clicked stood beside {her:Pronoun} address')
def step_then_confirm_stood_beside(context, she, her):
    misplaced = context.world.shopper(she, her).seen.get("confirm_misplaced")
    if misplaced:
        raise ExpectationFailed(misplaced)


@given("{who:Shopper} asked for another confirmation letter near the end of the grace period")
def step_given_asked_near_the_end(context, who):
    world = context.world
    shopper = world.shopper(who)
    signed_in_unconfirmed(world, shopper)
    let_grace_period_almost_pass(world, shopper)
    edit_personal_data(world)
    ask_for_new_letter(world, shopper)


@given("the rest of the grace period has passed")
def step_given_rest_of_grace_period(context):
    let_rest_of_grace_period_pass(context.world, context.world.current_shopper())


@given("the rest of the grace period has passed since {she:Shopper} registered")
@when("the rest of the grace period has passed since {she:Shopper} registered")
def step_given_rest_of_grace_period_since(context, she):
    let_rest_of_grace_period_pass(context.world, context.world.shopper(she))


@when('{who:Shopper} follows "My account", "Profile settings", "Change settings" and "Edit profile"')
def step_when_follows_settings_path(context, who):
    context.world.shopper(who)
    go_to_change_settings(context.world).follow(Label.EDIT_PROFILE)


@when('{who:Shopper} presses "Edit" at the bottom of the page')
def step_when_presses_edit(context, who):
    shopper = context.world.shopper(who)
    shopper.seen["edit_misplaced"] = misplacement(check_at_the_bottom, context.world, personal_data(context),
                                                  shopper.email)  # judged by a Then
    personal_data(context).edit()


@when("{who:Shopper} saves a new spelling of {her:Pronoun} name")
def step_when_saves_new_name(context, who, her):
    personal_data(context).save_name(new_name(context.world.shopper(who, her)))


@when("{who:Shopper} saves {her:Pronoun} personal data with {problem}")
def step_when_saves_bad_name(context, who, her, problem):
    shopper = context.world.shopper(who, her)
    name = NAME_PROBLEMS.lookup(problem, shopper)(shopper)
    shopper.typed = {Label.NAME: name}
    personal_data(context).save_name(name)


@given('{who:Shopper} clicks "Click here to confirm" beside {her:Pronoun} address')
@when('{who:Shopper} clicks "Click here to confirm" beside {her:Pronoun} address')
@when('{who:Shopper} clicks "Click here to confirm" beside {her:Pronoun} address again')
def step_when_clicks_to_confirm(context, who, her):
    page = personal_data(context)
    shopper = context.world.shopper(who, her)
    shopper.seen["confirm_misplaced"] = misplacement(check_beside_address, context.world, page, shopper.email)
    shopper.seen["letters"] = letters_so_far(context.world, shopper.email, Label.CONFIRMATION_SUBJECT)
    page.ask_for_confirmation()


@when("{who:Shopper} follows the big link in the older letter")
def step_when_follows_older_link(context, who):
    world = context.world
    shopper = world.shopper(who)
    follow_link(world, shopper, Label.CONFIRM_LINK, letter=older_letter(world, shopper, Label.CONFIRMATION_SUBJECT))


@then("{her:Pronoun} personal data opens read-only")
def step_then_personal_data_read_only(context, her):
    page = personal_data(context)
    expect(page.title, context.world.said("the personal data page")).to_be_visible()
    check_read_only(context.world, page, context.world.shopper(her).full_name)


@then('{her:Pronoun} address is marked "Unconfirmed email"')
def step_then_marked_unconfirmed(context, her):
    context.world.shopper(her)
    expect(personal_data(context).unconfirmed_label, context.world.said("Unconfirmed email")).to_be_visible()


@then("{who:Shopper} can change {her:Pronoun} name")
def step_then_can_change_name(context, who, her):
    field = personal_data(context).name_field
    expect(field, context.world.said("the name is editable")).to_be_editable()
    expect(field, context.world.said("the name as it is")).to_have_value(context.world.shopper(who, her).full_name)


@then("{her:Pronoun} personal data shows the new name, read-only again")
def step_then_shows_new_name(context, her):
    page = personal_data(context)
    expect(page.notice, context.world.said("saved")).to_contain_text(context.world.text(Label.PROFILE_SAVED))
    check_read_only(context.world, page, new_name(context.world.shopper(her)))


@then('the personal data refuses the name because "{reason}"')
def step_then_name_refused(context, reason):
    world = context.world
    shopper = world.current_shopper()
    field = personal_data(context).name_field
    refusal = world.refusal(refusal_reasons().lookup(reason, shopper))
    check_refused_beside(field, refusal, world.said("the refusal beside the name"))
    expect(field, world.said("the typed name is kept")).to_have_value(shopper.typed[Label.NAME])


@then("a confirmation letter with a link arrives at once")
def step_then_confirmation_letter_arrives(context):
    world = context.world
    letter = await_letter(world, world.current_shopper(), Label.CONFIRMATION_SUBJECT)
    letter.link(world.text(Label.CONFIRM_LINK))


@then('{her:Pronoun} address is no longer marked "Unconfirmed email"')
def step_then_no_longer_unconfirmed(context, her):
    page = open_personal_data(context.world)
    expect(page.main, context.world.said("the address")).to_contain_text(context.world.shopper(her).email)
    expect(page.unconfirmed_label, context.world.said("no Unconfirmed email")).to_have_count(0)


@then("{who:Shopper} is told {she:Pronoun} can ask again later, and when")
def step_then_told_when_to_ask_again(context, who, she):
    """Rejects: no refusal, a refusal without the time, a refusal that sends the letter anyway."""
    world = context.world
    shopper = world.shopper(who, she)
    refusal = re.escape(world.refusal(Refusal.RESEND_TOO_SOON))
    expect(personal_data(context).confirm_button, world.said("when asking again is possible")) \
        .to_have_accessible_description(re.compile(refusal + r".*\d"))
    check_no_new_letter(world, shopper.email, Label.CONFIRMATION_SUBJECT, shopper.seen["letters"],
                        "after asking again too soon")


@given("{who:Shopper}'s confirmation letter was lost while the mail server was down")
def step_given_letter_lost(context, who):
    world = context.world
    shopper = world.shopper(who)
    world.seams.lose_next_letter(shopper.email)
    signed_in_without_letter(world, shopper)


@given('{who:Shopper} has pressed "Edit" on {her:Pronoun} personal data')
def step_given_pressed_edit(context, who, her):
    context.world.shopper(who, her)
    edit_personal_data(context.world)


@then("it is the only confirmation letter {she:Pronoun} has received")
def step_then_only_confirmation_letter(context, she):
    world = context.world
    shopper = world.shopper(she)
    received = world.mailbox.count(shopper.email, world.text(Label.CONFIRMATION_SUBJECT))
    if received != 1:
        raise ExpectationFailed(world.said(
            f"expected one confirmation letter to {shopper.email}, the first one lost; got {received}."))
