"""``mailflow merge DIR...``: one report, ``traceability.json`` and JUnit from the results of shards.

Each DIR is a shard's run folder (``mailflow run --shard I/N`` wrote ``results/`` there).
The scenarios are put back in the order one run takes (feature file, then line), the
report is drawn by the same formatter from the shards' records, traceability is built
from their outcomes (a scenario no shard ran is "not selected", as in one run), the
JUnit is written from the shards' verdicts as one run writes it, and the shards' ``accessibility.json``
become one (``accessibility_merge``). ``mailflow run --workers N`` merges its workers here too.
"""

from __future__ import annotations

import json
from datetime import datetime
from itertools import groupby
from pathlib import Path

from behave.configuration import Configuration
from behave.formatter.base import StreamOpener
from behave.parser import parse_file
from behave.runner_util import collect_feature_locations
from behave_html_pretty_formatter.html_pretty import PrettyHTMLFormatter

from mailflow_specs.report import junit
from mailflow_specs.report.accessibility import AccessibilityLog
from mailflow_specs.report.accessibility_merge import ACCESSIBILITY_JSON, merge_logs, shard_log
from mailflow_specs.report.formatter import ReportFormatter, _tag_order, finish_page
from mailflow_specs.report.results import ScenarioResult, read_results, rebuild_feature
from mailflow_specs.report.traceability import NOT_SELECTED, build, scenario_kind
from mailflow_specs.verdicts.ids import instruction_ids


def merge(folders: list[Path], out_dir: Path) -> dict[str, dict]:
    """Write ``index.html``, ``traceability.json`` and ``junit/`` into ``out_dir``; answer the table."""
    results, runs = read_results(folders)
    results = _in_run_order(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = traceability_table(results, runs[0].get("selection", {}).get("paths", []))
    (out_dir / "traceability.json").write_text(
        json.dumps(table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    merge_junit(results, out_dir / "junit", runs)
    accessibility = merge_logs([shard_log(folder) for folder in folders], scanned_names(results))
    if accessibility is not None:
        accessibility.write(out_dir / ACCESSIBILITY_JSON)
    _draw_report(results, runs, table, accessibility, out_dir)
    return table


def scanned_names(results: list[ScenarioResult]) -> list[str]:
    """The scenarios as the accessibility scan names them ("Feature › Scenario"), in the run's order."""
    return [f"{r.record['feature']['name']} › {r.record['name']}" for r in results]


def _in_run_order(results: list[ScenarioResult]) -> list[ScenarioResult]:
    """Sorted by feature file and line; a scenario two shards both ran appears once."""
    unique = {result.order: result for result in results}
    return [unique[key] for key in sorted(unique)]


def traceability_table(results: list[ScenarioResult], paths: list[str]) -> dict[str, dict]:
    """As ``traceability.table_for`` builds it for one run: run scenarios first, then the rest."""
    outcomes: dict[str, list[dict]] = {}
    for result in results:
        attributed = result.record.get("attributed", {})
        for instruction_id in result.record["instructions"]:
            outcomes.setdefault(instruction_id, []).append(attributed.get(instruction_id, result.record["outcome"]))
    reported = {f"{r.record['feature']['filename']}:{r.record['line']}" for r in results}
    for location in collect_feature_locations(paths):
        feature = parse_file(location.filename)
        for scenario in feature.walk_scenarios() if feature else []:
            where = f"{scenario.location.filename}:{scenario.location.line}"
            if where in reported:
                continue
            outcome = {"name": scenario.name, "status": "skipped", "reason": NOT_SELECTED,
                       "kind": scenario_kind(scenario.effective_tags),
                       "feature": scenario.feature.name, "location": where}
            for instruction_id in instruction_ids(scenario.effective_tags):
                outcomes.setdefault(instruction_id, []).append(outcome)
    return build(outcomes)


class MergedReport(ReportFormatter):
    """The run's report formatter, fed with the shards' records instead of a behave run."""

    def __init__(self, stream_opener, config, merged: dict) -> None:
        super().__init__(stream_opener, config)
        self._merged = merged

    def close(self) -> None:
        PrettyHTMLFormatter.close(self)  # draw only: there is no behave run to record
        finish_page(self)

    def _generate_global_summary(self) -> bool:
        merged = self._merged
        return self._draw_sections(merged["table"], merged["outcomes"], merged["duration"], merged["tags"])


def _draw_report(results: list[ScenarioResult], runs: list[dict], table: dict,
                 accessibility: AccessibilityLog | None, out_dir: Path) -> None:
    started = min(datetime.fromisoformat(run["started"]) for run in runs)
    finished = max(datetime.fromisoformat(run["finished"]) for run in runs)
    merged = {
        "table": table,
        "outcomes": [r.record["outcome"] for r in results],
        "duration": (finished - started).total_seconds(),
        "tags": sorted({t for r in results for t in r.record["effective_tags"]}, key=_tag_order),
    }
    config = Configuration(command_args=[], load_config=False)
    report = MergedReport(StreamOpener(filename=str(out_dir / "index.html")), config, merged)
    report.suite_start_time = started
    report.accessibility = accessibility
    first = next((run for run in runs if run.get("run_info")), runs[0])  # a share may be empty
    report.run_info = dict(first.get("run_info", {}))
    report.run_info["selection"] = _selection(first)
    report.run_info["shards"] = len(runs)
    features = groupby(results, key=lambda r: r.record["feature"]["filename"])
    for counter, (_, records) in enumerate(features, start=1):
        feature = rebuild_feature(list(records), counter, out_dir)
        report.features.append(feature)
        for drawn in feature.scenarios:
            location = f"{drawn.location.filename}:{drawn.location.line}"
            report._anchors[location] = f"f{counter}-s{drawn.counter}"
    report.feature_counter = len(report.features)
    report.stream = report.open()
    report.close()
    report.close_stream()


def _selection(run: dict) -> str:
    """The whole run's selection: the shards' paths, with the tag expression as behave states it."""
    stated = run.get("run_info", {}).get("selection", "")
    tags = stated.partition("; tags: ")[2]
    paths = run.get("selection", {}).get("text", stated).partition("; tags: ")[0]
    return paths + (f"; tags: {tags}" if tags else "")


def merge_junit(results: list[ScenarioResult], out: Path, runs: list[dict]) -> None:
    """The run's JUnit, as one run writes it, from the shards' verdicts in the run's order."""
    target = next((run["run_info"].get("target") for run in runs if run.get("run_info")), None) or "a target"
    cases = [junit.case_of(r.record["outcome"], r.record["instructions"], r.record.get("duration") or 0.0)
             for r in results if r.record["outcome"]["status"] != "skipped" or r.record["outcome"].get("reason")]
    junit.write(cases, out, run_name=f"Mailflow Specs: {target}")
