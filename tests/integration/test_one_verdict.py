"""One verdict per scenario, whichever output reads it: a scenario whose only failure is a soft
check (the scenario goes on for its other instructions) is failed on the console, in the report's
list, its header counts and its filters, in JUnit, in traceability.json, and after a merge.

A tiny behave project uses the harness's own hooks and formatters: a local page, a first step
whose soft check of REG-11 fails, and a second step that passes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mailflow_specs.report.merge import merge

pytestmark = pytest.mark.integration

FEATURE = """\
Feature: Registration
  @REG-10 @REG-11
  Scenario: Creating the profile announces the letter in small print
    Given the shopper has created her profile
    Then she is welcomed
"""
ENVIRONMENT = """\
from pathlib import Path
from types import SimpleNamespace

from playwright.sync_api import sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, launch
from mailflow_specs.report.evidence import finish_scenario, record_step, watch_scenario


def before_all(context):
    context.playwright = sync_playwright().start()
    context.browser = launch(context.playwright, BrowserSettings())
    context.artifacts = Path(__file__).parent / "artifacts"


def before_scenario(context, scenario):
    browser_context = context.browser.new_context()
    context.world = SimpleNamespace(context=browser_context, page=browser_context.new_page(),
                                    mailbox=SimpleNamespace(read=[]), shoppers={})
    watch_scenario(context)


def after_step(context, step):
    record_step(context, step)


def after_scenario(context, scenario):
    finish_scenario(context, scenario)
    context.world.context.close()


def after_all(context):
    context.browser.close()
    context.playwright.stop()
"""
STEPS = """\
from behave import given, then

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.verdicts.soft import soft_check

PAGE = "<!doctype html><html lang='en'><title>Shop</title><main><h1>Welcome</h1><small>sent</small></main></html>"


@given("the shopper has created her profile")
def step_given_created(context):
    context.world.page.set_content(PAGE)
    with soft_check(context, "REG-11"):
        raise ExpectationFailed("REG-11: the small print: expected a smaller font than the page's; got 16px")


@then("she is welcomed")
def step_then_welcomed(context):
    assert context.world.page.get_by_role("heading", name="Welcome").is_visible()
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    project = tmp_path_factory.mktemp("soft")
    (project / "features" / "steps").mkdir(parents=True)
    (project / "features" / "registration.feature").write_text(FEATURE)
    (project / "features" / "environment.py").write_text(ENVIRONMENT)
    (project / "features" / "steps" / "shop_steps.py").write_text(STEPS)
    out = project / "run"
    done = subprocess.run(
        [sys.executable, "-m", "behave", "features", "--no-capture", "-D", f"results={out / 'results'}",
         "-f", "mailflow_specs.report.traceability:TraceabilityFormatter", "-o", str(out / "traceability.json"),
         "-f", "mailflow_specs.report.junit:JUnitFormatter", "-o", str(out / "junit" / "all.xml"),
         "-f", "mailflow_specs.report.formatter:ReportFormatter", "-o", str(out / "index.html"),
         "-f", "mailflow_specs.report.progress:ProgressFormatter"],
        cwd=project, capture_output=True, text=True, timeout=180,
    )
    assert (out / "traceability.json").is_file(), done.stdout + done.stderr
    return out, done


def scenario_counts(page: str) -> dict[str, int]:
    """The report header's scenario counts, as its status filters label them."""
    row = page[page.index("Scenarios: "):]
    row = row[: row.index("</div>")]
    return {status: int(n) for n, status in re.findall(r"(\d+) (passed|failed|skipped|undefined)", row)}


def test_the_console_says_failed(run) -> None:
    _, done = run
    assert re.search(r"\[1/1\] failed +Registration › Creating the profile", done.stdout), done.stdout


def test_traceability_fails_the_instruction_of_the_soft_check_only(run) -> None:
    out, _ = run
    table = json.loads((out / "traceability.json").read_text())
    assert table["REG-11"]["status"] == "failed" and table["REG-10"]["status"] == "passed"


def test_junit_counts_it_as_a_failure(run) -> None:
    out, _ = run
    everything = ET.parse(out / "junit" / "all.xml").getroot()
    assert (everything.get("tests"), everything.get("failures")) == ("1", "1")
    assert "smaller font" in everything.find(".//testcase/failure").text


def test_the_report_lists_it_failed_counts_it_failed_and_shows_the_failing_step(run) -> None:
    out, _ = run
    page = (out / "index.html").read_text()
    assert scenario_counts(page) .get("failed") == 1 and scenario_counts(page).get("passed", 0) == 0
    assert re.search(r'scenario-filter-container failed', page), "the scenario's filter class"
    assert "REG-11: REG-11" not in page
    assert "expected a smaller font than the page&#x27;s" in page or "expected a smaller font than the page's" in page


def test_a_merge_of_its_results_says_failed_everywhere_too(run, tmp_path) -> None:
    out, _ = run
    table = merge([out], tmp_path)
    assert table["REG-11"]["status"] == "failed"
    merged = ET.parse(tmp_path / "junit" / "all.xml").getroot()
    assert merged.get("failures") == "1"
    assert scenario_counts((tmp_path / "index.html").read_text()).get("failed") == 1
