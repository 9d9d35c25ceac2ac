"""Traceability: every instruction of the catalogue, its scenarios and their results.

``TraceabilityFormatter`` is a behave formatter (``-f mailflow_specs.report.traceability:TraceabilityFormatter
-o traceability.json``): it writes one object keyed by instruction ID, each
``{"status": "passed|failed|deviation|absent|skipped|missing", "reason"?, "guide_scenarios": [names],
"scenarios": [{"name", "status", "kind", "reason"?, "stopped_at"?}]}``, listing every ID of
``fixtures/instructions.toml``.

A scenario's ``kind`` is ``guide`` when it transcribes the guide's own sentence and
``hardening`` (tag ``@hardening``) when it goes beyond it: links used twice, expiry,
throttles, refusals the guide does not mention. An ID is ``passed`` only when one of its
guide scenarios passed; hardening scenarios can fail an ID, never pass it.

Each ID of a scenario gets its own status (``gate.attribute``): an ID the profile declares
absent or deviating keeps that, whatever the scenario did for its other IDs.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from functools import cache

from behave.formatter.base import Formatter
from behave.model_core import Status
from behave.parser import parse_file
from behave.runner_util import collect_feature_locations

from mailflow_specs.errors import MailflowError
from mailflow_specs.paths import CATALOGUE
from mailflow_specs.report.failures import NOT_REACHED, failure_of
from mailflow_specs.targets.gate import attribute, scenario_status
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import instruction_ids, said_of

SECTIONS = ("REG", "CONF", "CHG")
NOT_SELECTED = "not selected by this run's tags or paths"
HARDENING_TAG = "hardening"
GUIDE, HARDENING = "guide", "hardening"
NO_GUIDE_SCENARIO = "no guide scenario: only hardening scenarios carry this ID"


@dataclass(frozen=True, slots=True)
class Instruction:
    id: str
    section: str
    section_title: str
    polish: str
    meaning: str
    reading: str = ""  # where the specification reads the guide differently from the spec, and why


@cache
def catalogue() -> tuple[Instruction, ...]:
    entries = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))["instruction"]
    return tuple(Instruction(**entry) for entry in entries if entry["section"] in SECTIONS)


def all_scenarios(config) -> list:
    """Every scenario of the run's feature files (outline rows one each), selected or not."""
    found = []
    for location in collect_feature_locations(config.paths):
        feature = parse_file(location.filename)
        if feature is not None:
            found.extend(feature.walk_scenarios())
    return found


def scenario_outcome(scenario) -> dict:
    """One scenario's result as the report tells it: name, status and, if any, the reason."""
    status = scenario.status
    reason = getattr(scenario, "skip_reason", None) or ""
    if status == Status.skipped or status == Status.untested:
        outcome = {"name": scenario.name, "status": scenario_status(reason) if reason else "skipped"}
        if reason:
            outcome["reason"] = reason
    elif status == Status.passed:
        outcome = {"name": scenario.name, "status": "passed"}
    else:
        failure = failure_of(scenario)
        outcome = {"name": scenario.name, "status": failure.status, "reason": failure.reason}
        if failure.stopped_at and failure.status == "failed":
            outcome["stopped_at"] = failure.stopped_at
        if failure.is_setup_error:
            outcome["setup_error"] = True
        if failure.instructions:
            outcome["failed_instructions"] = list(failure.instructions)
            if failure.at_last_step:  # the others' checks all ran, and passed
                outcome["others"] = "passed"
        if failure.error_type:
            outcome["error_type"] = failure.error_type
    if getattr(scenario, "soft_failures", None):
        # The scenario went on past a failed check of one instruction: it failed for that one.
        outcome["soft_failures"] = dict(scenario.soft_failures)
        outcome["others"] = outcome["status"]
        if outcome["status"] == "passed":
            outcome["status"] = "failed"
            outcome["reason"] = "; ".join(said_of(i, r) for i, r in scenario.soft_failures.items())
    if getattr(scenario, "structure_notes", None):
        outcome["structure_notes"] = list(scenario.structure_notes)
    outcome["kind"] = scenario_kind(scenario.effective_tags)
    outcome["feature"] = scenario.feature.name
    outcome["location"] = f"{scenario.location.filename}:{scenario.location.line}"
    return outcome


def scenario_kind(tags) -> str:
    """``hardening`` for a scenario tagged ``@hardening`` (on it, its examples, rule or feature)."""
    return HARDENING if HARDENING_TAG in tags else GUIDE




def combine(outcomes: list[dict]) -> str:
    """An instruction's status from its scenarios' statuses: any failure or deviation wins;
    else ``passed`` needs a passed guide scenario and no guide scenario left unchecked by a
    set-up error (a text the profile lacks, a target that stopped answering): what was never
    checked cannot pass. An ID with no guide scenario is ``missing``."""
    statuses = {outcome["status"] for outcome in outcomes}
    for status in ("failed", "deviation"):
        if status in statuses:
            return status
    guide = {outcome["status"] for outcome in outcomes if outcome.get("kind", GUIDE) == GUIDE}
    if any(outcome.get("setup_error") for outcome in outcomes if outcome.get("kind", GUIDE) == GUIDE):
        guide.discard("passed")
    for status in ("passed", "absent", "skipped"):
        if status in guide:
            return status
    return "absent" if "absent" in statuses else "missing"


def coverage(outcomes: list[dict]) -> str:
    """How many guide and hardening scenarios passed, e.g. "guide 1/1 passed, hardening 2/3"."""
    parts = []
    for kind in (GUIDE, HARDENING):
        of_kind = [outcome for outcome in outcomes if outcome.get("kind", GUIDE) == kind]
        if of_kind:
            passed = sum(outcome["status"] == "passed" for outcome in of_kind)
            parts.append(f"{kind} {passed}/{len(of_kind)} passed")
    return ", ".join(parts) or "no scenario"


def profile_of(config) -> TargetProfile | None:
    """The run's target profile (``-D target=…``), to attribute absent and deviating IDs."""
    name = config.userdata.get("target") or os.environ.get("MAILFLOW_TARGET") or "reference"
    try:
        return TargetProfile.load(name)
    except MailflowError:
        return None


def build(results: dict[str, list[dict]]) -> dict[str, dict]:
    """The traceability object for every catalogued instruction."""
    table = {}
    for instruction in catalogue():
        outcomes = results.get(instruction.id, [])
        entry = {"status": combine(outcomes),
                 "guide_scenarios": [o["name"] for o in outcomes if o.get("kind", GUIDE) == GUIDE],
                 "scenarios": outcomes}
        if entry["status"] == "missing" and outcomes:
            entry["reason"] = NO_GUIDE_SCENARIO
        table[instruction.id] = entry
    return table


def table_for(scenarios: list, config) -> dict[str, dict]:
    """The traceability object of a run: its scenarios, plus those its tags left out."""
    results: dict[str, list[dict]] = {}
    profile = profile_of(config)
    for scenario in scenarios:
        outcome = scenario_outcome(scenario)
        for instruction_id in instruction_ids(scenario.effective_tags):
            results.setdefault(instruction_id, []).append(attribute(profile, instruction_id, outcome))
    _add_unselected(results, scenarios, config)
    return build(results)


INTERRUPTED = "mailflow_interrupted"


def note_interruption(context) -> None:
    """After the run (``after_all``): whether Ctrl-C or SIGTERM ended it, for the formatters, which
    close after the hooks (behave aborts between two scenarios as well as inside a step)."""
    runner = getattr(context, "_runner", None)
    if getattr(runner, "aborted", False):
        setattr(context.config, INTERRUPTED, True)


def was_interrupted(scenarios: list, config=None) -> bool:
    """Whether Ctrl-C or SIGTERM ended the run."""
    if getattr(config, INTERRUPTED, False):
        return True
    return any(isinstance(getattr(step, "exception", None), KeyboardInterrupt)
               for scenario in scenarios for step in scenario.all_steps)


def _add_unselected(results: dict[str, list[dict]], scenarios: list, config) -> None:
    """Scenarios this run's tags left out: skipped, so their instructions are not "missing";
    after an interruption the selected ones it did not reach say so."""
    interrupted = was_interrupted(scenarios, config)
    expression = getattr(config, "tag_expression", None)
    reported = {(s.location.filename, s.location.line) for s in scenarios
                if not (interrupted and s.status == Status.untested)}
    for scenario in all_scenarios(config):
        if (scenario.location.filename, scenario.location.line) in reported:
            continue
        selected = interrupted and (expression is None or scenario.should_run_with_tags(expression))
        outcome = {"name": scenario.name, "status": "skipped",
                   "reason": NOT_REACHED if selected else NOT_SELECTED, "kind": scenario_kind(scenario.effective_tags),
                   "feature": scenario.feature.name,
                   "location": f"{scenario.location.filename}:{scenario.location.line}"}
        for instruction_id in instruction_ids(scenario.effective_tags):
            results.setdefault(instruction_id, []).append(outcome)


class ScenarioCollector(Formatter):
    """A formatter that keeps every scenario of the run and writes its file when the run ends,
    from the scenarios' verdicts (``scenario_outcome``)."""

    def __init__(self, stream_opener, config) -> None:
        super().__init__(stream_opener, config)
        self._scenarios: list = []

    def scenario(self, scenario) -> None:
        self._scenarios.append(scenario)


class TraceabilityFormatter(ScenarioCollector):
    name = "traceability"
    description = "Writes traceability.json: each instruction ID, its scenarios and their status"

    def close(self) -> None:
        stream = self.open()
        json.dump(table_for(self._scenarios, self.config), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        self.close_stream()
