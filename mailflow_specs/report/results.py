"""A run's results as files: one JSON per scenario, enough to draw the report again.

A shard (``mailflow run --shard I/N``) writes ``results/`` beside its report: ``run.json``
(the run summary's facts, the selection, start and end), ``accessibility/`` (the picture of
each page state its ``accessibility.json`` lists) and ``NNN-<feature>-<line>.json``
per scenario: its outcome for traceability (and each instruction ID's own, as the run's
profile attributes it: a declared deviation, a failure that was another ID's), its
instruction IDs and tags, and what the
report drew: every step with status, duration, location, text, table and embeds (a
screenshot or letter inline, failure evidence as links relative to the shard's folder).
``mailflow_specs.report.merge`` reads these back and draws one report from many shards.
The record is taken from the pretty formatter's own model at the end of the run, so a
merged page shows exactly what a single run's page shows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from behave.model import Table
from behave.model_core import Status
from behave_html_pretty_formatter.html_pretty import Embed, Feature, Scenario, Step

from mailflow_specs.errors import MailflowError
from mailflow_specs.paths import slug
from mailflow_specs.report.accessibility_merge import keep_pictures
from mailflow_specs.report.traceability import profile_of, scenario_outcome
from mailflow_specs.targets.gate import attribute
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import instruction_ids

RUN_FILE = "run.json"


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """One scenario as a shard recorded it; ``folder`` is the shard's report folder."""

    record: dict
    folder: Path

    @property
    def order(self) -> tuple[str, int]:
        return (self.record["feature"]["filename"], self.record["line"])


def write_results(formatter, behave_scenarios: list, folder: Path, run_info: dict) -> None:
    """Record every scenario the formatter drew (run or skipped; not those the tags left out)."""
    folder.mkdir(parents=True, exist_ok=True)
    report_dir = Path(formatter.stream_opener.name or ".").resolve().parent
    by_location = {_location(s): s for s in behave_scenarios}
    profile = profile_of(formatter.config)
    number = 0
    for feature in formatter.features:
        for drawn in feature.scenarios:
            scenario = by_location.get(_location(drawn))
            if scenario is None or (scenario.status == Status.untested and not scenario.should_skip):
                continue
            number += 1
            record = scenario_record(feature, drawn, scenario, report_dir, profile)
            name = f"{number:03}-{slug(Path(scenario.location.filename).stem)}-{scenario.location.line}.json"
            (folder / name).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / RUN_FILE).write_text(json.dumps(run_info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    keep_pictures(getattr(formatter, "accessibility", None), folder)


def _location(scenario) -> str:
    location = getattr(scenario, "location", None)
    return f"{location.filename}:{location.line}" if location else ""


def scenario_record(feature, drawn, scenario, report_dir: Path, profile: TargetProfile | None = None) -> dict:
    outcome = scenario_outcome(scenario)
    ids = instruction_ids(scenario.effective_tags)
    return {
        "feature": {"name": feature.name, "filename": scenario.location.filename,
                    "description": feature.description, "tags": [str(t) for t in feature.tags]},
        "name": drawn.name,
        "line": scenario.location.line,
        "tags": [str(t) for t in scenario.tags],
        "effective_tags": sorted(str(t) for t in scenario.effective_tags),
        "instructions": ids,
        "outcome": outcome,
        "attributed": {i: attribute(profile, i, outcome) for i in ids},
        "status": drawn.status.name,
        "duration": drawn.duration,
        "description": list(scenario.description),
        "steps": [_step_record(step, report_dir) for step in drawn.steps],
    }


def _step_record(step, report_dir: Path) -> dict:
    table = None
    if step.table:
        table = {"headings": list(step.table.headings), "rows": [list(row) for row in step.table.rows]}
    return {"keyword": step.keyword, "name": step.name, "text": step.text, "table": table,
            "status": step.status.name, "duration": step.duration or 0.0, "location": step.location,
            "margin_top": step.margin_top, "embeds": [_embed_record(e, report_dir) for e in step.embeds]}


def _embed_record(embed, report_dir: Path) -> dict:
    data = embed.data
    if embed.mime_type == "link":
        # Relative to the shard's folder; the merge rebases them onto the merged report.
        data = [[_relative(link, report_dir), label] for link, label in data]
    return {"mime_type": embed.mime_type, "data": data, "caption": embed.caption,
            "fail_only": embed.fail_only, "compress": embed.compress,
            "download_button": embed.download_button, "filename": embed.filename}


def _relative(link: str, report_dir: Path) -> str:
    path = Path(link)
    return os.path.relpath(path, report_dir) if path.is_absolute() else link


def read_results(folders: list[Path]) -> tuple[list[ScenarioResult], list[dict]]:
    """Every scenario of every shard folder (each holding ``results/``), and each shard's run.json."""
    scenarios, runs = [], []
    for folder in folders:
        results = folder / "results"
        if not (results / RUN_FILE).is_file():
            raise MailflowError(f"Expected a shard's results in {results}; found no {RUN_FILE} there.")
        runs.append(json.loads((results / RUN_FILE).read_text(encoding="utf-8")))
        for path in sorted(results.glob("[0-9]*.json")):
            scenarios.append(ScenarioResult(json.loads(path.read_text(encoding="utf-8")), folder.resolve()))
    return scenarios, runs


def rebuild_feature(records: list[ScenarioResult], counter: int, out_dir: Path) -> Feature:
    """The pretty formatter's feature, drawn as the shards drew it; links rebased onto ``out_dir``."""
    first = records[0].record["feature"]
    feature = Feature(SimpleNamespace(name=first["name"], description=first["description"].split("\n"),
                                      location=first["filename"], tags=first["tags"]), counter)
    for number, result in enumerate(records, start=1):
        feature.scenarios.append(_rebuild_scenario(feature, result, number, out_dir))
        feature.status = _feature_status(feature.status, feature.scenarios[-1].status)
    feature.description = first["description"]
    return feature


def _feature_status(current: Status, scenario: Status) -> Status:
    if current == Status.skipped or scenario not in (Status.skipped, Status.passed):
        return scenario
    return current


def _rebuild_scenario(feature: Feature, result: ScenarioResult, counter: int, out_dir: Path) -> Scenario:
    record = result.record
    location = SimpleNamespace(filename=record["feature"]["filename"], line=record["line"])
    behave_like = SimpleNamespace(name=record["name"], description=record["description"], tags=record["tags"],
                                  location=location, status=Status.from_name(record["status"]),
                                  error_message=None, exception=None, steps=[], duration=record["duration"])
    drawn = Scenario(behave_like, feature, counter)
    drawn.duration = record["duration"]
    for step_record in record["steps"]:
        step = Step(step_record["keyword"], step_record["name"], step_record["text"],
                    _table(step_record["table"]), drawn)
        step.status = Status.from_name(step_record["status"])
        step.duration = step_record["duration"]
        step.location = step_record["location"]
        step.margin_top = step_record["margin_top"]
        step.embeds = [_rebuild_embed(e, result.folder, out_dir) for e in step_record["embeds"]]
        drawn.steps.append(step)
    return drawn


def _table(data: dict | None) -> Table | None:
    return Table(data["headings"], rows=data["rows"]) if data else None


def _rebuild_embed(record: dict, shard_dir: Path, out_dir: Path) -> Embed:
    data = record["data"]
    if record["mime_type"] == "link":
        data = [[os.path.relpath(shard_dir / link, out_dir), label] for link, label in data]
    embed = Embed(record["mime_type"], data, record["caption"], record["fail_only"],
                  download_button=record["download_button"], filename=record["filename"],
                  compress=record["compress"])
    return embed
