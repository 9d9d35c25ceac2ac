"""A run ends honestly: a selection of nothing is an error naming the nearest tags, a target that
refuses the connection is a set-up error said within seconds, and an interrupted run fails no
instruction (the scenario under way is not checked, the rest are not reached)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from mailflow_specs.run.stack import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def mailflow(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailflow_specs", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_a_tag_expression_that_selects_nothing_is_an_error_naming_the_nearest_tags(tmp_path: Path) -> None:
    done = mailflow("run", "--tags", "@REG-8", "--reports", str(tmp_path))
    assert done.returncode == 2
    assert "No scenario matches --tags @REG-8" in done.stderr and "@REG-08" in done.stderr
    assert not list(tmp_path.iterdir()), "nothing started, nothing written"


def test_a_target_that_refuses_the_connection_is_a_set_up_error_within_seconds(tmp_path: Path) -> None:
    port = free_port()
    profile = tmp_path / "nowhere.toml"
    profile.write_text(f'name = "nowhere"\n[target]\nbase_url = "http://127.0.0.1:{port}"\n[mail]\n'
                       f'api_url = "http://127.0.0.1:{free_port()}"\nsmtp = "127.0.0.1:1025"\n'
                       f'webmail_url = "http://127.0.0.1:{free_port()}"\n[routes]\nhome = "/"\n')
    started = time.monotonic()
    done = mailflow("run", "--target", str(profile), "--tags", "@REG-10", "--reports", str(tmp_path / "reports"))
    assert time.monotonic() - started < 20, "a refused connection is said at once, not after a timeout"
    assert done.returncode == 4, done.stdout + done.stderr
    assert "set-up error" in done.stdout and "connection was refused" in done.stdout
    run = (tmp_path / "reports" / "latest").resolve()
    table = json.loads((run / "traceability.json").read_text())
    assert table["REG-10"]["status"] == "skipped" and table["REG-10"]["scenarios"][0]["setup_error"]
    junit = ElementTree.parse(run / "junit" / "all.xml").getroot()
    assert junit.get("failures") == "0" and int(junit.get("errors")) >= 1
    assert "set-up error" in (run / "index.html").read_text()


def test_an_interrupted_run_fails_no_instruction(tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-m", "mailflow_specs", "run", "--tags", "@REG-13 or @REG-14",
                           "--workers", "1", "--reports", str(tmp_path)],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as run:
        output = []
        for line in run.stdout:  # interrupt once the first scenario has ended: the next is under way
            output.append(line)
            if line.startswith("[1/"):
                run.send_signal(signal.SIGTERM)
                break
        output += run.stdout.readlines()
        assert run.wait(timeout=120) == 130, "".join(output)
    table = json.loads(((tmp_path / "latest").resolve() / "traceability.json").read_text())
    statuses = {s["status"] for i in ("REG-13", "REG-14") for s in table[i]["scenarios"]}
    assert "failed" not in statuses, table
    reasons = " ".join(s.get("reason", "") for i in ("REG-13", "REG-14") for s in table[i]["scenarios"])
    assert "interrupted" in reasons, reasons
    assert "The run was interrupted" in "".join(output)
