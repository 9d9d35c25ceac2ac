"""Registration as domain verbs: open the form, fill it in, register, spoil one entry.

Steps call these; the page objects do the clicking. Registering through the form is
also how other features' Given steps create a shopper.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from playwright.sync_api import expect

from mailflow_specs.actors.personas import native_name_of
from mailflow_specs.actors.phrases import PhraseTable
from mailflow_specs.actors.reliance import relies_on
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.errors import MailflowError
from mailflow_specs.flows.checks import check_refused_beside
from mailflow_specs.flows.letter_checks import check_no_new_letter, letters_so_far
from mailflow_specs.pages.registration import Entries, RegistrationPage
from mailflow_specs.pages.transliteration import TransliterationPage
from mailflow_specs.targets.labels import Capability, Label, Refusal, Route
from mailflow_specs.targets.seams import Seams


@relies_on("REG-02")
def open_registration_form(world: World) -> RegistrationPage:
    page = RegistrationPage(world.page, world.profile)
    page.open_home()
    page.enter(Label.REGISTER, Route.REGISTER, may_route=not {"REG-01", "REG-02"} & set(world.instructions))
    expect(page.form_heading, world.said("the registration form")).to_be_visible()
    return page


def fill_registration_form(world: World, shopper: Shopper) -> RegistrationPage:
    """Open the form and fill it in correctly, without sending it."""
    page = open_registration_form(world)
    page.fill(Entries.for_persona(shopper.persona, world.captcha_answer))
    return page


@relies_on("REG-06", "REG-07", "REG-10", "REG-11")
def register(world: World, shopper: Shopper) -> RegistrationPage:
    """Create her profile through the form, up to the success window."""
    page = fill_registration_form(world, shopper)
    page.create_profile()
    expect(page.success_window, world.said("the success window")).to_be_visible()
    return page


def register_elsewhere(world: World, shopper: Shopper) -> None:
    """Register ``shopper`` in a browser context of her own, leaving the scenario's page alone
    (with the target's account seam where it offers one)."""
    if world.seams.offers(Capability.ACCOUNT_SEAM):
        persona = shopper.persona
        world.seams.create_account(persona.email, persona.password, persona.full_name, confirmed=False)
        return
    device = world.browsing.open()
    try:
        seams = Seams(world.profile, device.context, world.endpoints.base_url)
        answer = seams.fix_captcha_answer() if seams.offers(Capability.CAPTCHA_SEAM) else ""
        register(replace(world, device=device, seams=seams, captcha_answer=answer), shopper)
    finally:
        device.close()


def copy_spelling_into_form(world: World) -> RegistrationPage:
    """On the transliteration aid: select the spelling, copy it (the keyboard's copy), open the
    registration form and paste it (the keyboard's paste) into the empty name field (REG-05)."""
    aid = TransliterationPage(world.page, world.profile)
    expect(aid.output_box, world.said("a spelling to copy")).not_to_have_value("")
    world.context.grant_permissions(["clipboard-read", "clipboard-write"])
    aid.output_box.select_text()
    world.page.keyboard.press("ControlOrMeta+C")
    page = open_registration_form(world)
    page.field(Label.NAME).fill("")
    page.field(Label.NAME).focus()
    world.page.keyboard.press("ControlOrMeta+V")
    return page


def latin_spelling(shopper: Shopper) -> re.Pattern[str]:
    """Any accepted Latin spelling of her name as written at home (``latin_spellings`` of
    fixtures/personas.toml, written by hand from several schemes, never computed by a library
    a target might share), with any spacing around it."""
    spellings = shopper.persona.latin_spellings
    if not spellings:
        raise MailflowError(f"Expected latin_spellings for {shopper.persona.first_name} in "
                           f"fixtures/personas.toml; got none, so her offered spelling cannot be judged.")
    return re.compile(r"^\s*(?:" + "|".join(re.escape(s) for s in spellings) + r")\s*$")


def entries_with_problem(world: World, shopper: Shopper, problem: str) -> Entries:
    """Correct entries for her but for the one ``problem`` a feature names."""
    spoil = REGISTRATION_PROBLEMS.lookup(problem, shopper)
    return spoil(world, shopper, Entries.for_persona(shopper.persona, world.captcha_answer))


def try_to_register_with(world: World, shopper: Shopper, problem: str) -> Entries:
    """On the registration form: correct entries but for the one ``problem``, then "Create your
    profile" (what she typed and the letters so far are kept on the shopper for the checks)."""
    page = RegistrationPage(world.page, world.profile)
    if page.has_field(Label.CAPTCHA_ANSWER):
        shopper.seen["captcha"] = page.captcha_source()
    entries = entries_with_problem(world, shopper, problem)
    shopper.typed = {"entries": entries}
    shopper.seen["letters"] = letters_so_far(world, shopper.email, Label.CONFIRMATION_SUBJECT)
    page.fill(entries)
    world.page.evaluate("window.mailflowNotSent = true")  # gone once the form is sent
    page.create_profile()
    return entries


def check_email_refused_not_latin(world: World, shopper: Shopper) -> None:
    """The target's own refusal beside the email address (it must be in English letters), and
    no account: no letter. A browser that flags an email field holding other letters does not
    answer for the target (the field is read as plain text first), and one that sends an
    internationalised domain as punycode leaves the refusal to the target."""
    field = RegistrationPage(world.page, world.profile).field(Label.EMAIL)
    if world.page.evaluate("window.mailflowNotSent === true"):  # the browser kept the form from being sent
        check_refused_beside(field, "", world.said("the browser's refusal beside the email address"))
        shopper.seen["refused"] = "by the browser"
        return
    if field.count() == 1:  # sent: the browser's own flag on the field does not answer for the target
        field.evaluate("el => { if (el.type === 'email') el.type = 'text'; }")
    shopper.seen["refused"] = check_refused_beside(field, world.refusal(Refusal.EMAIL_NOT_LATIN),
                                                   world.said("the refusal beside the email address"))
    check_no_new_letter(world, shopper.email, Label.CONFIRMATION_SUBJECT, shopper.seen["letters"],
                        "after the registration was refused")


def _already_registered(world: World, shopper: Shopper, entries: Entries) -> Entries:
    """Her address registered before; its confirmation letter awaited, so that only a letter
    the refused attempt sends would be new."""
    register_elsewhere(world, shopper)
    world.mailbox.new_letter(shopper.email, world.text(Label.CONFIRMATION_SUBJECT))
    return entries


# What a shopper may type instead of a name, as the features say it (registration and
# the personal data page share it).
NAME_PROBLEMS: PhraseTable[Callable[[Shopper], str]] = PhraseTable("name problem", {
    "no name at all": lambda s: "",
    "{her} name written in Cyrillic letters": lambda s: s.native_name,
    "a name written in Greek letters": lambda s: native_name_of("Eleni"),
    "a name written in Chinese characters": lambda s: native_name_of("Mei"),
    "a name written in Arabic letters": lambda s: native_name_of("Layla"),
})

Spoil = Callable[[World, Shopper, Entries], Entries]


def _bad_name(phrase: str) -> Spoil:
    return lambda w, s, e: replace(e, name=NAME_PROBLEMS.entries[phrase](s))


REGISTRATION_PROBLEMS: PhraseTable[Spoil] = PhraseTable("problem", {
    **{phrase: _bad_name(phrase) for phrase in NAME_PROBLEMS},
    "an address that is not an email address": lambda w, s, e: replace(
        e, email=e.email.replace("@", " at ")),
    "an address with no domain ending": lambda w, s, e: replace(  # ola@example, no ".com"
        e, email=e.email.rpartition(".")[0]),
    "an address that is already registered": _already_registered,
    # Rejects: "already registered" judged case by case ("OLA@example.com" taken as new).
    "an address already registered, written in capitals": lambda w, s, e: replace(
        _already_registered(w, s, e), email=e.email.upper()),
    # "All information in English letters" (REG-03): look-alike addresses are refused.
    "an address written in Cyrillic letters": lambda w, s, e: replace(
        e, email="оля-" + e.email.partition("@")[0].rpartition("-")[2] + "@example.com"),
    "an address with one Cyrillic letter among Latin ones": lambda w, s, e: replace(
        e, email=e.email.replace("o", "\u043e", 1) if "o" in e.email.partition("@")[0]
        else "\u0430" + e.email),
    "an address whose domain is written in Cyrillic letters": lambda w, s, e: replace(
        e, email=e.email.partition("@")[0] + "@пример.рф"),
    "a password that is too simple": lambda w, s, e: replace(
        e, password="password1", password_repeat="password1"),
    # Rejects: a strength rule one step too lenient (a guessable word and year passes).
    "a common word and a year as the password": lambda w, s, e: replace(
        e, password="Summer2024", password_repeat="Summer2024"),
    # Rejects: a strength rule that does not know her own name (her surname passes).
    "{her} own surname and a year as the password": lambda w, s, e: replace(
        e, password=s.persona.full_name.split()[-1] + "2026",
        password_repeat=s.persona.full_name.split()[-1] + "2026"),
    "a repeated password that does not match": lambda w, s, e: replace(
        e, password_repeat=e.password + "x"),
    # Rejects: a repetition compared only when typed.
    "the password not repeated": lambda w, s, e: replace(e, password_repeat=""),
    "the letters of the picture typed wrong": lambda w, s, e: replace(
        e, captcha_answer=e.captcha_answer[::-1] + "Q"),
    "the club membership not ticked": lambda w, s, e: replace(e, membership=False),
    # Rejects: a form that ticks the membership for her ("put a tick" is her own act).
    "the club membership left untouched": lambda w, s, e: replace(e, membership=None),
})
