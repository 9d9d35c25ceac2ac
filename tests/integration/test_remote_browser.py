"""A run through the remote-browser setting: Chromium started apart, reached over CDP on loopback.

The test starts /usr/bin/chromium (or the browser the set-up found) headless with remote
debugging on a free loopback port, and runs one instruction with
MAILFLOW_BROWSER_CDP pointing at it. MAILFLOW_BROWSER names a program that does not
exist, so a run that launched a browser of its own instead could not pass.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailflow_specs.actors.browsing import system_browser
from mailflow_specs.run.stack import free_port, wait_until_answering

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


@pytest.fixture
def remote_chromium(tmp_path: Path):
    executable = system_browser()
    assert executable, "Expected a system Chromium (make setup finds one); found none"
    port = free_port()
    browser = subprocess.Popen(
        [executable, "--headless=new", f"--remote-debugging-port={port}", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-first-run", "--no-sandbox", "--disable-gpu",
         "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_answering(f"http://127.0.0.1:{port}/json/version", "the remote Chromium", log=None)
        yield browser, f"http://127.0.0.1:{port}"
    finally:
        browser.terminate()
        browser.wait(timeout=30)


def test_a_run_through_a_remote_chromium_on_loopback_passes(remote_chromium, tmp_path: Path) -> None:
    browser, endpoint = remote_chromium
    environment = dict(os.environ, MAILFLOW_BROWSER_CDP=endpoint, MAILFLOW_BROWSER=str(tmp_path / "no-browser-here"))
    done = subprocess.run(
        [sys.executable, "-m", "mailflow_specs", "run", "--workers", "1", "--tags", "@REG-10",
         "--reports", str(tmp_path / "reports")],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600,
    )
    report = tmp_path / "reports" / "latest"
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    table = json.loads((report / "traceability.json").read_text(encoding="utf-8"))
    assert table["REG-10"]["status"] == "passed", table["REG-10"]
    run_info = json.loads((report / "artifacts" / "run-info.json").read_text(encoding="utf-8"))
    assert run_info["browser"].startswith("chromium"), run_info["browser"]
    assert browser.poll() is None, "the run must leave a remote browser running"
