"""JUnit XML from the scenarios' verdicts, the same verdicts every other output reads.

One file per feature (``TESTS-<feature>.xml``) and one for the whole run (``all.xml``), in
the shape CI servers read: a failed scenario is a ``<failure>``, a set-up error an
``<error>``, and a scenario that checked nothing (absent, a declared deviation, not checked,
a missing seam) is ``<skipped>`` with its reason, so that a CI gate counts exactly the
failed ones. Each test case carries its instruction IDs, its kind (guide or hardening) and
its place in the feature file as ``<properties>``; its name is the scenario's own, an
outline's row named by its examples table and row number rather than behave's ``-- @1.2``.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mailflow_specs.report.traceability import ScenarioCollector, profile_of, scenario_outcome
from mailflow_specs.verdicts.ids import instruction_ids

ALL_FILE = "all.xml"
# behave's name of an outline's row: "Name -- @1.2 Examples title"
OUTLINE_ROW = re.compile(r"^(?P<name>.*?) -- @(?P<table>\d+)\.(?P<row>\d+)(?: (?P<title>.*))?$")
# Characters XML 1.0 cannot carry at all, whatever the escaping.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Case:
    """One scenario's verdict, as JUnit tells it."""

    feature: str
    feature_file: str
    name: str
    status: str  # passed | failed | error | skipped
    reason: str = ""
    seconds: float = 0.0
    instructions: tuple[str, ...] = ()
    properties: dict[str, str] = field(default_factory=dict)
    error_type: str = ""


def case_of(outcome: dict, instructions: list[str] | tuple[str, ...], seconds: float = 0.0) -> Case:
    """A scenario's outcome (``traceability.scenario_outcome``) as a JUnit case."""
    status = outcome["status"]
    if outcome.get("setup_error"):
        status = "error"
    elif status not in ("passed", "failed"):
        status = "skipped"  # absent, deviation, skipped (not checked, a missing seam, ...)
    location = outcome.get("location", "")
    properties = {"kind": outcome.get("kind", "guide"), "location": location}
    if outcome.get("soft_failures"):
        properties["failed_by_soft_check"] = ", ".join(outcome["soft_failures"])
    if status == "skipped":
        properties["verdict"] = outcome["status"]
    return Case(feature=outcome.get("feature", ""), feature_file=location.rsplit(":", 1)[0],
                name=stable_name(outcome["name"]), status=status, reason=outcome.get("reason") or "",
                seconds=seconds, instructions=tuple(instructions), properties=properties,
                error_type=outcome.get("error_type") or ("ExpectationFailed" if outcome.get("soft_failures") else ""))


def stable_name(name: str) -> str:
    """The scenario's name without behave's ``-- @1.2`` suffix: an outline's row is named by its
    examples table and its row, which stay the same from run to run."""
    match = OUTLINE_ROW.match(name)
    if match is None:
        return name
    title = (match["title"] or "").strip() or f"examples {match['table']}"
    return f"{match['name']} [{title}, row {match['row']}]"


def write(cases: list[Case], folder: Path, *, run_name: str) -> list[Path]:
    """Write one file per feature and ``all.xml``; answer the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    by_feature: dict[str, list[Case]] = {}
    for case in cases:
        by_feature.setdefault(case.feature_file or case.feature, []).append(case)
    written = []
    suites = []
    for feature_file, feature_cases in by_feature.items():
        suite = _suite(feature_cases)
        suites.append(suite)
        path = folder / f"TESTS-{suite_file_name(feature_file)}.xml"
        _write_tree(suite, path)
        written.append(path)
    everything = ET.Element("testsuites", name=_clean(run_name))
    _count(everything, cases)
    everything.extend(suites)
    _write_tree(everything, folder / ALL_FILE)
    written.append(folder / ALL_FILE)
    return written


def suite_file_name(feature_file: str) -> str:
    """``features/registration.feature`` → ``features.registration``, as behave names its files."""
    dotted = Path(feature_file).with_suffix("").as_posix().replace("/", ".")
    return "".join(c if c.isalnum() or c in "._-" else "-" for c in dotted) or "feature"


def _suite(cases: list[Case]) -> ET.Element:
    suite = ET.Element("testsuite", name=_clean(cases[0].feature), hostname=socket.gethostname(),
                       timestamp=datetime.now().isoformat(timespec="seconds"))
    _count(suite, cases)
    for case in cases:
        suite.append(_testcase(case))
    return suite


def _count(element: ET.Element, cases: list[Case]) -> None:
    element.set("tests", str(len(cases)))
    for attribute, status in (("failures", "failed"), ("errors", "error"), ("skipped", "skipped")):
        element.set(attribute, str(sum(case.status == status for case in cases)))
    element.set("time", f"{sum(case.seconds for case in cases):.3f}")


def _testcase(case: Case) -> ET.Element:
    classname = f"{Path(case.feature_file).stem}.{case.feature}" if case.feature_file else case.feature
    element = ET.Element("testcase", classname=_clean(classname), name=_clean(case.name), time=f"{case.seconds:.3f}")
    properties = ET.SubElement(element, "properties")
    for instruction_id in case.instructions:
        ET.SubElement(properties, "property", name="instruction", value=instruction_id)
    for name, value in case.properties.items():
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    first_line = _clean(case.reason.splitlines()[0] if case.reason else "")
    if case.status == "failed":
        failure = ET.SubElement(element, "failure", message=first_line, type=case.error_type or "failed")
        failure.text = _clean(case.reason)
    elif case.status == "error":
        error = ET.SubElement(element, "error", message=first_line, type="set-up error")
        error.text = _clean(case.reason)
    elif case.status == "skipped":
        ET.SubElement(element, "skipped", message=first_line)
    return element


def _clean(text: str) -> str:
    return NOT_XML.sub("\N{REPLACEMENT CHARACTER}", text)


def _write_tree(element: ET.Element, path: Path) -> None:
    ET.indent(element)
    ET.ElementTree(element).write(path, encoding="utf-8", xml_declaration=True)


class JUnitFormatter(ScenarioCollector):
    """``-f mailflow_specs.report.junit:JUnitFormatter -o junit/all.xml``: the run's JUnit, one file per
    feature beside the whole run's, from the same verdicts as ``traceability.json``."""

    name = "mailflow-junit"
    description = "JUnit XML of the scenarios' verdicts, instruction IDs as properties"

    def close(self) -> None:
        cases = [case_of(scenario_outcome(s), instruction_ids(s.effective_tags), s.duration)
                 for s in self._scenarios if ran_or_decided(s)]
        folder = Path(self.stream_opener.name).parent if self.stream_opener.name else Path("junit")
        profile = profile_of(self.config)
        write(cases, folder, run_name=f"Mailflow Specs: {profile.name if profile else 'a target'}")


def ran_or_decided(scenario) -> bool:
    """A scenario this run ran, or decided not to run with a reason (not one its tags left out)."""
    return scenario.status.name not in ("untested", "skipped") or bool(getattr(scenario, "skip_reason", None))
