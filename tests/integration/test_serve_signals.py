"""`mailflow serve` stops, and stops what it started, on SIGINT and on SIGTERM, also when it
was started as a background job of a non-interactive shell, where SIGINT arrives ignored."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


def ignore_sigint() -> None:
    """What `cmd &` in `bash -c` does to the job it starts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@pytest.mark.timeout(120)
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_stops_on_the_signal_although_it_started_with_sigint_ignored(stop_signal: int) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "mailflow_specs", "serve"], cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=ignore_sigint,
    )
    try:
        lines = []
        while not lines or not lines[-1].startswith("Press Ctrl-C"):
            line = server.stdout.readline()  # type: ignore[union-attr]
            assert line, f"Expected `mailflow serve` to announce the stack; it ended with: {lines}"
            lines.append(line.strip())
        app_url = next(line.split()[-1] for line in lines if line.startswith("Reference app:"))
        assert answers(app_url)
        server.send_signal(stop_signal)
        assert server.wait(timeout=30) == 0
        assert not answers(app_url), f"Expected the reference app at {app_url} stopped with serve"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        server.stdout.close()  # type: ignore[union-attr]
