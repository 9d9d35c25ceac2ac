"""A target that puts script everywhere it can reaches nothing of the kit's: not the report,
not the failure evidence, not the accessibility scan.

A tiny behave project uses the harness's own hooks and formatters against a local page that
writes script into its title, its heading, a refusal, the browser console and a letter (subject
and body), and defines ``window.axe`` with results of its own (no violation, a ``javascript:``
help link, an impact axe-core does not have, a malformed node). The scenario fails on the
page's text, so that text reaches the failure's reason too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

MARK = "PWNED"
SCRIPT = f"<script>document.title='{MARK}';window.top.name='{MARK}'</script>"
PAGE = f"""<!doctype html><html lang="en"><head><title>Shop {SCRIPT}</title>
<script>
console.error("<img src=x onerror=\\"document.title='{MARK}'\\">");
window.axe = {{run: async () => ({{violations: [
  {{id: "fake", impact: "apocalyptic", help: "<b>{MARK}</b>", helpUrl: "javascript:document.title='{MARK}'",
    nodes: [{{target: ["body"], html: "<scr" + "ipt>x</scr" + "ipt>"}}, "not a node"]}},
  "not a violation"]}})}};
window.mailflowHostile = true;
</script></head>
<body><main><h1>Welcome {SCRIPT}</h1><img src="offer.png" width="20" height="20">
<p id="refusal">&lt;img src=x onerror="document.title='{MARK}'"&gt; is not allowed</p></main></body></html>"""
LETTER_HTML = f"<html><body><p>Confirm</p>{SCRIPT}<img src=x onerror=\"document.title='{MARK}'\"></body></html>"

FEATURE = """\
Feature: A hostile shop
  @REG-11
  Scenario: The shop's page and letter are shown, never run
    Given the shopper opens the hostile shop and reads its letter
    Then the shop welcomes her politely
"""
ENVIRONMENT = """\
import threading
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

from playwright.sync_api import sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, launch
from mailflow_specs.mail.letter import Heading, Letter, Mailer
from mailflow_specs.report.evidence import finish_scenario, record_step, start_scanning, watch_scenario

LETTER_HTML = LETTER_HTML_HERE


class Mailbox:
    def __init__(self):
        heading = Heading("L1", "<script>document.title='PWNED'</script> Confirm", Mailer("shop@x.test", "<b>Shop</b>"),
                          (Mailer("ola@example.com"),), datetime(2026, 12, 6, tzinfo=UTC))
        self.letter = Letter.of(heading, "Confirm: http://x.test/c", LETTER_HTML)
        self.read = []

    def everything_to(self, address):
        return [(self.letter.heading, self.letter, b"Subject: hostile\\r\\n\\r\\n" + LETTER_HTML.encode())]


def before_all(context):
    site = Path(__file__).parent / "site"
    context.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(site)))
    threading.Thread(target=context.server.serve_forever, daemon=True).start()
    context.playwright = sync_playwright().start()
    context.browser = launch(context.playwright, BrowserSettings())
    context.artifacts = Path(__file__).parent / "artifacts"
    start_scanning(context, "report", context.artifacts / "accessibility.json")


def before_scenario(context, scenario):
    browser_context = context.browser.new_context()
    browser_context.tracing.start(snapshots=True)
    context.world = SimpleNamespace(context=browser_context, page=browser_context.new_page(), mailbox=Mailbox(),
                                    shoppers={"Ola": SimpleNamespace(addresses=lambda: {"ola@example.com"})})
    watch_scenario(context)


def after_step(context, step):
    record_step(context, step)


def after_scenario(context, scenario):
    finish_scenario(context, scenario)
    context.world.context.close()


def after_all(context):
    context.accessibility.close()
    context.accessibility.log.write(context.artifacts / "accessibility.json")
    context.browser.close()
    context.playwright.stop()
    context.server.shutdown()
""".replace("LETTER_HTML_HERE", repr(LETTER_HTML))
STEPS = """\
from behave import given, then
from playwright.sync_api import expect


@given("the shopper opens the hostile shop and reads its letter")
def step_given_hostile(context):
    port = context.server.server_address[1]
    context.world.page.goto(f"http://127.0.0.1:{port}/shop.html")
    context.world.mailbox.read.append(context.world.mailbox.letter)


@then("the shop welcomes her politely")
def step_then_polite(context):
    expect(context.world.page.locator("#refusal"), "REG-11: the welcome").to_have_text("Welcome, Ola", timeout=1000)
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    (project / "features" / "steps").mkdir(parents=True)
    (project / "features" / "site").mkdir()
    (project / "features" / "shop.feature").write_text(FEATURE)
    (project / "features" / "environment.py").write_text(ENVIRONMENT)
    (project / "features" / "steps" / "shop_steps.py").write_text(STEPS)
    (project / "features" / "site" / "shop.html").write_text(PAGE)
    out = project / "run"
    done = subprocess.run(
        [sys.executable, "-m", "behave", "features", "--no-capture",
         "-f", "mailflow_specs.report.traceability:TraceabilityFormatter", "-o", str(out / "traceability.json"),
         "-f", "mailflow_specs.report.junit:JUnitFormatter", "-o", str(out / "junit" / "all.xml"),
         "-f", "mailflow_specs.report.formatter:ReportFormatter", "-o", str(out / "index.html"), "-f", "plain"],
        cwd=project, capture_output=True, text=True, timeout=180,
    )
    assert (out / "index.html").is_file() and "1 failed" in done.stdout, done.stdout + done.stderr
    return project


def test_nothing_the_target_wrote_is_live_in_the_report(run, opened, live_parts) -> None:
    page = (run / "run" / "index.html").read_text()
    parts = live_parts(page)
    assert MARK in page, "the target's text is in the report, as text"
    assert parts.scripts == ["inline", "inline"], "only the report's own two scripts"
    assert not any(MARK in h for h in parts.handlers), parts.handlers
    assert not [link for link in parts.links if link.lower().startswith("javascript:")]
    assert parts.frames and all(f.get("sandbox") == "" for f in parts.frames), "letters sit in no-script frames"
    assert re.search(r'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'sha256-',
                     page)
    title, _ = opened(run / "run" / "index.html")
    assert title != MARK, "a script of the target ran"


def test_the_scan_is_the_kits_own_whatever_the_page_says_of_itself(run) -> None:
    results = json.loads((run / "features" / "artifacts" / "accessibility.json").read_text())
    rules = {v["rule"] for p in results["pages"] for v in p["violations"]}
    assert "image-alt" in rules and "fake" not in rules, rules
    assert set(results["violations_by_impact"]) == {"critical", "serious", "moderate", "minor", "other"}


def test_the_failure_evidence_runs_nothing_either(run, opened) -> None:
    failures = run / "features" / "artifacts" / "failures"
    letters = list(failures.rglob("letters/*.html"))
    assert letters, "the scenario's letters are kept as evidence"
    for letter in letters:
        text = letter.read_text()
        assert "Content-Security-Policy" in text and 'sandbox=""' in text
        title, _ = opened(letter)
        assert title != MARK, "the letter's script ran"
    console = next(failures.rglob("console-errors.txt")).read_text()
    assert "onerror" in console, "the page's console message is kept, as text"


def test_an_explored_section_of_hostile_text_runs_nothing_in_the_report_either(run, opened, live_parts,
                                                                               tmp_path: Path) -> None:
    from mailflow_specs.report.explored import add_to_page

    steps = [f"Ola has just created her profile {SCRIPT}", f"<img src=x onerror=\"document.title='{MARK}'\">"]
    found = {"target": f"shop {SCRIPT}", "seed": 1, "actions": 2, "actions_per_name": {SCRIPT: 2},
             "transitions": {"visited": 1, "of": 51, "not_visited": [[SCRIPT, "register", "none"]]},
             "instructions": {"REG-10": {"actions": 2, "discrepancies": 1}},
             "sequences": [{"number": 1, "steps": steps, "outcome": "discrepancy"}],
             "discrepancies": [{"sequence": 1, "steps": steps, "gherkin": f"Given {SCRIPT}",
                                "evidence": {"error": SCRIPT, "letters": [{"path": "x.html", "subject": SCRIPT}]}}]}
    page = add_to_page((run / "run" / "index.html").read_text(), found, tmp_path)
    copy = tmp_path / "index.html"
    copy.write_text(page)
    parts = live_parts(page)
    assert 'id="explored"' in page and parts.scripts == ["inline", "inline"]
    assert not any(MARK in h for h in parts.handlers), parts.handlers
    title, _ = opened(copy)
    assert title != MARK, "a script of the explored text ran"
