"""``mailflow run --dry-run``: what a run would do, per instruction, with nothing started.

The selection is the run's own (``workers.selected_scenarios``: paths, tags, ``--name``,
a shard's share) and each scenario goes through the gate a real run's ``before_scenario``
uses (``gate.reason_to_skip``), so "would skip" here is a skip there, with the same reason.
No browser, no reference app, no mail catcher and no report folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TextIO

from mailflow_specs.run.workers import selected_scenarios, selection_text
from mailflow_specs.targets.gate import reason_to_skip
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import guide_order, instruction_ids

NO_ID = "(no instruction ID)"


@dataclass(frozen=True, slots=True)
class Planned:
    """One selected scenario: where it is, its name, its instruction IDs, and why it would be skipped."""

    location: str
    name: str
    ids: tuple[str, ...]
    skip_reason: str | None


def plan(profile: TargetProfile, paths: list[str], tags: list[str], names: list[str],
         locations: list[str] | None = None) -> list[Planned]:
    """The selected scenarios as the run would take them; ``locations`` narrows them to a shard's share."""
    planned = []
    for scenario in selected_scenarios(paths, tags, names):
        location = f"{scenario.location.filename}:{scenario.location.line}"
        if locations is not None and location not in locations:
            continue
        tags_of = list(scenario.effective_tags)
        planned.append(Planned(location, scenario.name, tuple(instruction_ids(tags_of)),
                               reason_to_skip(profile, tags_of)))
    return planned


def by_instruction(planned: list[Planned]) -> dict[str, list[Planned]]:
    """Each instruction ID (in the guide's order) with its planned scenarios; a scenario of two IDs under both."""
    grouped: dict[str, list[Planned]] = {}
    for item in planned:
        for instruction_id in item.ids or (NO_ID,):
            grouped.setdefault(instruction_id, []).append(item)
    return dict(sorted(grouped.items(), key=lambda pair: (pair[0] == NO_ID, _order(pair[0]))))


def _shown(location: str) -> str:
    filename, _, line = location.rpartition(":")
    return f"{os.path.relpath(filename)}:{line}"


def _order(instruction_id: str) -> tuple:
    return guide_order(instruction_id) if instruction_id != NO_ID else (0, "", 0)


def print_plan(profile: TargetProfile, planned: list[Planned], paths: list[str], tags: list[str],
               out: TextIO) -> int:
    """Print the plan; answers the exit status (0: a dry run fails nothing)."""
    out.write(f"Dry run against {profile.name} ({profile.path.name}); {selection_text(paths, tags)}. "
              "Nothing was started.\n")
    for instruction_id, items in by_instruction(planned).items():
        out.write(f"{instruction_id}\n")
        for item in items:
            verdict = f"skip  ({item.skip_reason})" if item.skip_reason else "run"
            out.write(f"  {_shown(item.location)}  {item.name}  -> {verdict}\n")
    would_run = sum(item.skip_reason is None for item in planned)
    out.write(f"{len(planned)} scenarios selected: {would_run} would run, "
              f"{len(planned) - would_run} would be skipped.\n")
    return 0
