"""JUnit tells each scenario's verdict as CI servers count it: failed is a failure, a set-up
error an error, and a scenario that checked nothing is skipped with its reason."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from mailflow_specs.report.junit import case_of, stable_name, write


def outcome(name: str, status: str, **more) -> dict:
    return {"name": name, "status": status, "kind": "guide", "feature": "Registration",
            "location": "features/registration.feature:12", **more}


def written(tmp_path: Path, *cases) -> ET.Element:
    write(list(cases), tmp_path, run_name="Mailflow Specs: acme")
    return ET.parse(tmp_path / "TESTS-features.registration.xml").getroot()


def test_each_verdict_is_the_element_a_ci_gate_counts(tmp_path: Path) -> None:
    suite = written(
        tmp_path,
        case_of(outcome("Passes", "passed"), ["REG-10"]),
        case_of(outcome("Fails", "failed", reason="Then x: expected y\nmore", error_type="ExpectationFailed"), ["REG-11"]),
        case_of(outcome("Broken", "skipped", reason="not checked: set-up error: no target", setup_error=True), ["REG-12"]),
        case_of(outcome("Absent", "absent", reason="absent: the target has no CAPTCHA"), ["REG-08"]),
        case_of(outcome("Deviates", "deviation", reason="known deviation of CHG-01: a menu"), ["CHG-01"]),
    )
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == ("5", "1", "1", "2")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["Passes"].find("failure") is None and cases["Passes"].find("skipped") is None
    assert cases["Fails"].find("failure").get("type") == "ExpectationFailed"
    assert cases["Fails"].find("failure").get("message") == "Then x: expected y\nmore".splitlines()[0]
    assert cases["Broken"].find("error") is not None
    assert cases["Absent"].find("skipped").get("message") == "absent: the target has no CAPTCHA"


def test_a_scenario_failed_only_by_a_soft_check_is_a_failure(tmp_path: Path) -> None:
    soft = outcome("Small print", "failed", reason="REG-11: the small print is ordinary size",
                   soft_failures={"REG-11": "the small print is ordinary size"}, others="passed")
    case = written(tmp_path, case_of(soft, ["REG-10", "REG-11"])).find("testcase")
    assert case.find("failure").get("type") == "ExpectationFailed"
    properties = {(p.get("name"), p.get("value")) for p in case.iter("property")}
    assert {("instruction", "REG-10"), ("instruction", "REG-11"), ("failed_by_soft_check", "REG-11")} <= properties


def test_the_instruction_ids_kind_and_place_are_properties_of_the_test_case(tmp_path: Path) -> None:
    case = written(tmp_path, case_of(outcome("Passes", "passed"), ["REG-10", "REG-11"], 1.5)).find("testcase")
    properties = [(p.get("name"), p.get("value")) for p in case.iter("property")]
    assert properties == [("instruction", "REG-10"), ("instruction", "REG-11"), ("kind", "guide"),
                          ("location", "features/registration.feature:12")]
    assert case.get("classname") == "registration.Registration" and case.get("time") == "1.500"


def test_an_outline_row_is_named_by_its_examples_and_row_not_by_behaves_suffix() -> None:
    assert stable_name("A late code is refused -- @2.1 Late") == "A late code is refused [Late, row 1]"
    assert stable_name("A late code is refused -- @1.3 ") == "A late code is refused [examples 1, row 3]"
    assert stable_name("Plain scenario") == "Plain scenario"


def test_text_xml_cannot_carry_is_replaced_and_the_whole_run_file_counts_everything(tmp_path: Path) -> None:
    bad = case_of(outcome("Fails", "failed", reason="page said \x00\x1b[31m<script>"), ["REG-11"])
    suite = written(tmp_path, bad)
    assert "<script>" in suite.find("testcase/failure").text
    everything = ET.parse(tmp_path / "all.xml").getroot()
    assert (everything.tag, everything.get("tests"), everything.get("failures")) == ("testsuites", "1", "1")
