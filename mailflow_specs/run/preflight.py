"""Before a run starts anything: is there anything to run, and does the target answer at all?

Two set-up errors end a run at once, with a report that says so rather than a row of failures:

- a tag expression that selects no scenario (the error names the tags nearest to the ones
  given: ``@REG-8`` → ``@REG-08``);
- an external target or mail catcher that refuses the connection (within about a second),
  does not answer, or answers a server error on its home page: no scenario could learn
  anything about it, so every selected scenario is "not checked: set-up error", in
  ``traceability.json``, in JUnit (as ``<error>``), in ``index.html`` and in the exit status.
"""

from __future__ import annotations

import difflib
import html
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

from behave.parser import parse_file
from behave.runner_util import collect_feature_locations

from mailflow_specs.errors import MailflowError, TargetUnreachable
from mailflow_specs.report import junit
from mailflow_specs.report.traceability import build, scenario_kind
from mailflow_specs.targets.labels import Route
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import instruction_ids

REFUSED_SECONDS = 1.0  # a refused connection is retried this long (a server just starting)
ANSWER_SECONDS = 10.0


class NothingSelected(MailflowError):
    """The run's tags and paths select no scenario."""


def check_selection(locations: list[str], paths: list[str], tags: list[str], names: list[str] = ()) -> None:
    if locations:
        return
    if names:
        raise NothingSelected(f"No scenario matches --name {' or '.join(names)}"
                              + (f" and --tags {' and '.join(tags)}" if tags else "") + f" in {', '.join(paths)}.")
    known = sorted({f"@{t}" for s in _scenarios(paths) for t in s.effective_tags})
    asked = [word for expression in tags for word in expression.replace("(", " ").replace(")", " ").split()
             if word.startswith("@")]
    nearest = sorted({close for word in asked for close in difflib.get_close_matches(word, known, n=3, cutoff=0.5)})
    hint = f" The nearest tags: {', '.join(nearest)}." if nearest else f" Tags there are: {', '.join(known[:12])} …"
    raise NothingSelected(f"No scenario matches --tags {' and '.join(tags) or '(none)'} in "
                          f"{', '.join(paths)}.{hint}")


def unreachable(profile: TargetProfile) -> str | None:
    """Why the external target or its mail catcher cannot be tested at all; None if both answer."""
    checks = []
    if not profile.starts_reference_app and profile.base_url:
        checks.append((profile.base_url.rstrip("/") + profile.routes.get(Route.HOME, "/"), "the target"))
    if not profile.starts_catcher and profile.mail_api_url:
        checks.append((profile.mail_api_url, f"the mail catcher ({profile.catcher})"))
    for url, what in checks:
        try:
            status = _status(url)
        except TargetUnreachable as error:
            return str(error)
        if status >= 500:
            return f"{what} answers {status} at {url}: a server error before any scenario ran"
    return None


def _status(url: str) -> int:
    deadline = time.monotonic() + REFUSED_SECONDS
    while True:
        try:
            with urllib.request.urlopen(url, timeout=ANSWER_SECONDS) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code
        except ConnectionRefusedError as error:
            if time.monotonic() >= deadline:
                raise TargetUnreachable(f"Expected an answer at {url}; the connection was refused ({error.strerror})."
                                        ) from None
        except OSError as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, ConnectionRefusedError):
                if time.monotonic() >= deadline:
                    raise TargetUnreachable(f"Expected an answer at {url}; the connection was refused.") from None
            else:
                raise TargetUnreachable(f"Expected an answer at {url}; got none: {reason}.") from None
        time.sleep(0.1)  # between tries of a connection the target may be opening


def write_setup_failure(run_dir: Path, profile: TargetProfile, paths: list[str], locations: list[str],
                        error: str) -> dict:
    """The run folder of a run that could not start: every selected scenario not checked."""
    reason = f"not checked: set-up error: {error}"
    selected = set(locations)
    outcomes: dict[str, list[dict]] = {}
    cases = []
    for scenario in _scenarios(paths):
        where = f"{scenario.location.filename}:{scenario.location.line}"
        if where not in selected:
            continue
        outcome = {"name": scenario.name, "status": "skipped", "reason": reason, "setup_error": True,
                   "kind": scenario_kind(scenario.effective_tags), "feature": scenario.feature.name,
                   "location": where}
        ids = instruction_ids(scenario.effective_tags)
        for instruction_id in ids:
            outcomes.setdefault(instruction_id, []).append(outcome)
        cases.append(junit.case_of(outcome, ids))
    table = build(outcomes)
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "traceability.json").write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    junit.write(cases, run_dir / "junit", run_name=f"Mailflow Specs: {profile.name}")
    (run_dir / "index.html").write_text(_page(profile, error, len(cases)), encoding="utf-8")
    return table


def _page(profile: TargetProfile, error: str, scenarios: int) -> str:
    return ("<!doctype html><html lang='en'><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{html.escape(profile.name)}: set-up error, nothing checked</title>"
            "<body style='font:16px system-ui;margin:2rem;max-width:60rem'>"
            f"<h1>{html.escape(profile.name)}: set-up error, nothing checked</h1>"
            f"<p>The run stopped before its first scenario: {html.escape(error)}</p>"
            f"<p>None of the {scenarios} selected scenarios could learn anything about the target: each is "
            "<strong>not checked</strong> in <a href='traceability.json'>traceability.json</a> and an error in "
            "<a href='junit/all.xml'>junit/all.xml</a>. Start the target (or fix the profile's "
            f"<code>base_url</code>, <code>{html.escape(str(profile.path))}</code>) and run again.</p></body></html>\n")


def _scenarios(paths: list[str]) -> list:
    found = []
    for location in collect_feature_locations(paths):
        feature = parse_file(location.filename)
        found.extend(feature.walk_scenarios() if feature else [])
    return found
