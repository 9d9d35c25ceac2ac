"""Registration as domain verbs: open the form, fill it in, register, spoil one entry.

Steps call these; the page objects do the clicking. Registering through the form is
also how other features' Given steps create a shopper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from playwright.sync_api import expect
from unidecode import unidecode

from mailflow.pages.registration import Entries, RegistrationPage
from mailflow.scenario.personas import Persona
from mailflow.scenario.world import World
from mailflow.targets.seams import Seams

# The reasons a feature names, and the refusal texts of the profile they stand for.
REFUSAL_KEYS = {
    "the name is required": "name_required",
    "the name is not in Latin letters": "name_not_latin",
    "the address is not valid": "email_invalid",
    "the address is already registered": "email_taken",
    "the password is too simple": "password_too_simple",
    "the passwords do not match": "passwords_differ",
    "the letters do not match the picture": "captcha_wrong",
    "membership is required to register": "membership_required",
}


def open_registration_form(world: World, persona: Persona) -> RegistrationPage:
    page = RegistrationPage(world.page, world.profile)
    page.open_home()
    page.header_control("register").click()
    expect(page.form_heading, "REG-02: the registration form").to_be_visible()
    return page


def fill_registration_form(world: World, persona: Persona) -> RegistrationPage:
    """Open the form and fill it in correctly, without sending it."""
    page = open_registration_form(world, persona)
    page.fill(Entries.for_persona(persona, world.captcha_answer))
    return page


def register(world: World, persona: Persona) -> RegistrationPage:
    """Create the persona's profile through the form, up to the success window."""
    page = fill_registration_form(world, persona)
    page.create_profile()
    expect(page.success_window, "REG-11: the success window").to_be_visible()
    return page


def register_elsewhere(world: World, persona: Persona) -> None:
    """Register ``persona`` in a browser context of its own, leaving the scenario's page alone."""
    context = world.context.browser.new_context(base_url=world.endpoints.base_url)
    try:
        seams = Seams(world.profile, context, world.endpoints.base_url)
        other = replace(world, context=context, page=context.new_page(), seams=seams,
                        captcha_answer=seams.fix_captcha_answer())
        register(other, persona)
    finally:
        context.close()


def latin_spelling(world: World) -> str:
    """The Latin spelling of the last named shopper's name as written at home."""
    return unidecode(world.personas[world.last_named].native_name)


def entries_with_problem(world: World, persona: Persona, problem: str) -> Entries:
    """Correct entries for ``persona`` but for the one ``problem`` a feature names."""
    try:
        spoil = _PROBLEMS[problem]
    except KeyError:
        raise KeyError(f"Expected one of these problems: {', '.join(_PROBLEMS)}; got {problem!r}.") from None
    entries = Entries.for_persona(persona, world.captcha_answer)
    return spoil(world, persona, entries)


def _already_registered(world: World, persona: Persona, entries: Entries) -> Entries:
    register_elsewhere(world, persona)
    return entries


_PROBLEMS: dict[str, Callable[[World, Persona, Entries], Entries]] = {
    "no name at all": lambda w, p, e: replace(e, name=""),
    "her name written in Cyrillic letters": lambda w, p, e: replace(e, name=p.native_name),
    "his name written in Cyrillic letters": lambda w, p, e: replace(e, name=p.native_name),
    "an address that is not an email address": lambda w, p, e: replace(
        e, email=e.email.replace("@", " at ")
    ),
    "an address that is already registered": _already_registered,
    "a password that is too simple": lambda w, p, e: replace(
        e, password="password1", password_repeat="password1"
    ),
    "a repeated password that does not match": lambda w, p, e: replace(
        e, password_repeat=e.password + "x"
    ),
    "the letters of the picture typed wrong": lambda w, p, e: replace(
        e, captcha_answer=e.captcha_answer[::-1] + "Q"
    ),
    "the club membership not ticked": lambda w, p, e: replace(e, membership=False),
}
