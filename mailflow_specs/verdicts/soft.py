"""Soft checks: a failed check of one instruction that lets the scenario go on for the others.

A scenario such as "The Register button opens a form whose every field is labelled"
transcribes REG-01 (the button is on the right), REG-02 and REG-03. A button on the left
is REG-01's failure alone: the scenario goes on, REG-02 and REG-03 get their own verdicts,
and the traceability reports REG-01 failed with the check's message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.verdicts.messages import describe


@contextmanager
def soft_check(context, instruction_id: str) -> Iterator[None]:
    try:
        yield
    except (ExpectationFailed, AssertionError) as error:
        text, locator = describe(str(error))
        reason = text + (f" [locator: {locator}]" if locator else "")
        failures = getattr(context.scenario, "soft_failures", None) or {}
        failures[instruction_id] = reason
        context.scenario.soft_failures = failures
