"""A scenario that relies on another instruction to set itself up.

Most scenarios reach their own instruction through others: a CHG scenario first registers
a shopper and signs her in. When the target lacks or deviates from such an instruction,
or it does not work here, the scenario cannot check its own: it is reported "not checked:
depends on REG-11 (…)", and the failure counts against REG-11's own scenarios only.

Flows mark what they rely on with ``@relies_on("CHG-04", "CHG-05")``; inside a scenario
that transcribes those very IDs the mark does nothing (a failure there is the scenario's own).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from mailflow_specs.errors import NotChecked
from mailflow_specs.targets.gate import dependency_note, own_verdict
from mailflow_specs.verdicts.ids import ids_in
from mailflow_specs.verdicts.kinds import NOT_BEHAVIOUR, charge

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def relying_on(world, *instruction_ids: str) -> Iterator[None]:
    foreign = [i for i in instruction_ids if i not in world.instructions]
    if not world.instructions:
        yield
        return
    if not foreign:  # the scenario's own instructions: a failure here is theirs alone
        try:
            yield
        except Exception as error:
            charge(error, instruction_ids)
            raise
        return
    for instruction_id in foreign:
        if own_verdict(world.profile, instruction_id):
            raise NotChecked(f"depends on {dependency_note(world.profile, instruction_id)}")
    world.relied_on.append(tuple(foreign))  # world.said() names these while the flow runs
    try:
        yield
    except NOT_BEHAVIOUR:
        raise
    except Exception as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if any(i in world.instructions for i in ids_in(first_line)):
            raise  # a check of the scenario's own instruction: its own failure
        named = [i for i in ids_in(first_line) if i in foreign]
        which = ", ".join(named or foreign)
        raise NotChecked(f"depends on {which}, which did not work here: {first_line}") from error
    finally:
        world.relied_on.pop()


def relies_on(*instruction_ids: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a flow (whose first argument is the world) as relying on these instructions."""
    def mark(flow: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(flow)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            with relying_on(args[0], *instruction_ids):
                return flow(*args, **kwargs)
        return run
    return mark
