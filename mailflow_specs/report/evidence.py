"""What a scenario leaves in the report: what the shopper saw, the letters, and failure evidence.

After every step: a screenshot when what the shopper sees changed (JPEG, viewport only,
so a whole suite's report stays small) and each letter the scenario read during the step.
Each page state the step left open is scanned for accessibility (``accessibility.py``);
with ``accessibility = "fail-serious"`` a serious or critical violation fails the step.
On a failed step, a folder ``<artifacts>/failures/<feature>-<scenario>/`` with
``screenshot.png`` (full page), ``page.html``, ``console-errors.txt``, ``letters/`` (every
letter the scenario's shoppers had received, as ``.eml`` and ``.html``) and, once the
scenario ends, ``trace.zip`` (``playwright show-trace trace.zip``), all linked from the step.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from behave.model_core import Status

from mailflow_specs.errors import ExpectationFailed, ProfileError
from mailflow_specs.paths import slug
from mailflow_specs.report import formatter as report
from mailflow_specs.report.accessibility import MODES, Scanner, serious_failure
from mailflow_specs.verdicts import structure

SCREENSHOT_QUALITY = 55  # JPEG quality: readable text at about 40 kB a picture
NO_CONSOLE_ERRORS = "No console error and no uncaught page error was recorded in this scenario.\n"
# What the shopper sees, as one number computed in the page: its address, its markup (texts,
# shown and hidden parts, pictures, letters in frames) and what the form fields hold. A step
# that leaves it unchanged changed nothing she sees, so no picture is taken (taking one costs
# the browser far more than this).
VIEW_SIGNATURE = """() => {
  const fields = Array.from(document.querySelectorAll('input, textarea, select'),
    f => (f.type === 'checkbox' || f.type === 'radio') ? String(f.checked) : f.value);
  const text = [location.href, document.documentElement.outerHTML, ...fields].join('\\u0001');
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) { hash = Math.imul(hash ^ text.charCodeAt(i), 16777619); }
  return `${text.length}:${hash >>> 0}`;
}"""


@dataclass
class ScenarioEvidence:
    """What one scenario has shown the report so far."""

    console_errors: list[str] = field(default_factory=list)
    letters_shown: int = 0
    last_screenshot: bytes = b""
    last_view: str = ""
    failure_folder: Path | None = None
    # A step failed by the accessibility check, and its message (behave clears a passed
    # step's message after the hooks; finish_scenario puts it back).
    accessibility_failure: tuple[object, str] | None = None
    # The instructions whose soft check has failed so far (each is told to the step it failed in).
    soft_told: set[str] = field(default_factory=set)
    # The failure was seen before in this run: its evidence is a reference to the first one's.
    same_as: Path | None = None


# The failure evidence kept in full, by failure (its first line, addresses and numbers left
# out): a failure seen again refers to it, so that a failing run stays within the report budget.
_KEPT: dict[str, Path] = {}
_VARYING = re.compile(r"[\w.+-]+@[\w.-]+|\b[0-9a-f]{6,}\b|\d+")


def failure_key(message: str) -> str:
    """What makes two failures the same one: the first line of the message, without the
    addresses, codes and numbers that differ from scenario to scenario."""
    first = (message.strip().splitlines() or [""])[0]
    return _VARYING.sub("…", first)


def start_scanning(context, mode: str, results: Path) -> Scanner:
    """The run's accessibility scanner; ``results`` (accessibility.json) is written at the end."""
    if mode not in MODES:
        choices = " or ".join(repr(m) for m in MODES)
        raise ProfileError(f"Expected the accessibility setting to be {choices}; got {mode!r}.")
    scanner = Scanner(context.browser, mode, _origins(getattr(context, "endpoints", None)))
    context.accessibility = scanner
    formatter = report.html_report(context)
    if formatter is not None:
        formatter.accessibility = scanner.log

    def finish() -> None:
        scanner.close()
        if scanner.is_on:
            scanner.log.write(results)

    context.add_cleanup(finish)
    return scanner


def _origins(endpoints) -> dict[str, str]:
    """The run's own hosts by name (the ports change from run to run, and from shard to shard)."""
    if endpoints is None:
        return {}
    named = (("shop", endpoints.base_url), ("webmail", endpoints.webmail_url), ("mail", endpoints.mail_api))
    return {urlsplit(url).netloc: name for name, url in named if url}


def scenario_folder(context) -> Path:
    feature = Path(context.scenario.feature.filename).stem
    return context.artifacts / "failures" / f"{slug(feature)}-{slug(context.scenario.name)}"


def watch_scenario(context) -> None:
    """Start collecting the scenario's console errors and uncaught page errors."""
    evidence = ScenarioEvidence()
    context.evidence = evidence
    structure.take_notes()  # a new scenario starts with no notes
    world = getattr(context, "world", None)
    if world is None:
        return

    def on_console(message) -> None:
        if message.type == "error":
            where = message.location or {}
            evidence.console_errors.append(
                f"console.error: {message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})"
            )

    def on_page_error(web_error) -> None:
        error = web_error.error
        evidence.console_errors.append(f"uncaught page error: {error.message}\n{error.stack or ''}".rstrip())

    world.context.on("console", on_console)
    world.context.on("weberror", on_page_error)


def record_step(context, step) -> None:
    """After a step: failure evidence, a screenshot if the page changed, the letters read."""
    world = getattr(context, "world", None)
    evidence = getattr(context, "evidence", None)
    if world is None or evidence is None:
        return
    recording = getattr(context, "recording", None)
    failed = step.status.name in ("failed", "error")
    soft_failed = _tell_soft_failures(context, evidence, step)
    structure.note_missing_landmarks(world.page)
    if failed or (soft_failed and evidence.failure_folder is None):
        keep_failure_evidence(context, world, evidence, step)
    if failed or soft_failed or recording is None or recording.screenshots:
        _show_screenshot(context, world, evidence, step, always=failed or soft_failed)
    if not failed:
        _check_accessibility(context, world, evidence, step)
    if recording is None or recording.letters:
        for letter in world.mailbox.read[evidence.letters_shown:]:
            report.embed_letter(context, letter)
    evidence.letters_shown = len(world.mailbox.read)


def _tell_soft_failures(context, evidence: ScenarioEvidence, step) -> bool:
    """Give the step the soft checks that failed in it (``step.soft_failures``): the report
    shows that step failed, while behave goes on with the scenario for its other instructions."""
    failures = getattr(context.scenario, "soft_failures", None) or {}
    new = {i: reason for i, reason in failures.items() if i not in evidence.soft_told}
    if not new:
        return False
    evidence.soft_told.update(new)
    step.soft_failures = new
    return True


def finish_scenario(context, scenario) -> None:
    """Keep the Playwright trace of a failed scenario; drop it otherwise. The structure notes
    go with the scenario into the report."""
    scenario.structure_notes = structure.take_notes()
    world = getattr(context, "world", None)
    evidence = getattr(context, "evidence", None)
    if world is None or evidence is None:
        return
    if evidence.accessibility_failure is not None:
        failed_step, message = evidence.accessibility_failure
        failed_step.error_message = message
        # A wrong build, as the JUnit XML must say too (set only now: the HTML formatter has
        # already shown the step, and it takes an exception for text).
        failed_step.exception = ExpectationFailed(message)
    folder = evidence.failure_folder
    recording = getattr(context, "recording", None)
    if recording is not None and recording.trace == "off":
        return
    try:
        if folder is not None and evidence.same_as is None:
            world.context.tracing.stop(path=str(folder / "trace.zip"))
        else:
            world.context.tracing.stop()
    except Exception as error:
        if folder is not None:
            _note_evidence_error(folder, "trace.zip", error)


def keep_failure_evidence(context, world, evidence: ScenarioEvidence, step=None) -> None:
    """Write the failure folder and link each file from the failed step; a failure seen
    before in this run gets a reference to the folder that holds its evidence in full."""
    folder = scenario_folder(context)
    folder.mkdir(parents=True, exist_ok=True)
    evidence.failure_folder = folder
    message = (getattr(step, "error_message", None) or "") if step is not None else ""
    soft = getattr(step, "soft_failures", None) or {}
    key = failure_key(message or " ".join(soft.values()))
    if key and key in _KEPT and _KEPT[key] != folder:
        evidence.same_as = _KEPT[key]
        note = folder / "same-failure.txt"
        note.write_text(f"The same failure as {_KEPT[key]}; its evidence is kept there in full.\n{key}\n",
                        encoding="utf-8")
        report.embed_links(context, "Failure evidence (seen before in this run)",
                           [(note, "Where the evidence of this failure is kept")])
        return
    if key:
        _KEPT[key] = folder
    page = world.page
    _try(folder, "screenshot.png", lambda: page.screenshot(path=str(folder / "screenshot.png"), full_page=True))
    _try(folder, "page.html", lambda: (folder / "page.html").write_text(page.content(), encoding="utf-8"))
    (folder / "console-errors.txt").write_text(
        "\n".join(evidence.console_errors) + "\n" if evidence.console_errors else NO_CONSOLE_ERRORS,
        encoding="utf-8",
    )
    letters = _try(folder, "letters", lambda: save_letters(world, folder / "letters")) or []
    links = [(folder / "screenshot.png", "Screenshot of the whole page (PNG)"),
             (folder / "page.html", "The page's HTML"),
             (folder / "trace.zip", "Playwright trace (open it with: playwright show-trace trace.zip)"),
             (folder / "console-errors.txt", f"Browser console errors ({len(evidence.console_errors)})")]
    links += [(path, f"Letter received so far: {path.name}") for path in letters]
    recording = getattr(context, "recording", None)
    if recording is not None and recording.trace == "off":  # MAILFLOW_TRACE=off: no trace.zip
        links = [link for link in links if link[0].name != "trace.zip"]
    report.embed_links(context, "Failure evidence", links)
    if evidence.console_errors:
        report.embed_text(context, "Browser console errors", "\n".join(evidence.console_errors))


def save_letters(world, folder: Path) -> list[Path]:
    """Every letter the scenario's shoppers have received so far, as .eml and as .html."""
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    addresses = sorted({a for s in world.shoppers.values() for a in s.addresses()})
    for address in addresses:
        for number, (heading, letter, source) in enumerate(world.mailbox.everything_to(address), start=1):
            name = f"{slug(address)}-{number:02}-{slug(heading.subject)}"
            eml = folder / f"{name}.eml"
            eml.write_bytes(source)
            page = folder / f"{name}.html"
            page.write_text(letter_page(letter), encoding="utf-8")
            saved += [page, eml]
    if not saved:
        note = folder / "none.txt"
        note.write_text(f"No letter had arrived for {', '.join(addresses) or 'any shopper'}.\n")
        saved.append(note)
    return saved


def letter_page(letter) -> str:
    """A stand-alone page for one letter: its headers, then its body as the recipient saw it,
    in a sandboxed frame under a policy that runs no script (the letter comes from the target)."""
    heading = letter.heading
    head = "".join(
        f"<tr><th>{label}</th><td>{html.escape(value)}</td></tr>"
        for label, value in (("Subject", heading.subject), ("From", str(heading.sender)),
                             ("To", ", ".join(str(a) for a in heading.to)),
                             ("Date", f"{heading.received:%Y-%m-%d %H:%M:%S}"))
    )
    body = letter.html or f"<pre>{html.escape(letter.text)}</pre>"
    return ("<!doctype html><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'; frame-src 'self'\">"
            f"<title>{html.escape(heading.subject)}</title><table>{head}</table><hr>"
            f'<iframe sandbox="" title="{html.escape(heading.subject)}" style="width:100%;height:80vh;border:0" '
            f'srcdoc="{html.escape(body, quote=True)}"></iframe>')


def _show_screenshot(context, world, evidence: ScenarioEvidence, step, *, always: bool) -> None:
    page = world.page
    if page.is_closed() or page.url == "about:blank":
        return
    view = _view_signature(page)
    if view and view == evidence.last_view and not always:
        return
    evidence.last_view = view
    try:
        picture = page.screenshot(type="jpeg", quality=SCREENSHOT_QUALITY)
    except Exception:
        return
    if picture == evidence.last_screenshot and not always:
        return
    evidence.last_screenshot = picture
    caption = "Screenshot at the failure" if always else f"What the shopper sees: {page.title() or page.url}"
    report.embed_jpeg(context, caption, picture)


def _view_signature(page) -> str:
    """The page's view signature, or "" when the page cannot tell (it is navigating)."""
    try:
        return str(page.evaluate(VIEW_SIGNATURE))
    except Exception:
        return ""


def _check_accessibility(context, world, evidence: ScenarioEvidence, step) -> None:
    """Scan the page states the step left open; fail the step on a serious violation if asked."""
    scanner = getattr(context, "accessibility", None)
    if scanner is None or not scanner.is_on:
        return
    scenario = f"{context.scenario.feature.name} › {context.scenario.name}"
    seen = scanner.look(world.context, scenario, evidence.last_screenshot)
    seen += scanner.look_at_letters(world.mailbox.read[evidence.letters_shown:], scenario)
    message = serious_failure(seen) if scanner.log.mode == "fail-serious" else ""
    if not message:
        return
    step.status = Status.failed
    step.error_message = message
    evidence.accessibility_failure = (step, message)
    report.embed_text(context, "Accessibility: serious or critical violations", message)
    keep_failure_evidence(context, world, evidence)


def _try(folder: Path, what: str, action):
    try:
        return action()
    except Exception as error:
        _note_evidence_error(folder, what, error)
        return None


def _note_evidence_error(folder: Path, what: str, error: Exception) -> None:
    with (folder / "evidence-errors.txt").open("a", encoding="utf-8") as notes:
        notes.write(f"{what}: {type(error).__name__}: {error}\n")
