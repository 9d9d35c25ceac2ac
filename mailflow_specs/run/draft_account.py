"""What ``mailflow probe --draft`` learns by registering a throwaway account on the target.

The texts a shopper sees only after registering (the success message, the letter's subject,
sender and link, the page the link opens, the notice of an unconfirmed sign-in, a wrong
password's refusal, a registered address's refusal) cannot be read from the pages alone. So the
draft registers one account with an address of its own (``drafting-…@example.com``), reads its
letter from the mail catcher, signs in before and after confirming, follows the link twice, and
tries the same address and a too simple password once more. Everything it learns is a text the
target itself showed; every step that shows nothing leaves its key open with the reason.

Only a test build should be drafted this way: ``--read-only`` keeps the draft to forms a careful
target refuses.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from mailflow_specs.actors.personas import unique_address
from mailflow_specs.mail.catcher import Catcher
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.survey import PageSurvey
from mailflow_specs.targets.labels import Label, Refusal, Timing

PASSWORD = "Qz7!drafted-Passw0rd"
TOO_SIMPLE = "abc1"
SIGN_OUT = re.compile(r"^(sign ?out|log ?out)\b", re.IGNORECASE)
UNUSABLE = re.compile(r"used|invalid|expired|already|cannot|can't|no longer", re.IGNORECASE)
USED = re.compile(r"used|already", re.IGNORECASE)
MAILBOX = re.compile(r"view|mail|inbox|open", re.IGNORECASE)
GUIDE_VIEW = "View"  # REG-12: the success message's button to the mailbox
GUIDE_PASSWORD = "Password"  # CONF-10: the appeal first asks the shopper to prove it is her
ACCOUNT = re.compile(r"\b(my )?(account|profile|personal)\b", re.IGNORECASE)
APPEAL = re.compile(r"appeal|reactivat|activate|confirm (my |your )?account|resend|verify", re.IGNORECASE)
CONFIRMED = re.compile(r"confirm|verif|activ", re.IGNORECASE)
LETTER_WAIT_SECONDS = 10.0
POLL_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Form:
    """The registration form as the draft read it: its route, its fields' labels by role, its
    button. ``fill`` values: names, then the address and the two passwords."""

    route: str
    roles: dict[str, list[str]]
    submit: str


@dataclass
class Learnt:
    """Keys learnt by registering, by table, and why the others stay open."""

    labels: dict[str, str | list[str]] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    timing: dict[str, int] = field(default_factory=dict)
    mail: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    absent: dict[str, str] = field(default_factory=dict)
    why_open: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def learn_by_registering(browser: Browser, base_url: str, form: Form, sign_in_route: str | None,
                         catcher: Catcher) -> Learnt:
    learnt = Learnt()
    address = unique_address("drafting")
    page = browser.new_context(base_url=base_url).new_page()
    page.set_default_timeout(8000)
    survey = PageSurvey(page)
    try:
        page.goto("/")  # what the home page and the form show anyway is no message
        before, headings_before = survey.lines(), set(survey.headings())
        page.goto(form.route)
        before += survey.lines()
        headings_before |= set(survey.headings())
        controls_before = {c.name for c in survey.controls()}
        _fill(survey, form, address, PASSWORD, PASSWORD)
        survey.send_form(form.submit)
        if _refused(survey, form, address):
            said = [line for line in survey.lines() if line not in before]
            learnt.notes.append("nothing registered: the form refused the throwaway account"
                                + (f" ({said[0]})" if said else "") + "; fill in the texts after registering by hand")
            return learnt
        _read_success(learnt, survey, before, headings_before, address, controls_before)
        letter = _await_letter(catcher, address)
        link = _read_letter(learnt, letter, base_url) if letter else ""
        if letter is None:  # the rest is learnt without it
            for key in (Label.CONFIRMATION_SUBJECT, Label.CONFIRM_LINK, Label.EMAIL_CONFIRMED):
                learnt.why_open[f"labels.{key}"] = (f"no letter reached {address} within {LETTER_WAIT_SECONDS:g}s: "
                                                    "check [mail] api_url")
        if sign_in_route:
            _sign_in(learnt, browser, base_url, sign_in_route, address, PASSWORD + "x", wrong=True)
            _sign_in(learnt, browser, base_url, sign_in_route, address, PASSWORD, wrong=False)
        if link:
            _follow_twice(learnt, browser, base_url, link, address)
            if sign_in_route:
                _sign_in(learnt, browser, base_url, sign_in_route, address, PASSWORD, wrong=False, confirmed=True)
        _refusal_of(learnt, survey, form, address, PASSWORD, Refusal.EMAIL_TAKEN, Label.EMAIL,
                    "the form took an address that is already registered without a word")
        _refusal_of(learnt, survey, form, unique_address("drafting"), TOO_SIMPLE, Refusal.PASSWORD_TOO_SIMPLE,
                    Label.PASSWORD, f"the form took the password {TOO_SIMPLE!r}")
    except PlaywrightError as error:
        learnt.notes.append(f"registering a throwaway account stopped: {error.message.splitlines()[0]}")
    finally:
        page.context.close()
    return learnt


def _fill(survey: PageSurvey, form: Form, address: str, password: str, repeat: str) -> None:
    for index, label in enumerate(form.roles.get(Label.NAME, [])):
        survey.fill(label, ("Ola", "Kowalska", "Maria")[index % 3])
    for key, value in ((Label.EMAIL, address), (Label.PASSWORD, password), (Label.PASSWORD_REPEAT, repeat)):
        if key in form.roles:
            survey.fill(form.roles[key][0], value)
    if Label.MEMBERSHIP in form.roles:
        survey.page.get_by_label(form.roles[Label.MEMBERSHIP][0], exact=True).first.check()


def _refused(survey: PageSurvey, form: Form, address: str) -> bool:
    """Whether the form is still there, holding the address, with no window over it: refused."""
    if survey.page.get_by_role("dialog").count() or Label.EMAIL not in form.roles:
        return False
    field = survey.page.get_by_label(form.roles[Label.EMAIL][0], exact=True)
    return field.count() > 0 and field.first.input_value() == address


def _read_success(learnt: Learnt, survey: PageSurvey, before: list[str], headings_before: set[str],
                  address: str, controls_before: set[str]) -> None:
    """The success message: a window's name, else a new heading, else the first new text; the
    small print is the text that names the address (the address itself left out)."""
    new = [line for line in survey.lines() if line not in before]
    dialog = survey.page.get_by_role("dialog")
    headings = [h for h in survey.headings() if h not in headings_before]
    if dialog.count():
        window = dialog.first
        name = (window.get_attribute("aria-label") or "").strip()
        titles = [t.strip() for t in window.get_by_role("heading").all_inner_texts() if t.strip()]
        succeeded = name or (titles[0] if titles else "")
    elif headings:
        succeeded = headings[0]
    else:
        succeeded = next((_without(first_sentence(line), address) for line in new), "")
    if succeeded:
        learnt.labels[Label.REGISTRATION_SUCCEEDED] = succeeded
    else:
        learnt.why_open[f"labels.{Label.REGISTRATION_SUCCEEDED}"] = "registering showed no new text"
    naming = next((line for line in new if address.lower() in line.lower()), None)
    sent = _around(naming, address) if naming else next(
        (first_sentence(line) for line in new if re.search(r"sent|e-?mail|letter|inbox", line, re.IGNORECASE)
         and line != succeeded), "")
    if sent:
        learnt.labels[Label.CONFIRMATION_LETTER_SENT] = sent
    else:
        learnt.why_open[f"labels.{Label.CONFIRMATION_LETTER_SENT}"] = "no text after registering names the letter"
    to_mailbox = next((c.name for c in survey.controls() if c.name not in controls_before and MAILBOX.search(c.name)),
                      None)
    learnt.labels[Label.VIEW_MAILBOX] = to_mailbox or GUIDE_VIEW
    if not to_mailbox:
        learnt.notes.append(f'view_mailbox = "{GUIDE_VIEW}" is the guide\'s word (REG-12): no control to the mailbox '
                            "was seen after registering")


def _await_letter(catcher: Catcher, address: str) -> Letter | None:
    deadline = time.monotonic() + LETTER_WAIT_SECONDS
    while time.monotonic() < deadline:
        found = catcher.headings(address)
        if found:
            return catcher.letter(found[0].id)
        time.sleep(POLL_SECONDS)  # between polls of the catcher, with a deadline
    return None


def _read_letter(learnt: Learnt, letter: Letter, base_url: str) -> str:
    """The letter's subject and sender, and its link back to the target: by its text where the
    letter has one, else by the link's path (a plain-text letter shows bare addresses)."""
    learnt.labels[Label.CONFIRMATION_SUBJECT] = re.sub(r"^\[[^\]]*\]\s*", "", letter.subject).strip()
    learnt.mail["sender"] = letter.sender
    host = urlsplit(base_url).netloc
    ours = [(url, texts) for url, texts in letter.links_with_texts() if urlsplit(url).netloc == host]
    if not ours:
        learnt.why_open[f"labels.{Label.CONFIRM_LINK}"] = f"the letter holds no link to {host}"
        return ""
    url, shown = ours[0]
    texts = [t.strip() for t in shown if t.strip() and not t.strip().startswith("http")]
    if texts:
        learnt.labels[Label.CONFIRM_LINK] = texts[0]
    else:
        path = urlsplit(url).path
        prefix = path[: path.rstrip("/").rfind("/") + 1] or path
        learnt.labels[Label.CONFIRM_LINK] = learnt.links[Label.CONFIRM_LINK] = prefix
    return url


def _sign_in(learnt: Learnt, browser: Browser, base_url: str, route: str, address: str, password: str, *,
             wrong: bool, confirmed: bool = False) -> None:
    """Sign in from a fresh browser: a wrong password's refusal; before confirming, whether an
    unconfirmed account may sign in at all; after confirming, the control that signs out."""
    page = browser.new_context(base_url=base_url).new_page()
    page.set_default_timeout(8000)
    survey = PageSurvey(page)
    try:
        page.goto(route)
        before, headings_before = survey.lines(), set(survey.headings())
        fields = survey.fields()
        login = next((f for f in fields if f.type == "email" or re.search(r"e-?mail|login|user", f.label, re.I)), None)
        secret = next((f for f in fields if f.type == "password"), None)
        submit = next((c for c in survey.controls() if c.submits), None)
        if not (login and secret and submit):
            learnt.notes.append(f"the sign-in page {route} has no address, password and button the kit could read")
            return
        survey.fill(login.label, address)
        survey.fill(secret.label, password)
        survey.send_form(submit.name)
        new = [line for line in survey.lines() if line not in before and address.lower() not in line.lower()]
        signed_in = next((c.name for c in survey.controls() if SIGN_OUT.search(c.name)), None)
        if wrong:
            if new:
                learnt.refusals[Refusal.WRONG_CREDENTIALS] = first_sentence(new[0])
            return
        if signed_in:
            learnt.labels[Label.SIGN_OUT] = signed_in
            account = next((c.name for c in survey.controls()
                            if ACCOUNT.search(c.name) and not APPEAL.search(c.name) and c.name != signed_in), None)
            if account:
                learnt.labels[Label.MY_ACCOUNT] = account
            elif confirmed:
                learnt.absent["personal_data"] = ("drafted: once signed in, no control leads to an account or "
                                                  "personal-data page")
            if not confirmed:
                learnt.notes.append("an unconfirmed account could sign in: write your grace period "
                                    f"([timing] {Timing.GRACE_PERIOD_DAYS})")
            return
        if not confirmed:  # refused before confirming: blocked at once
            headings = [h for h in survey.headings() if h not in headings_before]
            learnt.timing[Timing.GRACE_PERIOD_DAYS] = 0
            learnt.labels[Label.ACCOUNT_BLOCKED] = headings[0] if headings else first_sentence(new[0]) if new else ""
            because = [first_sentence(line) for line in new if line not in headings]
            learnt.labels[Label.BLOCKED_BECAUSE_UNCONFIRMED] = because[0] if because else \
                learnt.labels[Label.ACCOUNT_BLOCKED]
            if not learnt.labels[Label.ACCOUNT_BLOCKED]:
                del learnt.labels[Label.ACCOUNT_BLOCKED], learnt.labels[Label.BLOCKED_BECAUSE_UNCONFIRMED]
            learnt.notes.append("an unconfirmed account could not sign in right after registering: "
                                f"[timing] {Timing.GRACE_PERIOD_DAYS} = 0 (if that is your rule, declare CONF-01 "
                                "in [deviations])")
            _read_appeal(learnt, survey)
    finally:
        page.context.close()


def _read_appeal(learnt: Learnt, survey: PageSurvey) -> None:
    """What the blocked notice offers to get the account back: the control, the page it opens
    (its heading, its password field, its button). None offered: the appeal is absent."""
    offered = next((c.name for c in survey.controls() if APPEAL.search(c.name) and not c.submits), None)
    if offered is None:
        learnt.absent["appeal"] = "drafted: the blocked notice offers nothing to appeal or to ask for a new letter"
        return
    learnt.labels[Label.APPEAL] = offered
    survey.press(offered)
    headings = survey.headings()
    if headings:
        learnt.labels[Label.APPEAL_PROVE_HEADING] = headings[0]
    password = next((f for f in survey.fields() if f.type == "password" and f.label), None)
    learnt.labels[Label.APPEAL_PASSWORD] = password.label if password else GUIDE_PASSWORD
    if not password:
        learnt.notes.append(f'appeal_password = "{GUIDE_PASSWORD}" is what the appeal asks for first (CONF-10: '
                            "prove it is you): its page has no password field")
    submit = next((c for c in survey.controls() if c.submits), None)
    if submit:
        learnt.labels[Label.APPEAL_CONTINUE] = submit.name


def _follow_twice(learnt: Learnt, browser: Browser, base_url: str, link: str, address: str) -> None:
    """The link confirms (the page says so); followed again, it is refused."""
    page = browser.new_context(base_url=base_url).new_page()
    page.set_default_timeout(8000)
    survey = PageSurvey(page)
    try:
        page.goto("/")
        before = survey.lines()
        page.goto(link)
        new = [line for line in survey.lines() if line not in before]
        said = next((line for line in new if CONFIRMED.search(line)), None)
        if said:
            learnt.labels[Label.EMAIL_CONFIRMED] = _without(said, address)
        else:
            learnt.why_open[f"labels.{Label.EMAIL_CONFIRMED}"] = "the link's page says nothing of a confirmation"
        page.goto("/")
        before = survey.lines()
        page.goto(link)
        new = [first_sentence(line) for line in survey.lines() if line not in before]
        unusable = [line for line in new if UNUSABLE.search(line)]
        if unusable:
            learnt.labels[Label.LINK_UNUSABLE] = unusable[0]
            used = [line for line in unusable if USED.search(line)]
            distinct = [line for line in used if line != unusable[0]]
            if used:
                learnt.refusals[Refusal.LINK_USED] = (distinct or used)[0]
        else:
            learnt.why_open[f"labels.{Label.LINK_UNUSABLE}"] = "the link followed twice showed no refusal"
    finally:
        page.context.close()


def _refusal_of(learnt: Learnt, survey: PageSurvey, form: Form, address: str, password: str, key: str,
                field_key: str, took_it: str) -> None:
    """Send the form once more with one thing wrong; the new text beside ``field_key``'s field."""
    labels = form.roles.get(field_key, [])
    if not labels:
        return
    page = survey.page
    page.goto(form.route)
    hints = {f.label: set(f.beside) for f in survey.fields()}
    _fill(survey, form, address, password, password)
    survey.send_form(form.submit)
    fields = {f.label: f for f in survey.fields()}
    found = fields.get(labels[0])
    new = [t for t in found.beside if t not in hints.get(labels[0], set())] if found else []
    if new:
        learnt.refusals[key] = _around(new[0], address) if address.lower() in new[0].lower() else first_sentence(new[0])
    else:
        learnt.why_open[f"refusals.{key}"] = took_it


def first_sentence(text: str) -> str:
    """``"Thank you. Your…"`` → ``"Thank you"``: up to the first full stop that ends a sentence."""
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].rstrip(".!").strip()


def _without(text: str, address: str) -> str:
    """The text up to the address it names (an address differs on every run)."""
    at = text.lower().find(address.lower())
    return (text[:at] if at > 0 else text).strip().rstrip(".,:;").strip()


def _around(text: str, address: str) -> str:
    """The longer part of a text that names the address, on either side of it."""
    at = text.lower().find(address.lower())
    parts = [text[:at], text[at + len(address):]] if at >= 0 else [text]
    longest = max((p.strip(" .,:;") for p in parts), key=len)
    return longest.strip()
