"""What a failed scenario says about the difference: the failing step, the first line of
the error, Playwright's own diagnosis (not found, strict mode, timeout) and the locator.

Errors that are no behaviour of the target (a seam that answered 403, a target that does
not answer, a profile key missing) are set-up errors and say so; a scenario that relied on
an instruction the target lacks or failed is "not checked", not failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behave.model_core import Status

from mailflow.errors import (
    CapabilityMissing,
    NotApplicable,
    NotChecked,
    ProfileError,
    StepMismatch,
    TargetUnreachable,
)

FAILED_ATTRIBUTE = "mailflow_failed_instructions"  # see mailflow.scenario.reliance
SETUP_ERRORS = (TargetUnreachable, ProfileError, StepMismatch)
SETUP_PREFIX = "not checked: set-up error"
# Playwright's diagnosis, in the order a reader needs it.
DIAGNOSES = (
    re.compile(r"strict mode violation.*", re.IGNORECASE),
    re.compile(r"Actual value: .*"),
    re.compile(r"element\(s\) not found.*"),
    re.compile(r"Timeout \d+ms exceeded.*"),
)
LOCATOR = re.compile(r"waiting for (.+)")
EXCEPTION_LINE = re.compile(r"^(?:[\w.]+\.)?(\w*(?:Error|Exception|Failed|Missing|Unreachable|"
                            r"Mismatch|Checked|Applicable))(?:: (.*))?$")


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a scenario did not pass: its status, the reason, and where it stopped."""

    status: str  # failed | skipped | absent
    reason: str
    stopped_at: str = ""
    is_setup_error: bool = False
    # The scenario's own instructions this failure belongs to, when not all of them.
    instructions: tuple[str, ...] = ()


def describe(error_text: str) -> tuple[str, str]:
    """(first line of the error with Playwright's diagnosis, the locator it waited for)."""
    lines = [line.strip() for line in _exception_part(error_text).splitlines() if line.strip()]
    if not lines:
        return "", ""
    headline = lines[0]
    diagnosis = next((m.group(0) for line in lines[1:] for p in DIAGNOSES if (m := p.search(line))), "")
    locator = readable(next((m.group(1).strip() for line in lines if (m := LOCATOR.search(line))), ""))
    text = headline if not diagnosis or diagnosis in headline else f"{headline} ({diagnosis})"
    return text, locator


# The landmark fallback of the pages, as Playwright spells it, and how a reader says it.
LANDMARK_FALLBACK = re.compile(
    r'locator\("body"\)\.filter\(has_not=get_by_role\("(\w+)"\)\)\.or_\(get_by_role\("\1"\)\)')
TOLERANT_NAME = re.compile(r're\.compile\(r"\^\\s\*(.*?)\(\\s\*\[\^\\w\\s\]\{1,2\}\)\?\\s\*\\\*\?\\s\*\$", re\.IGNORECASE\)')


def readable(locator: str) -> str:
    """Playwright's locator with the harness's own fallbacks said in words."""
    locator = LANDMARK_FALLBACK.sub(lambda m: f"{m.group(1)}-landmark-or-whole-page", locator)
    locator = TOLERANT_NAME.sub(lambda m: repr(m.group(1).replace("\\", "")), locator)
    return locator[:300]


def _exception_part(text: str) -> str:
    """A traceback's exception and message; any other text as it is."""
    text = text.strip()
    for prefix in ("Assertion Failed: ", "HOOK-ERROR in before_scenario: "):
        text = text.removeprefix(prefix)
    if not text.startswith("Traceback"):
        return text
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = EXCEPTION_LINE.match(line)
        if match and not line.startswith(" "):
            return "\n".join([match.group(2) or match.group(1), *lines[index + 1:]])
    return lines[-1]


def failure_of(scenario) -> Failure:
    """Why a scenario that ran did not pass."""
    step = next((s for s in scenario.all_steps if s.status in (Status.failed, Status.error,
                                                                Status.undefined)), None)
    error = getattr(step, "exception", None) if step else getattr(scenario, "exception", None)
    message = (step.error_message if step else getattr(scenario, "error_message", None)) or ""
    if step is not None and step.status == Status.undefined:
        return Failure("skipped", f"{SETUP_PREFIX}: no step matches \"{step.keyword} {step.name}\"",
                       is_setup_error=True)
    text, locator = describe(message or str(error or ""))
    where = f"{step.keyword} {step.name}" if step else "before the first step"
    stopped_at = where + (f" › {locator}" if locator else "")
    if isinstance(error, NotChecked):
        return Failure("skipped", f"not checked: {error}")
    if isinstance(error, NotApplicable):
        return Failure("absent", f"absent: {error}")
    if isinstance(error, CapabilityMissing):
        return Failure("skipped", error.reason)
    if isinstance(error, SETUP_ERRORS) or step is None:
        return Failure("skipped", f"{SETUP_PREFIX} at \"{where}\": {text or 'failed in a hook'}",
                       stopped_at, is_setup_error=True)
    detail = f"{where}: {text}" + (f" [locator: {locator}]" if locator else "")
    return Failure("failed", detail, stopped_at, instructions=getattr(error, FAILED_ATTRIBUTE, ()))
