"""A page made inaccessible on purpose fails a fail-serious run, naming the rule and the element.

A tiny behave project uses the harness's own hooks (``mailflow_specs.report.evidence``): a local
page shows a picture without alternative text, and its lone step passes; the scan after
the step must fail the scenario with axe-core's rule (image-alt) and the element, and
write accessibility.json. The same page under ``report`` only reports it.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

FEATURE = """\
Feature: A shop that forgot an alternative text
  Scenario: The shopper sees a picture nobody described
    Given the shopper opens a page with a picture without alternative text
"""
ENVIRONMENT = """\
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

from playwright.sync_api import sync_playwright

from mailflow_specs.report.evidence import finish_scenario, record_step, start_scanning, watch_scenario
from mailflow_specs.actors.browsing import BrowserSettings, launch


def before_all(context):
    site = Path(__file__).parent / "site"
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    context.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=context.server.serve_forever, daemon=True).start()
    context.playwright = sync_playwright().start()
    context.browser = launch(context.playwright, BrowserSettings())
    context.artifacts = Path(__file__).parent / "artifacts"
    start_scanning(context, context.config.userdata["accessibility"], context.artifacts / "accessibility.json")


def before_scenario(context, scenario):
    browser_context = context.browser.new_context()
    browser_context.tracing.start()
    context.world = SimpleNamespace(context=browser_context, page=browser_context.new_page(),
                                    mailbox=SimpleNamespace(read=[], client=None), personas={})
    watch_scenario(context)


def after_step(context, step):
    record_step(context, step)


def after_scenario(context, scenario):
    finish_scenario(context, scenario)
    context.world.context.close()


def after_all(context):
    context.browser.close()
    context.playwright.stop()
    context.server.shutdown()
"""
STEPS = """\
from behave import given


@given("the shopper opens a page with a picture without alternative text")
def step_given_picture_without_alt(context):
    port = context.server.server_address[1]
    context.world.page.goto(f"http://127.0.0.1:{port}/shop.html")
"""
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Our offer</h1><img class="offer-picture" src="offer.png" width="40" height="40"></main></body></html>
"""


def run_tiny_project(tmp_path: Path, mode: str) -> subprocess.CompletedProcess:
    (tmp_path / "features" / "steps").mkdir(parents=True)
    (tmp_path / "features" / "shop.feature").write_text(FEATURE)
    (tmp_path / "features" / "environment.py").write_text(ENVIRONMENT)
    (tmp_path / "features" / "steps" / "shop_steps.py").write_text(STEPS)
    (tmp_path / "features" / "site").mkdir()
    (tmp_path / "features" / "site" / "shop.html").write_text(PAGE)
    return subprocess.run(
        [sys.executable, "-m", "behave", "features", "-D", f"accessibility={mode}", "--no-capture",
         "-f", "mailflow_specs.report.traceability:TraceabilityFormatter", "-o", str(tmp_path / "traceability.json"),
         "--junit", "--junit-directory", str(tmp_path / "junit"), "-f", "plain"],
        cwd=tmp_path, capture_output=True, text=True, timeout=180,
    )


def test_a_picture_without_alternative_text_fails_a_fail_serious_run_naming_rule_and_element(tmp_path: Path) -> None:
    done = run_tiny_project(tmp_path, "fail-serious")
    assert done.returncode != 0, done.stdout + done.stderr
    assert "1 scenario passed" not in done.stdout and "0 scenarios passed" in done.stdout, done.stdout
    results = json.loads((tmp_path / "features" / "artifacts" / "accessibility.json").read_text())
    rules = {(v["rule"], v["impact"], v["elements"][0]["target"]) for p in results["pages"] for v in p["violations"]}
    assert ("image-alt", "critical", "img") in rules or ("image-alt", "critical", ".offer-picture") in rules, rules
    failure = (tmp_path / "features" / "artifacts" / "failures")
    assert any(failure.iterdir()), "the failed scenario keeps its evidence"
    junit = "".join(p.read_text() for p in (tmp_path / "junit").glob("*.xml"))
    assert "Expected no serious or critical accessibility violation" in junit, junit
    assert "image-alt (critical) at" in junit and "Images must have alternative text" in junit


def test_the_same_page_is_only_reported_under_report(tmp_path: Path) -> None:
    done = run_tiny_project(tmp_path, "report")
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((tmp_path / "features" / "artifacts" / "accessibility.json").read_text())
    assert results["violations_by_impact"]["critical"] >= 1
