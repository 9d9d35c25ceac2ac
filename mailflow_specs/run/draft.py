"""``mailflow probe --draft my-shop.toml URL``: a first profile, drafted from the running target.

It visits the home page, the registration entry and form, and the sign-in page; reads the
controls by their accessible names, the fields by their labels, the headings; provokes the
refusals it can safely provoke (an empty form, passwords that differ, an address that is none)
with the browser's own validation off, to learn their texts. Then, unless ``--read-only``, it
registers one throwaway account to learn what only a registered shopper sees (the success
message, the letter, the link's pages, the sign-in notices: ``draft_account.py``). It writes
a profile with every key it could fill, and a comment on each it could not.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, launch
from mailflow_specs.errors import MailflowError, TargetUnreachable
from mailflow_specs.mail.catchers import open_catcher
from mailflow_specs.pages.survey import Control, Field, PageSurvey
from mailflow_specs.run.draft_account import Form, Learnt, learn_by_registering
from mailflow_specs.targets.features import FEATURES
from mailflow_specs.targets.labels import Label, Refusal, Route, Timing

REGISTER = re.compile(r"^(register|sign ?up|create (an |your )?account|join)\b", re.IGNORECASE)
SIGN_IN = re.compile(r"^(sign ?in|log ?in)\b", re.IGNORECASE)
SIGN_OUT = re.compile(r"^(sign ?out|log ?out)\b", re.IGNORECASE)
NAME = re.compile(r"name|pseudonym", re.IGNORECASE)
CAPTCHA = re.compile(r"captcha|letters|picture|characters", re.IGNORECASE)
BAD_ADDRESS = "not-an-address"
PASSWORD = "Qz7!drafted-Passw0rd"


@dataclass(kw_only=True)
class Draft(Learnt):
    """What the visit found: the profile's keys by table (what registering taught among them),
    and why the others are left open."""

    base_url: str
    routes: dict[str, str] = field(default_factory=dict)

    def filled(self) -> dict[str, object]:
        """Every filled key as ``table.key``."""
        tables = {"routes": self.routes, "labels": self.labels, "refusals": self.refusals, "absent": self.absent,
                  "timing": self.timing, "mail": self.mail, "links": self.links}
        return {f"{table}.{k}": v for table, values in tables.items() for k, v in values.items()}

    def take(self, learnt: Learnt) -> None:
        """What registering a throwaway account taught: its keys, and why the others are open."""
        for table in fields(Learnt):
            mine, theirs = getattr(self, table.name), getattr(learnt, table.name)
            if isinstance(mine, dict):
                mine.update(theirs)
            else:
                mine.extend(theirs)


def draft(url: str, *, mail_api: str | None = None, catcher: str = "mailpit", read_only: bool = False) -> Draft:
    found = Draft(base_url=url.rstrip("/"))
    if mail_api:
        found.mail["api_url"] = mail_api
    with sync_playwright() as playwright:
        browser = launch(playwright, BrowserSettings())
        page = browser.new_context(base_url=found.base_url).new_page()
        page.set_default_timeout(8000)
        try:
            page.goto(found.base_url + "/")
        except PlaywrightError as error:
            browser.close()
            raise TargetUnreachable(f"Expected {url} to answer; it did not ({error.message.splitlines()[0]}).") \
                from None
        found.routes[Route.HOME] = urlsplit(page.url).path or "/"
        survey = PageSurvey(page)
        home = survey.controls()
        _read_home(found, home)
        form = None
        if Label.REGISTER in found.labels:
            survey.press(str(found.labels[Label.REGISTER]))
            form = _read_registration(found, survey)
        if Label.SIGN_IN in found.labels:
            page.goto(found.routes[Route.HOME])
            survey.press(str(found.labels[Label.SIGN_IN]))
            _read_sign_in(found, survey)
        if read_only:
            found.notes.append("--read-only: nothing registered, so the texts after registering are left open")
        elif form is None:
            found.notes.append("nothing registered: the kit could not read the registration form")
        elif Label.CAPTCHA_ANSWER in form.roles:
            found.notes.append("nothing registered: the form has a CAPTCHA the kit cannot answer")
        else:
            _register_throwaway(found, browser, form, mail_api or mail_guess(found.base_url)["api_url"], catcher)
        browser.close()
    return found


def _register_throwaway(found: Draft, browser, form: Form, mail_api: str, catcher: str) -> None:
    try:
        letters = open_catcher(catcher, mail_api, timeout=5)
        letters.version()
    except MailflowError:
        found.notes.append(f"nothing registered: no {catcher} answers at {mail_api}; "
                           "say where your letters arrive with --mail-api URL")
        return
    try:
        found.take(learn_by_registering(browser, found.base_url, form, found.routes.get(Route.SIGN_IN), letters))
    finally:
        letters.close()


def _first(controls: list[Control], pattern: re.Pattern[str]) -> Control | None:
    matching = [c for c in controls if pattern.search(c.name)]
    return next((c for c in matching if c.in_header), matching[0] if matching else None)


def _read_home(found: Draft, controls: list[Control]) -> None:
    for key, pattern in ((Label.REGISTER, REGISTER), (Label.SIGN_IN, SIGN_IN)):
        control = _first(controls, pattern)
        if control:
            found.labels[key] = control.name
        else:
            found.why_open[f"labels.{key}"] = "no control on the home page looks like it"


def _read_registration(found: Draft, survey: PageSurvey) -> Form | None:
    page = survey.page
    found.routes[Route.REGISTER] = urlsplit(page.url).path
    headings = survey.headings()
    if headings:
        found.labels[Label.REGISTRATION_HEADING] = headings[0]
    fields = survey.fields()
    roles = _field_roles(fields)
    hints = {f.label: set(f.beside) for f in fields}  # what stands beside each field before any refusal
    for key, labels in roles.items():
        found.labels[key] = labels if key == Label.NAME and len(labels) > 1 else labels[0]
    # What the form visibly lacks is absent (check it: the kit saw only this form).
    for feature, key in (("captcha", Label.CAPTCHA_ANSWER), ("membership", Label.MEMBERSHIP)):
        if key not in roles:
            found.absent[feature] = f"drafted: the registration form has no {FEATURES[feature].what.split(' on ')[0]}"
    if not any(re.search(r"translit", c.name, re.IGNORECASE) for c in survey.controls()):
        found.absent["transliteration"] = "drafted: the registration form offers no transliteration aid"
    submit = next((c for c in survey.controls() if c.submits), None)
    if submit is None:
        found.why_open["labels.create_profile"] = "the form has no button that sends it"
        return None
    found.labels[Label.CREATE_PROFILE] = submit.name
    form_route = found.routes[Route.REGISTER]
    # 1. The empty form: what it says beside the name.
    survey.send_form(submit.name)
    name_labels = roles.get(Label.NAME, [])
    _learn(found, survey, Refusal.NAME_REQUIRED, name_labels[:1], hints)
    # 2. An address that is none.
    page.goto(form_route)
    _fill(survey, roles, email=BAD_ADDRESS, repeat=PASSWORD)
    survey.send_form(submit.name)
    _learn(found, survey, Refusal.EMAIL_INVALID, roles.get(Label.EMAIL, []), hints)
    # 3. Passwords that differ.
    page.goto(form_route)
    _fill(survey, roles, email="drafting@example.com", repeat=PASSWORD + "x")
    survey.send_form(submit.name)
    _learn(found, survey, Refusal.PASSWORDS_DIFFER,
           roles.get(Label.PASSWORD_REPEAT, []) + roles.get(Label.PASSWORD, []), hints)
    return Form(form_route, roles, submit.name)


def _field_roles(fields: list[Field]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {}
    passwords = [f for f in fields if f.type == "password" and f.label]
    for key, chosen in ((Label.PASSWORD, passwords[:1]), (Label.PASSWORD_REPEAT, passwords[1:2])):
        if chosen:
            roles[key] = [chosen[0].label]
    for f in fields:
        if not f.label or f.type == "password":
            continue
        if f.type == "email" or re.search(r"e-?mail", f.label, re.IGNORECASE):
            roles.setdefault(Label.EMAIL, [f.label])
        elif f.type == "checkbox":
            roles.setdefault(Label.MEMBERSHIP, [f.label])
        elif CAPTCHA.search(f.label):
            roles.setdefault(Label.CAPTCHA_ANSWER, [f.label])
        elif NAME.search(f.label):
            roles.setdefault(Label.NAME, []).append(f.label)
    return roles


def _fill(survey: PageSurvey, roles: dict[str, list[str]], *, email: str, repeat: str) -> None:
    for index, label in enumerate(roles.get(Label.NAME, [])):
        survey.fill(label, ("Ola", "Kowalska", "Maria")[index % 3])
    for key, value in ((Label.EMAIL, email), (Label.PASSWORD, PASSWORD), (Label.PASSWORD_REPEAT, repeat)):
        if key in roles:
            survey.fill(roles[key][0], value)


def _learn(found: Draft, survey: PageSurvey, key: str, labels: list[str], hints: dict[str, set[str]]) -> None:
    """The refusal ``key``: the first new text beside the first of these fields that shows one
    (a hint the fresh form already showed is none)."""
    fields = {f.label: f for f in survey.fields()}
    for label in labels:
        new = [t for t in fields[label].beside if t not in hints.get(label, set())] if label in fields else []
        if new:
            found.refusals[key] = new[0]
            return
    found.why_open[f"refusals.{key}"] = "no text appeared beside the field when the kit provoked it"


def _read_sign_in(found: Draft, survey: PageSurvey) -> None:
    found.routes[Route.SIGN_IN] = urlsplit(survey.page.url).path
    submit = next((c for c in survey.controls() if c.submits), None)
    if submit:
        found.labels[Label.SIGN_IN_BUTTON] = submit.name


def mail_guess(base_url: str) -> dict[str, str]:
    """Where `mailflow serve --mail-only --port-base N` puts the mail (the target on N): webmail
    N+1, Mailpit API N+2, SMTP N+3."""
    parts = urlsplit(base_url)
    port = parts.port or 80
    host = parts.hostname or "127.0.0.1"
    return {"api_url": f"http://{host}:{port + 2}", "smtp": f"{host}:{port + 3}",
            "webmail_url": f"http://{host}:{port + 1}"}


def write_profile(found: Draft, path: Path) -> str:
    """The drafted profile as TOML, with a comment on every key left open; written to ``path``."""
    lines = [f"# Drafted by `mailflow probe --draft` from {found.base_url}: check every value, fill in",
             "# the commented keys, then `mailflow check-profile` and `mailflow probe` this file.",
             *(f"# {note}" for note in found.notes),
             f'name = "{_slug(path.stem)}"', f'description = "Drafted from {found.base_url}"', "",
             "[target]", f'base_url = "{found.base_url}"', "",
             "[mail]  # where not given: guessed from `mailflow serve --mail-only --port-base <your port>`"]
    lines += [f"{k} = {_toml(v)}" for k, v in {**mail_guess(found.base_url), **found.mail}.items()]
    lines += ["", "[routes]"]
    for route in Route:
        lines.append(f"{route} = {_toml(found.routes[route])}" if route in found.routes
                     else f'# {route} = "/…"  # not found: only needed where the page offers no control for it')
    lines += ["", "[timing]  # your rules' durations; 0 is at once, \"none\" is no such rule"]
    lines += [f"{timing} = {found.timing[timing]}  # drafted: seen on the target" if timing in found.timing
              else f"# {timing} = ?" for timing in Timing]
    if found.links:
        lines += ["", "[links]  # the letter is plain text: its link found by its address"]
        lines += [f"{k} = {_toml(v)}" for k, v in found.links.items()]
    lines += ["", "[absent]  # features you do not have, with your reason"]
    lines += [f"{name} = {_toml(found.absent[name])}" if name in found.absent else f'# {name} = "…"  # {feature.what}'
              for name, feature in FEATURES.items()]
    for table, keys, values in (("labels", Label, found.labels), ("refusals", Refusal, found.refusals)):
        lines += ["", f"[{table}]"]
        for key in keys:
            if key in values:
                lines.append(f"{key} = {_toml(values[key])}")
            else:
                why = found.why_open.get(f"{table}.{key}", "not on the pages the kit visits")
                lines.append(f'# {key} = ""  # {why}')
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)  # the draft is valid TOML, whatever the target's texts hold
    path.write_text(text, encoding="utf-8")
    return text


def _toml(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-") or "my-shop"


def read_draft(path: Path) -> Draft:
    """A drafted profile read back, as the draft that wrote it (the mail catcher's place aside:
    only ``[mail] sender`` is learnt)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Draft(base_url=data["target"]["base_url"], routes=data.get("routes", {}), labels=data.get("labels", {}),
                 refusals=data.get("refusals", {}), absent=data.get("absent", {}), timing=data.get("timing", {}),
                 mail={k: v for k, v in data.get("mail", {}).items() if k == "sender"}, links=data.get("links", {}))


def compare(found: Draft, profile_path: Path) -> tuple[int, int, list[str]]:
    """Keys the draft filled, how many equal the real profile's (case and a trailing colon
    aside), and the ones that differ."""
    real = tomllib.loads(profile_path.read_text(encoding="utf-8"))
    filled = found.filled()
    wrong = []
    for dotted, value in filled.items():
        table, key = dotted.split(".", 1)
        expected = real.get(table, {}).get(key)
        if table == "absent":  # the feature is declared absent: the reason is the team's to write
            value, expected = True, key in real.get(table, {})
        if _norm(value) != _norm(expected):
            wrong.append(f"{dotted}: drafted {value!r}, the profile says {expected!r}")
    return len(filled), len(filled) - len(wrong), wrong


def _norm(value: object) -> object:
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return str(value).strip().rstrip(":.").strip().lower() if value is not None else None
