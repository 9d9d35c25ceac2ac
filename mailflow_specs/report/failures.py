"""What a failed scenario says about the difference: the failing step, the first line of
the error, Playwright's own diagnosis (not found, strict mode, timeout) and the locator.

Errors that are no behaviour of the target (a seam that answered 403, a target that does
not answer, a profile key missing) are set-up errors and say so; a scenario that relied on
an instruction the target lacks or failed is "not checked", not failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from behave.model_core import Status

from mailflow_specs.errors import CapabilityMissing, NotApplicable, NotChecked
from mailflow_specs.verdicts.ids import ids_in, instruction_ids
from mailflow_specs.verdicts.kinds import failed_instructions, is_setup_error
from mailflow_specs.verdicts.messages import describe

SETUP_PREFIX = "not checked: set-up error"
INTERRUPTED_HERE = "not checked: the run was interrupted during this scenario"
NOT_REACHED = "not reached: the run was interrupted before this scenario"
@dataclass(frozen=True, slots=True)
class Failure:
    """Why a scenario did not pass: its status, the reason, and where it stopped."""

    status: str  # failed | skipped | absent
    reason: str
    stopped_at: str = ""
    is_setup_error: bool = False
    # The scenario's own instructions this failure belongs to, when not all of them.
    instructions: tuple[str, ...] = ()
    # The type of the error that stopped it ("ExpectationFailed", "TimeoutError", ...).
    error_type: str = ""
    # It stopped at the scenario's last step: every other check of it had passed.
    at_last_step: bool = False


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
    if isinstance(error, KeyboardInterrupt):  # Ctrl-C or SIGTERM: a state of the run, not of the target
        return Failure("skipped", INTERRUPTED_HERE)
    if isinstance(error, NotChecked):
        return Failure("skipped", f"not checked: {error}")
    if isinstance(error, NotApplicable):
        return Failure("absent", f"absent: {error}")
    if isinstance(error, CapabilityMissing):
        return Failure("skipped", error.reason)
    if is_setup_error(error) or step is None:
        return Failure("skipped", f"{SETUP_PREFIX} at \"{where}\": {text or 'failed in a hook'}",
                       stopped_at, is_setup_error=True)
    detail = f"{where}: {text}" + (f" [locator: {locator}]" if locator else "")
    steps = list(scenario.all_steps)
    return Failure("failed", detail, stopped_at, instructions=failed_instructions(error) or _named(scenario, text),
                   error_type=type(error).__name__ if error is not None else "",
                   at_last_step=bool(steps) and steps[-1] is step)


def _named(scenario, first_line: str) -> tuple[str, ...]:
    """A hard check names the instruction it belongs to ("REG-03: the fields in order"): where
    that is some of the scenario's instructions, the failure is theirs alone."""
    own = instruction_ids(getattr(scenario, "effective_tags", ()) or ())
    named = tuple(i for i in ids_in(first_line.split(" (", 1)[0]) if i in own)
    return named if named and set(named) != set(own) else ()
