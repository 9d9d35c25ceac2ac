"""Accessibility of every page state a run visits: axe-core through Playwright.

After each step the harness looks at every open page (the shopper's, and the support
agent's when a scenario has one) and at the letter a webmail page shows in its frame.
A page *state* is its address with the variable parts wiped (tokens, addresses, ids)
plus the set of element shapes on it (tag, classes, role, state attributes), so the
same screen reached by another scenario, or with one more chat message, is scanned
only once; a refusal beside a field or a closed dialog is a new state. axe-core is the
copy that ships with ``axe-playwright-python``.

Everything from the target is hostile: axe-core runs in an isolated world of its own (a
Chrome DevTools Protocol world the page's scripts cannot reach, so a page that defines
``window.axe`` cannot answer for it), a letter is shown under a policy that runs none of
its scripts, and the results are read defensively (an impact axe-core does not define
counts as ``other``; a malformed result becomes a note on the page, never an error).

The profile's ``accessibility`` key: ``report`` (scan and report), ``fail-serious``
(also fail the scenario that sees a serious or critical violation) or ``off``.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from mailflow_specs.targets.profile import ACCESSIBILITY_MODES as MODES  # noqa: F401 (re-exported)

IMPACTS = ("critical", "serious", "moderate", "minor", "other")
# A letter is shown at this address, under this policy: none of its own scripts run.
LETTER_URL = "http://letter.mailflow.invalid/"
LETTER_POLICY = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
AXE_WORLD = "mailflow-axe"
SERIOUS = ("critical", "serious")
# WCAG 2.0-2.2 A and AA, plus axe's best practices (landmarks, heading order, ...).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
    "iframes": False,  # a letter's frame is sandboxed (no script): it is scanned on its own
}
SCREENSHOT_QUALITY = 55

STATE_SCRIPT = """() => {
  const shapes = new Set();
  const marks = ['role', 'type', 'open', 'hidden', 'disabled', 'readonly', 'aria-invalid', 'aria-modal',
                 'aria-expanded', 'aria-hidden', 'lang', 'alt', 'aria-label', 'aria-labelledby'];
  for (const e of document.body ? document.body.querySelectorAll('*') : []) {
    let shape = e.tagName + '.' + [...e.classList].sort().join('.');
    for (const m of marks) {
      if (e.hasAttribute(m)) shape += '[' + m + (/^(alt|aria-label)$/.test(m) ? '' : '=' + e.getAttribute(m)) + ']';
    }
    if (e.style && e.getAttribute('style')) shape += '{' + e.getAttribute('style') + '}';
    shapes.add(shape);
  }
  const heading = document.querySelector('h1');
  return {url: location.href, title: document.title, lang: document.documentElement.lang || '',
          heading: heading ? heading.innerText.trim() : '', shape: [...shapes].sort().join('|'),
          frames: [...document.querySelectorAll('iframe[src]')].map(f => f.src)};
}"""


@dataclass(frozen=True, slots=True)
class Offender:
    """One element that breaks a rule: axe's selector, its HTML, what is wrong."""

    target: str
    html: str
    summary: str


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    impact: str
    help: str
    help_url: str
    elements: tuple[Offender, ...]

    @classmethod
    def from_axe(cls, raw: dict) -> Violation:
        """A violation as axe-core reports it; ValueError when it is not one."""
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("nodes", []), list):
            raise ValueError(f"not an axe-core violation: {str(raw)[:120]}")
        elements = tuple(
            Offender(target=" ".join(str(t) for t in _listed(node.get("target"))),
                     html=str(node.get("html") or "")[:300], summary=str(node.get("failureSummary") or ""))
            for node in raw.get("nodes", []) if isinstance(node, dict)
        )
        impact = raw.get("impact") if raw.get("impact") in IMPACTS else "other"
        return cls(rule=raw["id"][:100], impact=impact, help=str(raw.get("help") or "")[:300],
                   help_url=str(raw.get("helpUrl") or "")[:300], elements=elements)

    @classmethod
    def from_json(cls, data: dict) -> Violation:
        """A violation as ``to_json`` wrote it (accessibility.json)."""
        elements = tuple(Offender(target=e["target"], html=e["html"], summary=e["summary"]) for e in data["elements"])
        impact = data["impact"] if data["impact"] in IMPACTS else "other"
        return cls(rule=data["rule"], impact=impact, help=data["help"], help_url=data["help_url"], elements=elements)

    def to_json(self) -> dict:
        return {"rule": self.rule, "impact": self.impact, "help": self.help, "help_url": self.help_url,
                "elements": [{"target": e.target, "html": e.html, "summary": e.summary} for e in self.elements]}

    @property
    def is_serious(self) -> bool:
        return self.impact in SERIOUS

    def describe(self) -> str:
        where = "; ".join(e.target for e in self.elements[:3])
        more = f" and {len(self.elements) - 3} more" if len(self.elements) > 3 else ""
        return f"{self.rule} ({self.impact}) at {where}{more}: {self.help}"


@dataclass(frozen=True, slots=True)
class PageScan:
    """One page state and what axe-core found on it."""

    key: str
    name: str
    url: str
    seen_by: str
    language: str
    violations: tuple[Violation, ...]
    first_seen_in: str
    screenshot: bytes = field(default=b"", repr=False, compare=False)
    error: str = ""

    @property
    def serious(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.is_serious)

    def to_json(self, seen_in: list[str]) -> dict:
        return {
            "key": self.key, "page": self.name, "url": self.url, "seen_by": self.seen_by, "language": self.language,
            "first_seen_in": self.first_seen_in, "seen_in": seen_in, "error": self.error or None,
            "violations": [v.to_json() for v in self.violations],
        }

    @classmethod
    def from_json(cls, data: dict, screenshot: bytes = b"") -> PageScan:
        """A page as ``to_json`` wrote it; the picture is not in the JSON (a shard keeps it beside)."""
        return cls(key=data["key"], name=data["page"], url=data["url"], seen_by=data["seen_by"],
                   language=data["language"], violations=tuple(Violation.from_json(v) for v in data["violations"]),
                   first_seen_in=data["first_seen_in"], screenshot=screenshot, error=data["error"] or "")


@dataclass
class AccessibilityLog:
    """Every page state of the run, scanned once, and the scenarios that saw each."""

    mode: str
    scans: dict[str, PageScan] = field(default_factory=dict)
    seen_in: dict[str, list[str]] = field(default_factory=dict)
    # What the scan cost the run: time spent telling states apart and scanning new ones.
    seconds: float = 0.0
    looks: int = 0

    def saw(self, scan: PageScan, scenario: str) -> None:
        scenarios = self.seen_in.setdefault(scan.key, [])
        if scenario not in scenarios:
            scenarios.append(scenario)

    def to_json(self) -> dict:
        pages = list(self.scans.values())
        counts = {impact: sum(1 for p in pages for v in p.violations if v.impact == impact) for impact in IMPACTS}
        return {
            "mode": self.mode, "axe_core": axe_version(), "pages_scanned": len(pages),
            "cost": {"seconds": round(self.seconds, 2), "page_looks": self.looks},
            "violations_by_impact": counts,
            "pages": [p.to_json(self.seen_in.get(p.key, [])) for p in pages],
        }

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def axe_version() -> str:
    found = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:200])
    return found.group(1) if found else "unknown"


def state_key(state: dict, kind: str = "page", origins: dict[str, str] | None = None) -> str:
    """The page's address without its variable parts, and a digest of its element shapes.

    ``origins`` names the run's own hosts (``127.0.0.1:53121`` → ``shop``), so that the same
    screen has the same key in every run, whatever ports its stack got (shards merge by key)."""
    parts = urlsplit(state["url"])
    host = (origins or {}).get(parts.netloc, parts.netloc)
    path = "/".join("*" if _is_variable(segment) else segment for segment in parts.path.split("/"))
    digest = hashlib.sha1(state["shape"].encode("utf-8")).hexdigest()[:12]
    return f"{kind} {host}{path} {state['lang']} {digest}"


def _is_variable(segment: str) -> bool:
    return bool(re.search(r"\d|@", segment)) or len(segment) >= 16


class Scanner:
    """Scans page states for one run; keeps its own page for the letters shown in frames."""

    def __init__(self, browser: Browser, mode: str, origins: dict[str, str] | None = None) -> None:
        self.browser = browser
        self.log = AccessibilityLog(mode)
        self.origins = dict(origins or {})  # host:port → a name that stays from run to run
        self._letters: BrowserContext | None = None
        self._letter_html = ""

    @property
    def is_on(self) -> bool:
        return self.log.mode != "off"

    def close(self) -> None:
        if self._letters is not None:
            self._letters.close()
            self._letters = None

    def look(self, shopper: BrowserContext, scenario: str, shopper_view: bytes) -> list[PageScan]:
        """Every page state open now, scanned if new: the shopper's pages first, then others'."""
        started = time.monotonic()
        seen: list[PageScan] = []
        contexts = [shopper] + [c for c in self.browser.contexts if c is not shopper and c is not self._letters]
        for context in contexts:
            who = "shopper" if context is shopper else "support agent"
            for page in context.pages:
                view = shopper_view if context is shopper else b""
                seen += self._look_at(page, who, scenario, view)
                self.log.looks += 1
        for scan in seen:
            self.log.saw(scan, scenario)
        self.log.seconds += time.monotonic() - started
        return seen

    def _look_at(self, page: Page, who: str, scenario: str, view: bytes) -> list[PageScan]:
        if page.is_closed() or not page.url.startswith("http"):
            return []
        state = _state_of(page)
        if state is None:
            return []
        key = state_key(state, origins=self.origins)
        scan = self.log.scans.get(key) or self._scan(page, key, state, who, scenario, view)
        return [scan] + [self._letter(src, state, scenario) for src in state["frames"]]

    def _scan(self, page: Page, key: str, state: dict, who: str, scenario: str, view: bytes) -> PageScan:
        violations, error = run_axe(page)
        if not view:
            view = _picture(page)
        scan = PageScan(key=key, name=state["heading"] or state["title"] or state["url"], url=state["url"],
                        seen_by=who, language=state["lang"], violations=violations, first_seen_in=scenario,
                        screenshot=view, error=error)
        self.log.scans[key] = scan
        return scan

    def _letter(self, src: str, shown_in: dict, scenario: str) -> PageScan:
        """A letter as the webmail shows it, scanned once per subject in a page of its own."""
        key = f"letter {shown_in['title']}"
        if key in self.log.scans:
            return self.log.scans[key]
        # The webmail serves a letter's HTML under a CSP sandbox with no scripts, where axe-core
        # would never finish: the scan reads the same HTML and shows it in a page of its own.
        page = self._letter_page()
        try:
            html = page.context.request.get(src).text()
        except PlaywrightError as error:
            return self._unreadable_letter(key, shown_in["title"], src, scenario, error)
        self._show_letter(page, html)
        return self._scan_letter(page, key, shown_in["title"], src, scenario, "shopper (webmail)")

    def _unreadable_letter(self, key: str, subject: str, src: str, scenario: str, error: PlaywrightError) -> PageScan:
        scan = PageScan(key=key, name=f"Letter: {subject}", url=src, seen_by="shopper (webmail)", language="",
                        violations=(), first_seen_in=scenario, screenshot=b"",
                        error=f"the letter could not be read for the scan: {error.message.splitlines()[0]}")
        self.log.scans[key] = scan
        return scan

    def look_at_letters(self, letters: list, scenario: str) -> list[PageScan]:
        """Letters the scenario read from the mailbox without the webmail: each subject once."""
        started = time.monotonic()
        seen = []
        for letter in letters:
            key = f"letter {letter.subject}"
            scan = self.log.scans.get(key)
            if scan is None and letter.html.strip():
                page = self._letter_page()
                self._show_letter(page, letter.html)
                scan = self._scan_letter(page, key, letter.subject, f"letter to {', '.join(letter.recipients)}",
                                         scenario, "shopper (letter)")
            if scan is not None:
                self.log.saw(scan, scenario)
                seen.append(scan)
        self.log.seconds += time.monotonic() - started
        return seen

    def _letter_page(self) -> Page:
        if self._letters is None:
            self._letters = self.browser.new_context()
            self._letters.route(LETTER_URL, lambda route: route.fulfill(
                body=self._letter_html, content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": LETTER_POLICY}))
            self._letters.route(lambda url: url != LETTER_URL, lambda route: route.abort())  # nothing else loads
        return self._letters.pages[0] if self._letters.pages else self._letters.new_page()

    def _show_letter(self, page: Page, html: str) -> None:
        """The letter's HTML as a page of its own, under a policy that runs none of its scripts."""
        self._letter_html = html
        page.goto(LETTER_URL, wait_until="load")

    def _scan_letter(self, page: Page, key: str, subject: str, where: str, scenario: str, who: str) -> PageScan:
        state = _state_of(page) or {"lang": ""}
        violations, error = run_axe(page)
        scan = PageScan(key=key, name=f"Letter: {subject}", url=where, seen_by=who,
                        language=state["lang"], violations=violations, first_seen_in=scenario,
                        screenshot=_picture(page), error=error)
        self.log.scans[key] = scan
        return scan


def run_axe(page: Page) -> tuple[tuple[Violation, ...], str]:
    """axe-core's violations on the page as it is now, from a world of the kit's own."""
    try:
        raw = _axe_in_isolated_world(page)
    except (PlaywrightError, RuntimeError) as error:
        return (), f"axe-core could not scan the page: {str(getattr(error, 'message', error)).splitlines()[0]}"
    return read_violations(raw)


def read_violations(raw: object) -> tuple[tuple[Violation, ...], str]:
    """axe-core's answer, read defensively: what is not a violation becomes a note."""
    listed = raw.get("violations") if isinstance(raw, dict) else None
    if not isinstance(listed, list):
        return (), "axe-core's answer could not be read: it has no list of violations"
    found, malformed = [], 0
    for item in listed:
        try:
            found.append(Violation.from_axe(item))
        except ValueError:
            malformed += 1
    note = f"{malformed} of axe-core's results could not be read and are left out" if malformed else ""
    return tuple(sorted(found, key=lambda v: (IMPACTS.index(v.impact), v.rule))), note


def _axe_in_isolated_world(page: Page) -> dict:
    """axe-core run in an isolated world (the DOM is shared, the page's scripts are not)."""
    session = page.context.new_cdp_session(page)
    try:
        frame = session.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = session.send("Page.createIsolatedWorld", {"frameId": frame, "worldName": AXE_WORLD,
                                                          "grantUniveralAccess": False})["executionContextId"]
        loaded = session.send("Runtime.evaluate", {"expression": AXE_SCRIPT, "contextId": world})
        if loaded.get("exceptionDetails"):
            raise RuntimeError(loaded["exceptionDetails"].get("text", "axe-core did not load"))
        answer = session.send("Runtime.evaluate", {
            "expression": f"axe.run(document, {json.dumps(AXE_OPTIONS)})", "contextId": world,
            "awaitPromise": True, "returnByValue": True, "timeout": 20000})
        if answer.get("exceptionDetails"):
            raise RuntimeError(answer["exceptionDetails"].get("text", "axe-core failed"))
        return answer.get("result", {}).get("value") or {}
    finally:
        session.detach()


def _listed(value: object) -> list:
    return value if isinstance(value, list) else []


def _state_of(page: Page) -> dict | None:
    try:
        page.wait_for_load_state("load", timeout=5000)
        return page.evaluate(STATE_SCRIPT)
    except PlaywrightError:
        return None  # the page is between two documents; the next step sees where it lands


def _picture(page: Page) -> bytes:
    try:
        return page.screenshot(type="jpeg", quality=SCREENSHOT_QUALITY)
    except PlaywrightError:
        return b""


def serious_failure(scans: list[PageScan]) -> str:
    """The message of a scenario that saw serious or critical violations ("" when none)."""
    lines = []
    for scan in {s.key: s for s in scans if s.serious}.values():
        found = "\n".join(f"  - {v.describe()}" for v in scan.serious)
        lines.append(f"on {scan.name!r} ({scan.url}), seen by the {scan.seen_by}, axe-core found:\n{found}")
    if not lines:
        return ""
    return ("Expected no serious or critical accessibility violation (accessibility = \"fail-serious\"); "
            + "\n".join(lines))
