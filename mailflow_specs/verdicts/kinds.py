"""Which errors are a behaviour of the target, and which are not: the one classification
that the flows (``mailflow_specs.actors.reliance``) and the report (``mailflow_specs.report.failures``) share.

- a **behaviour**: an ``ExpectationFailed``, an ``AssertionError`` or a Playwright error while
  driving the target: the scenario failed;
- a **set-up error**: the target, the mail catcher or the browser unreachable, a profile
  problem, a feature whose wording fits no step: nobody learnt anything about the target;
- **not checked**, **not applicable**, **capability missing**: the scenario could not check
  its own instructions, and says why.
"""

from __future__ import annotations

from mailflow_specs.errors import (
    CapabilityMissing,
    NotApplicable,
    NotChecked,
    ProfileError,
    StepMismatch,
    TargetUnreachable,
)

SETUP_ERRORS = (TargetUnreachable, ProfileError, StepMismatch)
# Errors that are not a behaviour of the target: a flow a scenario relies on lets them through.
NOT_BEHAVIOUR = (NotChecked, NotApplicable, CapabilityMissing, *SETUP_ERRORS)
# Set on an error raised while setting up some of the scenario's own instructions: only those
# failed; the scenario's other instructions were not reached ("not checked").
FAILED_ATTRIBUTE = "mailflow_failed_instructions"


def is_behaviour(error: BaseException | None) -> bool:
    return error is not None and not isinstance(error, NOT_BEHAVIOUR)


def is_setup_error(error: BaseException | None) -> bool:
    return isinstance(error, SETUP_ERRORS)


def failed_instructions(error: BaseException | None) -> tuple[str, ...]:
    """The scenario's own instructions a failure belongs to, when not all of them."""
    return getattr(error, FAILED_ATTRIBUTE, ())


def charge(error: BaseException, instruction_ids: tuple[str, ...]) -> None:
    """Say that ``error`` belongs to these instructions (the first charge stands)."""
    if not hasattr(error, FAILED_ATTRIBUTE):
        setattr(error, FAILED_ATTRIBUTE, tuple(instruction_ids))
