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
from mailflow.scenario.phrases import PhraseTable
from mailflow.scenario.shopper import Shopper
from mailflow.scenario.world import World
from mailflow.targets.labels import Label
from mailflow.targets.seams import Seams


def open_registration_form(world: World) -> RegistrationPage:
    page = RegistrationPage(world.page, world.profile)
    page.open_home()
    page.header_control(Label.REGISTER).click()
    expect(page.form_heading, "REG-02: the registration form").to_be_visible()
    return page


def fill_registration_form(world: World, shopper: Shopper) -> RegistrationPage:
    """Open the form and fill it in correctly, without sending it."""
    page = open_registration_form(world)
    page.fill(Entries.for_persona(shopper.persona, world.captcha_answer))
    return page


def register(world: World, shopper: Shopper) -> RegistrationPage:
    """Create her profile through the form, up to the success window."""
    page = fill_registration_form(world, shopper)
    page.create_profile()
    expect(page.success_window, "REG-11: the success window").to_be_visible()
    return page


def register_elsewhere(world: World, shopper: Shopper) -> None:
    """Register ``shopper`` in a browser context of her own, leaving the scenario's page alone."""
    context = world.context.browser.new_context(base_url=world.endpoints.base_url)
    try:
        seams = Seams(world.profile, context, world.endpoints.base_url)
        other = replace(world, context=context, page=context.new_page(), seams=seams,
                        captcha_answer=seams.fix_captcha_answer())
        register(other, shopper)
    finally:
        context.close()


def latin_spelling(shopper: Shopper) -> str:
    """The Latin spelling of her name as written at home."""
    return unidecode(shopper.native_name)


def entries_with_problem(world: World, shopper: Shopper, problem: str) -> Entries:
    """Correct entries for her but for the one ``problem`` a feature names."""
    spoil = REGISTRATION_PROBLEMS.lookup(problem, shopper)
    return spoil(world, shopper, Entries.for_persona(shopper.persona, world.captcha_answer))


def _already_registered(world: World, shopper: Shopper, entries: Entries) -> Entries:
    register_elsewhere(world, shopper)
    return entries


# What a shopper may type instead of a name, as the features say it (registration and
# the personal data page share it).
NAME_PROBLEMS: PhraseTable[Callable[[Shopper], str]] = PhraseTable("name problem", {
    "no name at all": lambda s: "",
    "{her} name written in Cyrillic letters": lambda s: s.native_name,
    # The rule is "Latin letters only", not "no Cyrillic": every other alphabet is refused too.
    "{her} name written in Greek letters": lambda s: "Ελένη Παπαδοπούλου",
    "{her} name written in Arabic letters": lambda s: "ليلى حداد",
    "{her} name written in Chinese characters": lambda s: "王秀英",
})

Spoil = Callable[[World, Shopper, Entries], Entries]


def _bad_name(phrase: str) -> Spoil:
    return lambda w, s, e: replace(e, name=NAME_PROBLEMS.entries[phrase](s))


REGISTRATION_PROBLEMS: PhraseTable[Spoil] = PhraseTable("problem", {
    **{phrase: _bad_name(phrase) for phrase in NAME_PROBLEMS},
    "an address that is not an email address": lambda w, s, e: replace(
        e, email=e.email.replace("@", " at ")),
    "an address that is already registered": _already_registered,
    "a password that is too simple": lambda w, s, e: replace(
        e, password="password1", password_repeat="password1"),
    "a repeated password that does not match": lambda w, s, e: replace(
        e, password_repeat=e.password + "x"),
    "the letters of the picture typed wrong": lambda w, s, e: replace(
        e, captcha_answer=e.captcha_answer[::-1] + "Q"),
    "the club membership not ticked": lambda w, s, e: replace(e, membership=False),
})
