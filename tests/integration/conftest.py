"""What the integration tests share: one run of the whole specification, and external targets.

``whole_specification`` runs ``mailflow run`` once per pytest session (with the default
number of workers, ``MAILFLOW_WORKERS`` to choose) into a temporary reports folder; the
tests assert on its ``traceability.json``, JUnit and report instead of running the
features again.

``opened`` loads a written page (a report, a kept letter) in Chromium and answers its
title and the Content-Security-Policy refusals its console printed.

``external_server`` starts a target the way its README command does (``mailflow serve …``
on fixed ports), as a process the harness neither starts nor stops, and stops it after the
test: SIGTERM (delivered even where a background job ignores SIGINT), kill if it hangs.
"""

import json
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, launch
from mailflow_specs.run.stack import wait_until_answering

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class WholeRun:
    done: subprocess.CompletedProcess
    report: Path

    @property
    def table(self) -> dict:
        return json.loads((self.report / "traceability.json").read_text(encoding="utf-8"))

    def output(self) -> str:
        return f"--- output ---\n{self.done.stdout[-6000:]}\n{self.done.stderr[-3000:]}"


@pytest.fixture(scope="session")
def whole_specification(tmp_path_factory) -> WholeRun:
    reports = tmp_path_factory.mktemp("whole-specification")
    done = subprocess.run(
        [sys.executable, "-m", "mailflow_specs", "run", "--target", "reference", "--reports", str(reports)],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )
    report = (reports / "latest").resolve()
    assert (report / "traceability.json").is_file(), f"the run wrote no traceability.json\n{done.stdout[-6000:]}"
    return WholeRun(done, report)


def port_is_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def stop(server: subprocess.Popen) -> None:
    """SIGTERM; kill (and fail) if the server has not ended within 30 s."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        raise


@pytest.fixture
def external_server() -> Iterator[Callable[..., subprocess.Popen]]:
    """``start(command, ports, what)``: the server answers on the first of ``ports`` when it
    returns; after the test it is stopped and every one of ``ports`` must be free again."""
    started: list[tuple[subprocess.Popen, range, str]] = []

    def start(command: list[str], ports: range, what: str) -> subprocess.Popen:
        taken = [port for port in ports if port_is_taken(port)]
        assert not taken, f"Expected ports {ports.start}-{ports.stop - 1} free for {what}; taken: {taken}"
        server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append((server, ports, what))
        wait_until_answering(f"http://127.0.0.1:{ports.start}", what, log=None)
        return server

    yield start
    for server, ports, what in started:
        stop(server)
        left = [port for port in ports if port_is_taken(port)]
        assert not left, f"Expected SIGTERM to stop {what} and free its ports; still taken: {left}"


@pytest.fixture
def opened() -> Callable[[Path], tuple[str, list[str]]]:
    """A page's title after it loaded in Chromium, and its Content-Security-Policy refusals."""
    def load(path: Path) -> tuple[str, list[str]]:
        with sync_playwright() as playwright:
            browser = launch(playwright, BrowserSettings())
            page = browser.new_page()
            said: list[str] = []
            page.on("console", lambda message: said.append(message.text))
            page.goto(path.resolve().as_uri())
            page.wait_for_load_state("load")
            title = page.title()
            browser.close()
        return title, [s for s in said if "Content Security Policy" in s]

    return load
