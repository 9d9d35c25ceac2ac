"""Steps of registration (REG-01..REG-11): the header, the form, its refusals."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow.checks import (
    check_fields_in_order,
    check_on_the_right_of,
    check_refused_beside,
)
from mailflow.flows.registration import (
    REFUSAL_KEYS,
    entries_with_problem,
    fill_registration_form,
    latin_spelling,
    open_registration_form,
    register,
)
from mailflow.pages.registration import RegistrationPage
from mailflow.pages.transliteration import TransliterationPage


@given("{who:Shopper} is on the home page")
def step_given_on_the_home_page(context, who):
    context.world.shopper(who)
    RegistrationPage(context.world.page, context.world.profile).open_home()


@given("{who:Shopper} is on the registration form")
def step_given_on_the_registration_form(context, who):
    open_registration_form(context.world, context.world.shopper(who))


@given("{who:Shopper} has filled in the registration form correctly")
def step_given_filled_in_correctly(context, who):
    fill_registration_form(context.world, context.world.shopper(who))


@given("{who:Shopper} has just created {pronoun} profile")
def step_given_just_created_profile(context, who, pronoun):
    register(context.world, context.world.shopper(who))


@given("{who:Shopper} has opened the transliteration aid from the registration form")
def step_given_opened_transliteration(context, who):
    page = open_registration_form(context.world, context.world.shopper(who))
    page.press("transliteration_link")


@given("{who:Shopper} has written {pronoun} name as {pronoun2} writes it at home")
def step_given_wrote_native_name(context, who, pronoun, pronoun2):
    world = context.world
    page = RegistrationPage(world.page, world.profile)
    page.field("name").fill(world.shopper(who).native_name)
    page.create_profile()
    check_refused_beside(page.field("name"), world.refusal("name_not_latin"), "REG-04: the refusal")


@when('{who:Shopper} presses "Register" on the right of the header')
def step_when_presses_register(context, who):
    world = context.world
    page = RegistrationPage(world.page, world.profile)
    check_on_the_right_of(page.header, page.header_control("register"), "REG-01")
    page.header_control("register").click()


@when('{who:Shopper} presses "Create your profile"')
def step_when_presses_create_profile(context, who):
    RegistrationPage(context.world.page, context.world.profile).create_profile()


@when("{who:Shopper} transliterates {pronoun} name as {pronoun2} writes it at home")
def step_when_transliterates(context, who, pronoun, pronoun2):
    world = context.world
    TransliterationPage(world.page, world.profile).transliterate(world.shopper(who).native_name)


@when("{who:Shopper} accepts the spelling the form offers")
def step_when_accepts_offered_spelling(context, who):
    RegistrationPage(context.world.page, context.world.profile).use_suggested_spelling()


@when("{who:Shopper} tries to create {pronoun} profile with {problem}")
def step_when_tries_with_problem(context, who, pronoun, problem):
    world = context.world
    page = RegistrationPage(world.page, world.profile)
    context.captcha_before = page.captcha_source()
    persona = world.shopper(who)
    entries = entries_with_problem(world, persona, problem)
    world.typed[persona.first_name] = entries
    page.fill(entries)
    page.create_profile()


@then("{pronoun} sees the registration form")
def step_then_sees_registration_form(context, pronoun):
    expect(RegistrationPage(context.world.page, context.world.profile).form_heading,
           "REG-02: the registration form").to_be_visible()


@then("its fields are labelled, in this order:")
def step_then_fields_labelled_in_order(context):
    page = RegistrationPage(context.world.page, context.world.profile)
    names = [row["field"] for row in context.table]
    for name in names:
        expect(page.field_named(name), f"REG-03: a labelled field for the {name}").to_be_visible()
    check_fields_in_order([page.field_named(name) for name in names], names, "REG-03")


@then("the Latin spelling of {pronoun} name appears at once, ready to copy")
def step_then_latin_spelling_appears(context, pronoun):
    world = context.world
    output = TransliterationPage(world.page, world.profile).output_box
    expect(output, "REG-05: the Latin spelling").to_have_value(latin_spelling(world))


@then("the name field holds the Latin spelling of {pronoun} name")
def step_then_name_field_holds_latin(context, pronoun):
    world = context.world
    field = RegistrationPage(world.page, world.profile).field("name")
    expect(field, "REG-04: the offered spelling in the name field").to_have_value(latin_spelling(world))


@then("{pronoun} sees that the registration succeeded")
def step_then_registration_succeeded(context, pronoun):
    window = RegistrationPage(context.world.page, context.world.profile).success_window
    expect(window, "REG-11: the success window").to_be_visible()


@then("the small print says a confirmation letter was sent to {pronoun}")
def step_then_small_print(context, pronoun):
    world = context.world
    window = RegistrationPage(world.page, world.profile).success_window
    expect(window, "REG-11: the small print").to_contain_text(world.text("confirmation_letter_sent"))


@then('the {field} is refused because "{reason}"')
def step_then_field_refused(context, field, reason):
    world = context.world
    locator = RegistrationPage(world.page, world.profile).field_named(field)
    check_refused_beside(locator, world.refusal(REFUSAL_KEYS[reason]), f"the refusal beside the {field}")


@then("everything {pronoun} typed is still there, except the passwords")
def step_then_typed_values_kept(context, pronoun):
    world = context.world
    page = RegistrationPage(world.page, world.profile)
    entries = world.typed[world.last_named]
    expect(page.field("name"), "the name is kept").to_have_value(entries.name)
    expect(page.field("email"), "the email address is kept").to_have_value(entries.email)
    expect(page.field("password"), "the password is not sent back").to_have_value("")
    expect(page.field("password_repeat"), "the repetition is not sent back").to_have_value("")
    expect(page.field("membership"), "the membership tick is kept").to_be_checked(
        checked=entries.membership
    )


@then("a new CAPTCHA picture is shown")
def step_then_new_captcha(context):
    page = RegistrationPage(context.world.page, context.world.profile)
    expect(page.captcha_image, "REG-08: a CAPTCHA picture").to_be_visible()
    expect(page.captcha_image, "REG-08: a new picture").not_to_have_attribute(
        "src", context.captcha_before
    )

