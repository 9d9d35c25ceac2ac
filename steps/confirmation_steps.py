"""Steps of confirming the address later (CONF-03..CONF-08): the personal data page."""

import re

from behave import given, then, when
from playwright.sync_api import expect

from mailflow.checks import check_link_refused, check_refused_beside
from mailflow.flows.account import go_to_change_settings
from mailflow.flows.confirmation import (
    ask_for_new_letter,
    asked_for_new_letter,
    check_at_the_bottom,
    check_beside_address,
    check_read_only,
    edit_personal_data,
    follow_link_in,
    new_name,
    older_letter,
    open_personal_data,
    signed_in_unconfirmed,
)
from mailflow.flows.registration import REFUSAL_KEYS
from mailflow.mail.letters import await_letter, confirm_from_letter
from mailflow.pages.personal_data import PersonalDataPage

# What a shopper may save instead of a name, as the features say it.
BAD_NAMES = {"no name at all": lambda p: "",
             "her name written in Cyrillic letters": lambda p: p.native_name,
             "his name written in Cyrillic letters": lambda p: p.native_name}


def personal_data(context):
    return PersonalDataPage(context.world.page, context.world.profile)


@given("{who:Shopper} has opened {pronoun} personal data")
def step_given_opened_personal_data(context, who, pronoun):
    context.world.shopper(who)
    open_personal_data(context.world)


@given("{who:Shopper} is editing {pronoun} personal data")
def step_given_editing_personal_data(context, who, pronoun):
    signed_in_unconfirmed(context.world, context.world.shopper(who))
    edit_personal_data(context.world)


@given("{who:Shopper} has asked for a new confirmation letter from {pronoun} personal data")
def step_given_asked_for_new_letter(context, who, pronoun):
    asked_for_new_letter(context.world, context.world.shopper(who))


@given("{who:Shopper} has asked for another confirmation letter")
def step_given_asked_for_another_letter(context, who):
    ask_for_new_letter(context.world, context.world.shopper(who))


@given("the waiting time for another letter has passed")
def step_given_resend_interval_passed(context):
    world = context.world
    seconds = world.profile.timing("confirmation_resend_seconds") + 1
    world.seams.age_account(world.shopper("she").email, hours=seconds / 3600)


@given("{who:Shopper} has confirmed {pronoun} address from the new letter")
def step_given_confirmed_from_new_letter(context, who, pronoun):
    persona = context.world.shopper(who)
    asked_for_new_letter(context.world, persona)
    confirm_from_letter(context.world, persona)


@when('{who:Shopper} follows "My account", "Profile settings", "Change settings" and "Edit profile"')
def step_when_follows_settings_path(context, who):
    context.world.shopper(who)
    go_to_change_settings(context.world).follow("edit_profile")


@when('{who:Shopper} presses "Edit" at the bottom of the page')
def step_when_presses_edit(context, who):
    check_at_the_bottom(personal_data(context), context.world.shopper(who))
    personal_data(context).edit()


@when("{who:Shopper} saves a new spelling of {pronoun} name")
def step_when_saves_new_name(context, who, pronoun):
    personal_data(context).save_name(new_name(context.world.shopper(who)))


@when("{who:Shopper} saves {pronoun} personal data with {problem}")
def step_when_saves_bad_name(context, who, pronoun, problem):
    persona = context.world.shopper(who)
    name = BAD_NAMES[problem](persona)
    context.world.typed[persona.first_name] = {"name": name}
    personal_data(context).save_name(name)


@when('{who:Shopper} clicks "Click here to confirm" beside {pronoun} address')
@when('{who:Shopper} clicks "Click here to confirm" beside {pronoun} address again')
def step_when_clicks_to_confirm(context, who, pronoun):
    page = personal_data(context)
    check_beside_address(page, context.world.shopper(who))
    page.ask_for_confirmation()


@when("{who:Shopper} follows the big link in the older letter")
def step_when_follows_older_link(context, who):
    world = context.world
    persona = world.shopper(who)
    follow_link_in(world, persona, older_letter(world, persona, "confirmation_subject"), "confirm_link")


@then("{pronoun} personal data opens read-only")
def step_then_personal_data_read_only(context, pronoun):
    page = personal_data(context)
    expect(page.title, "CONF-04: the personal data page").to_be_visible()
    check_read_only(page, context.world.shopper(pronoun).full_name)


@then('{pronoun} address is marked "Unconfirmed email"')
def step_then_marked_unconfirmed(context, pronoun):
    expect(personal_data(context).unconfirmed_label, "CONF-04: Unconfirmed email").to_be_visible()


@then("{pronoun} can change {pronoun2} name")
def step_then_can_change_name(context, pronoun, pronoun2):
    field = personal_data(context).name_field
    expect(field, "CONF-05: the name is editable").to_be_editable()
    expect(field, "CONF-05: the name as it is").to_have_value(context.world.shopper(pronoun).full_name)


@then("{pronoun} personal data shows the new name, read-only again")
def step_then_shows_new_name(context, pronoun):
    page = personal_data(context)
    expect(page.notice, "CONF-05: saved").to_contain_text(context.world.text("profile_saved"))
    persona = context.world.shopper(pronoun)
    check_read_only(page, new_name(persona))


@then('the personal data refuses the name because "{reason}"')
def step_then_name_refused(context, reason):
    world = context.world
    field = personal_data(context).name_field
    check_refused_beside(field, world.refusal(REFUSAL_KEYS[reason]), "CONF-05: the refusal beside the name")
    expect(field, "CONF-05: the typed name is kept").to_have_value(
        world.typed[world.shopper("she").first_name]["name"])


@then("a confirmation letter with a link arrives at once")
def step_then_confirmation_letter_arrives(context):
    world = context.world
    letter = await_letter(world, world.shopper("she"), "confirmation_subject", "CONF-07")
    letter.link(world.text("confirm_link"))


@then('{pronoun} address is no longer marked "Unconfirmed email"')
def step_then_no_longer_unconfirmed(context, pronoun):
    page = open_personal_data(context.world)
    expect(page.main, "CONF-08: the address").to_contain_text(context.world.shopper(pronoun).email)
    expect(page.unconfirmed_label, "CONF-08: no Unconfirmed email").to_have_count(0)


@then("{pronoun} is told {pronoun2} can ask again later, and when")
def step_then_told_when_to_ask_again(context, pronoun, pronoun2):
    refusal = re.escape(context.world.refusal("resend_too_soon"))
    expect(personal_data(context).confirm_button, "CONF-07: when asking again is possible") \
        .to_have_accessible_description(re.compile(refusal + r".*\d"))


@then("a page says the link cannot be used because a newer one replaced it")
def step_then_link_replaced(context):
    check_link_refused(context.world, "link_replaced", "CONF-07")
