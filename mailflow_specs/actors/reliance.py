"""A scenario that relies on another instruction to set itself up.

Most scenarios reach their own instruction through others: a CHG scenario first registers
a shopper and signs her in. When the target lacks or deviates from such an instruction,
or it does not work here, the scenario cannot check its own: it is reported "not checked:
depends on REG-11 (…)", and the failure counts against REG-11's own scenarios only.

Flows mark what they rely on with ``@relies_on("CHG-04", "CHG-05")``; inside a scenario
that transcribes those very IDs the mark does nothing (a failure there is the scenario's own).

Failing fast: once a marked flow has failed in a run (the registration form cannot be
reached), a later scenario that relies on it is "not checked" at once, with that first
failure as its reason, instead of waiting out the same timeout again (``BrokenFlows``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from mailflow_specs.errors import NotChecked
from mailflow_specs.targets.gate import dependency_note, own_verdict
from mailflow_specs.verdicts.ids import ids_in
from mailflow_specs.verdicts.kinds import NOT_BEHAVIOUR, charge

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class BrokenFlows:
    """The marked flows that failed in this run (this process), by flow: the instructions
    they set up and the first line of their failure."""

    failures: dict[str, tuple[str, str]] = field(default_factory=dict)

    def remember(self, flow: str, which: str, first_line: str) -> None:
        if flow:
            self.failures.setdefault(flow, (which, first_line))

    def reason(self, flow: str) -> str | None:
        if flow not in self.failures:
            return None
        which, first_line = self.failures[flow]
        return f"depends on {which}, which did not work here (in an earlier scenario): {first_line}"

    def forget(self) -> None:
        self.failures.clear()


BROKEN = BrokenFlows()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


@contextmanager
def relying_on(world, *instruction_ids: str, flow: str = "") -> Iterator[None]:
    """Run a flow that sets up ``instruction_ids``; ``flow`` names it for failing fast."""
    foreign = [i for i in instruction_ids if i not in world.instructions]
    if not world.instructions:
        yield
        return
    if not foreign:  # the scenario's own instructions: a failure here is theirs alone
        try:
            yield
        except Exception as error:
            charge(error, instruction_ids)
            if not isinstance(error, NOT_BEHAVIOUR):
                BROKEN.remember(flow, ", ".join(instruction_ids), _first_line(error))
            raise
        return
    for instruction_id in foreign:
        if own_verdict(world.profile, instruction_id):
            raise NotChecked(f"depends on {dependency_note(world.profile, instruction_id)}")
    known = BROKEN.reason(flow)
    if known:  # failed before in this run: not waited out again
        raise NotChecked(known)
    world.relied_on.append(tuple(foreign))  # world.said() names these while the flow runs
    try:
        yield
    except NOT_BEHAVIOUR:
        raise
    except Exception as error:
        first_line = _first_line(error)
        if any(i in world.instructions for i in ids_in(first_line)):
            raise  # a check of the scenario's own instruction: its own failure
        named = [i for i in ids_in(first_line) if i in foreign]
        which = ", ".join(named or foreign)
        BROKEN.remember(flow, which, first_line)
        raise NotChecked(f"depends on {which}, which did not work here: {first_line}") from error
    finally:
        world.relied_on.pop()


def relies_on(*instruction_ids: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a flow (whose first argument is the world) as relying on these instructions."""
    def mark(flow: Callable[P, R]) -> Callable[P, R]:
        name = f"{flow.__module__}.{flow.__qualname__}"

        @functools.wraps(flow)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            with relying_on(args[0], *instruction_ids, flow=name):
                return flow(*args, **kwargs)
        return run
    return mark
