"""Steps of registration (REG-01..REG-11): the header, the form, its refusals."""

from dataclasses import replace

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.actors.phrases import form_fields, refusal_reasons
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.checks import (
    address_as_typed,
    check_fields_in_order,
    check_on_the_right_of,
    check_refused_beside,
    check_small_print,
)
from mailflow_specs.flows.letter_checks import check_no_new_letter
from mailflow_specs.flows.letters import await_letter
from mailflow_specs.flows.registration import (
    check_email_refused_not_latin,
    copy_spelling_into_form,
    fill_registration_form,
    latin_spelling,
    open_registration_form,
    register,
    try_to_register_with,
)
from mailflow_specs.pages.registration import Entries, RegistrationPage
from mailflow_specs.pages.transliteration import TransliterationPage
from mailflow_specs.targets.labels import Label, Refusal, Route
from mailflow_specs.verdicts.kinds import charge
from mailflow_specs.verdicts.soft import soft_check


def registration_page(context) -> RegistrationPage:
    return RegistrationPage(context.world.page, context.world.profile)


@given("{who:Shopper} is on the home page")
def step_given_on_the_home_page(context, who):
    context.world.shopper(who)
    registration_page(context).open_home()


@given("{who:Shopper} is on the registration form")
def step_given_on_the_registration_form(context, who):
    context.world.shopper(who)
    open_registration_form(context.world)


@given("{who:Shopper} has filled in the registration form correctly")
def step_given_filled_in_correctly(context, who):
    fill_registration_form(context.world, context.world.shopper(who))


@given("{who:Shopper} has just created {her:Pronoun} profile")
def step_given_just_created_profile(context, who, her):
    register(context.world, context.world.shopper(who, her))


@given("{who:Shopper} has opened the transliteration aid from the registration form")
def step_given_opened_transliteration(context, who):
    context.world.shopper(who)
    open_registration_form(context.world).press(Label.TRANSLITERATION_LINK)


@given("{who:Shopper} has written {her:Pronoun} name as {she:Pronoun} writes it at home")
def step_given_wrote_native_name(context, who, her, she):
    shopper = context.world.shopper(who, her, she)
    page = registration_page(context)
    page.fill(replace(Entries.for_persona(shopper.persona, context.world.captcha_answer),
                      name=shopper.native_name))  # all else correct: only the name can be refused
    page.create_profile()


@given("{who:Shopper} has transliterated {her:Pronoun} name in the aid opened from the registration form")
def step_given_transliterated(context, who, her):
    shopper = context.world.shopper(who, her)
    open_registration_form(context.world).press(Label.TRANSLITERATION_LINK)
    TransliterationPage(context.world.page, context.world.profile).transliterate(shopper.native_name)


@when('{who:Shopper} presses "Register" in the header')
def step_when_presses_register(context, who):
    shopper = context.world.shopper(who)
    page = registration_page(context)
    shopper.seen["register_misplaced"] = ""  # measured where she pressed it, judged by a Then
    try:
        check_on_the_right_of(page.header, page.header_control(Label.REGISTER), "REG-01")
    except AssertionError as misplaced:  # judged by the Then; Playwright's own failures are assertions too
        shopper.seen["register_misplaced"] = str(misplaced)
    try:
        page.enter(Label.REGISTER, Route.REGISTER, may_route=False)  # REG-02's own subject: no route
    except AssertionError as error:
        if shopper.seen["register_misplaced"]:  # REG-01's Then is not reached: its failure is said now
            with soft_check(context, "REG-01"):
                raise ExpectationFailed(shopper.seen["register_misplaced"]) from None
        charge(error, ("REG-02",))  # no control to press: REG-02's failure; REG-03 is not reached
        raise


@when("{who:Shopper} copies the Latin spelling and pastes it into the name field of the form")
def step_when_copies_and_pastes(context, who):
    context.world.shopper(who)
    copy_spelling_into_form(context.world)


@then('the "Register" button {she:Pronoun} pressed was on the right of the header')
def step_then_register_on_the_right(context, she):
    misplaced = context.world.shopper(she).seen.get("register_misplaced")
    with soft_check(context, "REG-01"):  # a misplaced button does not hide REG-02 and REG-03
        if misplaced:
            raise ExpectationFailed(misplaced)


@given('{who:Shopper} presses "Create your profile"')
@when('{who:Shopper} presses "Create your profile"')
def step_when_presses_create_profile(context, who):
    context.world.shopper(who)
    registration_page(context).create_profile()


@when("{who:Shopper} transliterates {her:Pronoun} name as {she:Pronoun} writes it at home")
def step_when_transliterates(context, who, her, she):
    shopper = context.world.shopper(who, her, she)
    TransliterationPage(context.world.page, context.world.profile).transliterate(shopper.native_name)


@when("{who:Shopper} accepts the spelling the form offers")
def step_when_accepts_offered_spelling(context, who):
    context.world.shopper(who)
    world = context.world
    page = registration_page(context)
    check_refused_beside(page.field(Label.NAME), world.refusal(Refusal.NAME_NOT_LATIN), world.said("the refusal"))
    page.use_suggested_spelling()


@given("{who:Shopper} tries to create {her:Pronoun} profile with {problem}")
@when("{who:Shopper} tries to create {her:Pronoun} profile with {problem}")
def step_when_tries_with_problem(context, who, her, problem):
    try_to_register_with(context.world, context.world.shopper(who, her), problem)


@then("{who:Shopper} sees the registration form")
def step_then_sees_registration_form(context, who):
    context.world.shopper(who)
    expect(registration_page(context).form_heading, context.world.said("the registration form")).to_be_visible()


@then("its fields are labelled, in this order:")
def step_then_fields_labelled_in_order(context):
    page = registration_page(context)
    names = [row["field"] for row in context.table if page.has_field(form_fields().lookup(row["field"]))]
    fields = [page.field(form_fields().lookup(name)) for name in names]
    for name, field in zip(names, fields, strict=True):
        expect(field, f"REG-03: a labelled field for the {name}").to_be_visible()  # REG-03's check alone
    check_fields_in_order(fields, names, "REG-03")


@then("the Latin spelling of {her:Pronoun} name appears at once, ready to copy")
def step_then_latin_spelling_appears(context, her):
    shopper = context.world.shopper(her)
    output = TransliterationPage(context.world.page, context.world.profile).output_box
    expect(output, context.world.said("the Latin spelling")).to_have_value(latin_spelling(shopper))


@then("the name field holds the Latin spelling of {her:Pronoun} name")
def step_then_name_field_holds_latin(context, her):
    shopper = context.world.shopper(her)
    field = registration_page(context).field(Label.NAME)
    expect(field, context.world.said("the offered spelling in the name field")).to_have_value(latin_spelling(shopper))


@then("{who:Shopper} sees that the registration succeeded")
def step_then_registration_succeeded(context, who):
    context.world.shopper(who)
    expect(registration_page(context).success_window, context.world.said("the success window")).to_be_visible()


@then("the small print says a confirmation letter was sent to {her:Pronoun}")
def step_then_small_print(context, her):
    world = context.world
    shopper = world.shopper(her)
    window = registration_page(context).success_window
    expect(window, world.said("the small print")).to_contain_text(world.text(Label.CONFIRMATION_LETTER_SENT))
    # The state, not only the sentence. Rejects: a window announcing a letter nobody sent.
    await_letter(world, shopper, Label.CONFIRMATION_SUBJECT)


@then('the {field:FormField} is refused because "{reason}"')
def step_then_field_refused(context, field, reason):
    world = context.world
    refusal = world.refusal(refusal_reasons().lookup(reason, world.current_shopper()))
    locator = registration_page(context).field(form_fields().lookup(field))
    shopper = world.current_shopper()
    shopper.seen["refused"] = check_refused_beside(locator, refusal, f"the refusal beside the {field}")
    # Rejects: a refused registration that creates the account anyway (its letter is sent).
    check_no_new_letter(world, shopper.email, Label.CONFIRMATION_SUBJECT, shopper.seen["letters"],
                        "after the registration was refused")


@then("everything {she:Pronoun} typed is still there, except the passwords")
def step_then_typed_values_kept(context, she):
    world = context.world
    entries = world.shopper(she).typed["entries"]
    page = registration_page(context)
    for field, value in page.name_fields(entries.name):
        expect(field, world.said("the name is kept")).to_have_value(value)
    expect(page.field(Label.EMAIL), world.said("the email address is kept")).to_have_value(address_as_typed(entries.email))
    if world.shopper(she).seen.get("refused") != "by the browser":  # else nothing was sent
        expect(page.field(Label.PASSWORD), world.said("the password is not sent back")).to_have_value("")
        expect(page.field(Label.PASSWORD_REPEAT), world.said("the repetition is not sent back")).to_have_value("")
    if page.has_field(Label.MEMBERSHIP) and entries.membership is not None:
        expect(page.field(Label.MEMBERSHIP), world.said("the membership tick is kept")).to_be_checked(
            checked=entries.membership)


@then("the form says beside the email address that it must be written in English letters")
def step_then_email_not_latin(context):
    check_email_refused_not_latin(context.world, context.world.current_shopper())


@then("the address {she:Pronoun} typed is still in its field")
def step_then_address_kept(context, she):
    """As she typed it: a browser's email field holds an internationalised domain in its ASCII
    form (punycode) and shows it in her letters, so that form counts as hers too."""
    world = context.world
    typed = world.shopper(she).typed["entries"].email
    held = registration_page(context).field(Label.EMAIL).input_value()
    if as_typed(held) != typed:
        raise ExpectationFailed(world.said(f"expected the address she typed, {typed!r}, kept in its field; "
                                           f"it holds {held!r}."))


def as_typed(address: str) -> str:
    local, _, domain = address.rpartition("@")
    try:
        return f"{local}@{domain.encode('ascii').decode('idna')}"
    except UnicodeError:
        return address


@then("a new CAPTCHA picture is shown")
def step_then_new_captcha(context):
    shopper = context.world.current_shopper()
    page = registration_page(context)
    expect(page.captcha_image, context.world.said("a CAPTCHA picture")).to_be_visible()
    expect(page.captcha_image, context.world.said("a new picture")).not_to_have_attribute("src", shopper.seen["captcha"])


@given('{who:Shopper} has filled in the registration form with the pseudonym "{pseudonym}"')
def step_given_filled_in_with_pseudonym(context, who, pseudonym):
    page = fill_registration_form(context.world, context.world.shopper(who))
    for field, value in page.name_fields(pseudonym):  # in as many fields as the form asks for it
        field.fill(value)


@then("the small print names the address {she:Pronoun} gave")
def step_then_small_print_names_address(context, she):
    world = context.world
    page = registration_page(context)
    if "REG-11" in world.instructions and len(world.instructions) > 1:
        with soft_check(context, "REG-11"):  # ordinary-sized print is REG-11's failure alone
            check_small_print(page, page.small_print, "REG-11: the small print")
    else:
        check_small_print(page, page.small_print, world.said("the small print"))
    expect(page.small_print, world.said("the address in the small print")).to_contain_text(world.shopper(she).email)
