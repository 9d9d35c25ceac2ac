"""The report's one seam into behave-html-pretty-formatter, held by a real behave run.

``ReportFormatter`` adds its run summary and traceability view by extending the pretty
formatter's ``_generate_global_summary`` (the hook that draws the page's summary when the
run closes). That method is not public API, so this test runs behave with the formatter
on a one-scenario feature and checks the page still carries both parts: an upgrade of the
formatter that drops the hook fails here, not in a product owner's report.
"""

import subprocess
import sys
from pathlib import Path

FEATURE = """\
Feature: A tiny specification
  @REG-01
  Scenario: One step that passes
    Given nothing at all
"""
STEPS = """\
from behave import given

@given("nothing at all")
def step_given_nothing(context):
    pass
"""


def test_the_report_page_carries_the_run_summary_and_the_traceability_view(tmp_path: Path) -> None:
    (tmp_path / "features" / "steps").mkdir(parents=True)
    (tmp_path / "features" / "tiny.feature").write_text(FEATURE)
    (tmp_path / "features" / "steps" / "tiny_steps.py").write_text(STEPS)
    page = tmp_path / "index.html"
    done = subprocess.run(
        [sys.executable, "-m", "behave", "features", "-f", "mailflow_specs.report.formatter:ReportFormatter",
         "-o", str(page), "--no-capture"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    text = page.read_text(encoding="utf-8")
    assert 'id="run-summary"' in text
    assert 'id="traceability"' in text
    assert 'id="i-REG-01"' in text and "One step that passes" in text
