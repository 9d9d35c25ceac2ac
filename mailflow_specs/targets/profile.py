"""Target profiles: one TOML file that tells the harness about a system under test.

A profile says where the target is (or that the harness starts the reference app),
where its mail goes, the visible texts the steps look for, its routes, the test
seams it offers and its known deviations. It is validated when loaded: a bad one is
refused with the file, the key, what was expected and what was found.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mailflow_specs.errors import CapabilityMissing, NotApplicable, ProfileError
from mailflow_specs.paths import TARGETS_DIR
from mailflow_specs.targets.features import FEATURES, SEAMS_OF_FEATURES, feature_of
from mailflow_specs.targets.labels import RETIRED_LABELS, Capability, Label, Refusal, Route, Timing
from mailflow_specs.verdicts.ids import is_instruction_id

# Capabilities a scenario can ask for with a @needs.<capability> tag, and why it is
# skipped when the target lacks it.
CAPABILITY_REASONS = {
    Capability.CAPTCHA_SEAM: "the target offers no test seam that fixes the CAPTCHA answer",
    Capability.ACCOUNT_AGING: "the target offers no test seam that ages an account",
    Capability.SUPPORT_CONSOLE: "the target offers no support console for the staff side of the chat",
    Capability.STAFF_SEAM: "the target offers no test seam that creates a customer-support agent",
    # Optional: without it, Given steps register shoppers through the form instead.
    Capability.ACCOUNT_SEAM: "the target offers no test seam that creates an account",
    Capability.MAIL_LOSS: "the target offers no test seam that loses a letter on its way (a mail server outage)",
}
# The links of letters a profile may find by URL instead of by their text.
LINK_KEYS = (Label.CONFIRM_LINK, Label.EMAIL_CHANGE_LINK, Label.CODE_LINK, Label.ACTIVATE_LINK)
# A timing of "none": the target has no such limit (a link that never expires).
NEVER = None


DURATION_UNITS = ("days", "hours", "minutes", "seconds")
# A profile's name becomes a folder name (reports/<date>-<name>): nothing that leaves the folder.
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# What the run does with the accessibility scan of every page state (mailflow_specs.report.accessibility).
ACCESSIBILITY_MODES = ("report", "fail-serious", "off")
# The mail catchers a profile can name ([mail] catcher); mailflow_specs.mail.catchers reads each.
CATCHERS = ("mailpit", "maildev")
DEFAULT_CATCHER = "mailpit"


@dataclass(frozen=True, slots=True)
class Labels:
    """The visible texts of one target, by key; a missing key names the profile."""

    texts: dict[str, str]
    source: str

    def __getitem__(self, key: str) -> str:
        try:
            return self.texts[key]
        except KeyError:
            raise ProfileError(
                f"{self.source}: expected a text for '{key}'; the profile has none."
            ) from None

    def __contains__(self, key: str) -> bool:
        return key in self.texts


@dataclass(frozen=True, slots=True)
class TargetProfile:
    """A validated target profile."""

    path: Path
    name: str
    description: str
    locale: str
    starts_reference_app: bool
    base_url: str | None
    app_settings: dict[str, Any]
    # The harness starts the mail catcher (else the target's runs at mail_api_url).
    starts_catcher: bool
    mail_api_url: str | None
    mail_smtp: str | None
    webmail_url: str | None
    sender: str | None
    routes: dict[str, str]
    capabilities: dict[str, str]
    deviations: dict[str, str]
    labels: Labels
    refusals: Labels
    timings: dict[str, float | None] = field(default_factory=dict)
    catcher: str = DEFAULT_CATCHER
    # The browser window's size, (width, height) in CSS pixels; None keeps Playwright's 1280x720.
    viewport: tuple[int, int] | None = None
    timeout_seconds: float = 10.0
    accessibility: str = "report"
    absent: dict[str, str] = field(default_factory=dict)
    # Links found in a letter by their URL (a part of it, or a /pattern/), by label key.
    links: dict[str, str] = field(default_factory=dict)
    # The labels of the name field, or of its parts (["First Name", "Last Name"]).
    name_fields: tuple[str, ...] = ()

    @classmethod
    def load(cls, name_or_path: str | Path) -> TargetProfile:
        """Load a profile by name (``reference``) or by path (``my/acme.toml``)."""
        path = resolve_profile_path(name_or_path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ProfileError(f"{path}: cannot be read ({error.strerror}).") from None
        except UnicodeDecodeError as error:
            raise ProfileError(f"{path}: is not UTF-8 text (byte {error.start}); save it as UTF-8.") from None
        except tomllib.TOMLDecodeError as error:
            raise ProfileError(f"{path}: is not valid TOML ({error}).") from None
        return cls.from_toml(data, path)

    @classmethod
    def from_toml(cls, data: dict[str, Any], path: Path) -> TargetProfile:
        check = _Checker(path, data)
        check.no_unknown_keys()
        target, mail = check.table("target"), check.table("mail")
        starts_app = check.choice(target, "target", "start", ("reference", "external"), "external")
        base_url = check.url(target, "target", "base_url", required=starts_app == "external")
        catcher = check.choice(mail, "mail", "catcher", CATCHERS, DEFAULT_CATCHER)
        # start = "harness" (or the catcher's own name, as older profiles say "mailpit") or "external".
        start = check.choice(mail, "mail", "start", ("harness", "external", *CATCHERS), "external")
        if start in CATCHERS and start != catcher:
            if "catcher" in mail:
                raise check.fail("mail", "start", f'"harness" (the catcher is {catcher!r})', start)
            catcher = start
        external_mail = start == "external"
        return cls(
            path=path,
            name=check.name(),
            description=check.text(data, "", "description", required=False) or "",
            locale=check.text(data, "", "locale", required=False) or "en",
            starts_reference_app=starts_app == "reference",
            base_url=base_url,
            app_settings=check.mapping(target, "target", "settings"),
            catcher=catcher,
            starts_catcher=not external_mail,
            mail_api_url=check.url(mail, "mail", "api_url", required=external_mail),
            mail_smtp=check.host_port(mail, "mail", "smtp", required=external_mail),
            webmail_url=check.url(mail, "mail", "webmail_url", required=external_mail),
            sender=check.text(mail, "mail", "sender", required=False),
            routes=check.texts("routes", required=(Route.HOME,)),
            capabilities=check.capabilities(),
            deviations=check.texts("deviations", id_keys=True),
            labels=Labels(check.labels(), f"{path} [labels]"),
            refusals=Labels(check.texts("refusals"), f"{path} [refusals]"),
            timings=check.timings(),
            timeout_seconds=check.number(data, "", "timeout_seconds", default=10.0),
            accessibility=check.choice(data, "", "accessibility", ACCESSIBILITY_MODES, "report"),
            absent=check.absent(),
            links=check.links(),
            name_fields=check.name_fields(),
            viewport=check.viewport(),
        )

    def timing(self, key: str) -> float:
        """A duration of the target's rules, such as how long a confirmation link lives.
        A timing of "none" (no such limit) makes the scenario that needs it not applicable."""
        if key not in self.timings:
            raise ProfileError(f"{self.path}: expected [timing] {key} to be a number; it is missing.")
        value = self.timings[key]
        if value is NEVER:
            raise NotApplicable(f'the target has no such limit ([timing] {key} = "none")')
        return value

    def duration(self, key: str) -> timedelta:
        """A timing whose key ends in its unit (``_days``, ``_hours``, ``_minutes``, ``_seconds``)."""
        unit = key.rsplit("_", 1)[-1]
        if unit not in DURATION_UNITS:
            raise ProfileError(
                f"{self.path}: expected [timing] {key} to end in one of "
                f"{', '.join('_' + u for u in DURATION_UNITS)} to be read as a duration.")
        return timedelta(**{unit: self.timing(key)})

    def route(self, key: str) -> str:
        if key not in self.routes:
            raise ProfileError(f"{self.path}: expected [routes] {key} to be a path; it is missing.")
        return self.routes[key]

    def seam(self, capability: str) -> str:
        """The path of a test seam, or CapabilityMissing (a skip) when the target lacks it."""
        if capability not in self.capabilities:
            raise CapabilityMissing(capability, self.missing_reason(capability))
        return self.capabilities[capability]

    def missing_reason(self, capability: str) -> str:
        why = CAPABILITY_REASONS.get(capability, f"the target lacks the capability {capability!r}")
        return f"{why} ([capabilities] {capability} is not in {self.path.name})"

    def has_capability(self, capability: str) -> bool:
        """A seam the target offers, or one it does not need (the feature it serves is absent)."""
        return capability in self.capabilities or SEAMS_OF_FEATURES.get(capability) in self.absent

    def absent_reason(self, instruction_id: str) -> str | None:
        """Why this instruction is absent from the target (its feature is), or None."""
        feature = feature_of(instruction_id, self.absent)
        if feature is None:
            return None
        return f"the target has no {feature.what}: {self.absent[feature.name]}"

    def has_feature(self, name: str) -> bool:
        return name not in self.absent


def resolve_profile_path(name_or_path: str | Path) -> Path:
    candidate = Path(name_or_path)
    path = candidate if candidate.suffix == ".toml" or candidate.exists() else TARGETS_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in TARGETS_DIR.glob("*.toml")))
        raise ProfileError(f"{path}: no such target profile; known names: {known}.")
    return path.resolve()


class _Checker:
    """Reads keys of a profile and says precisely what is wrong with one."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data

    def fail(self, section: str, key: str, expected: str, value: Any) -> ProfileError:
        where = f"[{section}] {key}" if section else key
        found = "it is missing" if value is None else f"got {value!r}"
        return ProfileError(f"{self.path}: expected {where} to be {expected}, {found}.")

    def table(self, section: str) -> dict[str, Any]:
        value = self.data.get(section, {})
        if not isinstance(value, dict):
            raise self.fail("", section, "a table", value)
        return value

    def text(self, table: dict, section: str, key: str, *, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(section, key, "text", value)
        return value

    def name(self) -> str:
        """The profile's name, which names the run's folder: letters, digits, dot, hyphen, underscore."""
        value = self.text(self.data, "", "name")
        if not SAFE_NAME.fullmatch(value):
            raise self.fail("", "name", "letters, digits, '.', '-' or '_' (at most 64, a letter or digit first)",
                            value)
        return value

    def number(self, table: dict, section: str, key: str, *, default: float) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.fail(section, key, "a positive number", value)
        return float(value)

    def choice(self, table: dict, section: str, key: str, options: tuple, default: str) -> str:
        value = table.get(key, default)
        if value not in options:
            raise self.fail(section, key, " or ".join(repr(o) for o in options), value)
        return value

    def url(self, table: dict, section: str, key: str, *, required: bool) -> str | None:
        value = self.text(table, section, key, required=required)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise self.fail(section, key, "an http(s) URL such as http://127.0.0.1:5000", value)
        return value.rstrip("/")

    def host_port(self, table: dict, section: str, key: str, *, required: bool) -> str | None:
        value = self.text(table, section, key, required=required)
        if value is None:
            return None
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit():
            raise self.fail(section, key, "host:port such as 127.0.0.1:1025", value)
        return value

    def mapping(self, table: dict, section: str, key: str) -> dict[str, Any]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(section, key, "a table", value)
        return value

    def texts(self, section: str, *, required: tuple = (), id_keys: bool = False) -> dict[str, str]:
        table = self.table(section)
        for key in required:
            self.text(table, section, key)
        for key, value in table.items():
            if id_keys and not is_instruction_id(key):
                raise self.fail(section, key, "keyed by an instruction ID such as REG-08", key)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(section, key, "text", value)
        return dict(table)

    def timings(self) -> dict[str, float | None]:
        """Durations of 0 (at once) or more, or "none" (no such limit)."""
        table = self.table("timing")
        found: dict[str, float | None] = {}
        for key, value in table.items():
            if isinstance(value, str) and value.strip().lower() == "none":
                found[key] = NEVER
            elif isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise self.fail("timing", key, 'a number of 0 or more, or "none"', value)
            else:
                found[key] = float(value)
        return found

    def absent(self) -> dict[str, str]:
        table = self.texts("absent")
        for key in table:
            if key not in FEATURES:
                raise self.fail("absent", key, f"one of {', '.join(FEATURES)}", key)
        return table

    def links(self) -> dict[str, str]:
        table = self.texts("links")
        for key in table:
            if key not in LINK_KEYS:
                raise self.fail("links", key, f"one of {', '.join(LINK_KEYS)}", key)
        return table

    def no_unknown_keys(self) -> None:
        """A key the harness never reads is most likely misspelt (a misspelt ``timeout_seconds``
        would silently be 10 s): every such key of every table, named at once, each with the
        key it most likely means."""
        problems = []
        for section, known in KNOWN_KEYS.items():
            table = self.data if section == "" else self.data.get(section, {})
            if not isinstance(table, dict):
                continue  # said by the key's own check
            for key in table:
                if key not in known:
                    close = difflib.get_close_matches(key, known, n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else \
                        f" (expected one of {', '.join(sorted(known))})" if len(known) <= 12 else ""
                    where = f"[{section}] {key}" if section else key
                    problems.append(f"{where} is not a key the harness knows{hint}")
        if problems:
            raise ProfileError(f"{self.path}: " + "; ".join(problems) + ".")

    def labels(self) -> dict[str, str]:
        original = self.data
        table = dict(self.table("labels"))
        if "name" in table:
            table["name"] = self.name_fields()[0]
        self.data = {**original, "labels": table}
        try:
            return self.texts("labels")
        finally:
            self.data = original

    def name_fields(self) -> tuple[str, ...]:
        """``name = "Full name"`` or, for a name asked in parts, ``name = ["First Name", "Last Name"]``."""
        value = self.data.get("labels", {}).get("name")
        if value is None:
            return ()
        parts = [value] if isinstance(value, str) else value
        if not isinstance(parts, list) or not 1 <= len(parts) <= 3 or not all(
                isinstance(p, str) and p.strip() for p in parts):
            raise self.fail("labels", "name", "text, or a list of up to 3 texts (one per name field)", value)
        return tuple(parts)

    def viewport(self) -> tuple[int, int] | None:
        """``viewport = "1280x720"``: the browser window's width and height."""
        value = self.data.get("viewport")
        if value is None:
            return None
        width, _, height = str(value).partition("x")
        if not (isinstance(value, str) and width.isdigit() and height.isdigit() and int(width) and int(height)):
            raise self.fail("", "viewport", 'WIDTHxHEIGHT such as "1280x720"', value)
        return int(width), int(height)

    def capabilities(self) -> dict[str, str]:
        table = self.texts("capabilities")
        for key, value in table.items():
            if key not in CAPABILITY_REASONS:
                known = ", ".join(CAPABILITY_REASONS)
                raise self.fail("capabilities", key, f"one of {known}", key)
            if not value.startswith("/"):
                raise self.fail("capabilities", key, "a path starting with /", value)
        return table


# Every key a profile may have, by table ("" for the top level).
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"name", "description", "locale", "timeout_seconds", "accessibility", "viewport", "target",
                   "mail", "routes", "timing", "capabilities", "deviations", "absent", "links", "labels",
                   "refusals"}),
    "target": frozenset({"start", "base_url", "settings"}),
    "mail": frozenset({"start", "catcher", "api_url", "smtp", "webmail_url", "sender"}),
    "routes": frozenset(m.value for m in Route),
    "timing": frozenset(m.value for m in Timing),
    "labels": frozenset(m.value for m in Label) | RETIRED_LABELS,
    "refusals": frozenset(m.value for m in Refusal),
    "capabilities": frozenset(m.value for m in CAPABILITY_REASONS),
    "links": frozenset(m.value for m in LINK_KEYS),
    "absent": frozenset(FEATURES),
}
