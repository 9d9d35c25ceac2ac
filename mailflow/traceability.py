"""Traceability: every instruction of the catalogue, its scenarios and their results.

``TraceabilityFormatter`` is a behave formatter (``-f mailflow.traceability:TraceabilityFormatter
-o traceability.json``): it writes one object keyed by instruction ID, each
``{"status": "passed|failed|skipped|deviation|missing", "scenarios": [{"name", "status",
"reason"?}]}``, listing every ID of ``fixtures/instructions.toml``.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from behave.formatter.base import Formatter
from behave.model_core import Status

from mailflow.scenario_gate import DEVIATION_PREFIX, instruction_ids

CATALOGUE = Path(__file__).resolve().parent.parent / "fixtures" / "instructions.toml"
SECTIONS = ("REG", "CONF", "CHG")


@dataclass(frozen=True, slots=True)
class Instruction:
    id: str
    section: str
    section_title: str
    polish: str
    meaning: str


@cache
def catalogue() -> tuple[Instruction, ...]:
    entries = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))["instruction"]
    return tuple(Instruction(**entry) for entry in entries if entry["section"] in SECTIONS)


def scenario_outcome(scenario) -> dict:
    """One scenario's result as the report tells it: name, status and, if any, the reason."""
    status = scenario.status
    reason = getattr(scenario, "skip_reason", None) or ""
    if status == Status.skipped and reason.startswith(DEVIATION_PREFIX):
        outcome = {"name": scenario.name, "status": "deviation", "reason": reason}
    elif status == Status.skipped or status == Status.untested:
        outcome = {"name": scenario.name, "status": "skipped"}
        if reason:
            outcome["reason"] = reason
    elif status == Status.passed:
        outcome = {"name": scenario.name, "status": "passed"}
    else:
        outcome = {"name": scenario.name, "status": "failed", "reason": _failure_reason(scenario)}
    outcome["feature"] = scenario.feature.name
    outcome["location"] = f"{scenario.location.filename}:{scenario.location.line}"
    return outcome


def _failure_reason(scenario) -> str:
    for step in scenario.all_steps:
        if step.status in (Status.failed, Status.error, Status.undefined):
            message = (step.error_message or f"step is {step.status.name}").strip()
            first_line = message.splitlines()[-1] if message.startswith("Traceback") else message
            return f"{step.keyword} {step.name}: {first_line}"
    return "failed in a hook"


def combine(outcomes: list[dict]) -> str:
    """An instruction's status from its scenarios' statuses."""
    statuses = {outcome["status"] for outcome in outcomes}
    for status in ("failed", "deviation", "passed", "skipped"):
        if status in statuses:
            return status
    return "missing"


def build(results: dict[str, list[dict]]) -> dict[str, dict]:
    """The traceability object for every catalogued instruction."""
    table = {}
    for instruction in catalogue():
        outcomes = results.get(instruction.id, [])
        table[instruction.id] = {"status": combine(outcomes), "scenarios": outcomes}
    return table


class TraceabilityFormatter(Formatter):
    name = "traceability"
    description = "Writes traceability.json: each instruction ID, its scenarios and their status"

    def __init__(self, stream_opener, config) -> None:
        super().__init__(stream_opener, config)
        self.results: dict[str, list[dict]] = {}
        self._scenarios: list = []

    def scenario(self, scenario) -> None:
        self._scenarios.append(scenario)

    def close(self) -> None:
        for scenario in self._scenarios:
            outcome = scenario_outcome(scenario)
            for instruction_id in instruction_ids(scenario.effective_tags):
                self.results.setdefault(instruction_id, []).append(outcome)
        stream = self.open()
        json.dump(build(self.results), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        self.close_stream()
