"""``mailflow run --dry-run`` starts nothing; ``--rerun-failed`` runs exactly the last run's failures.

The dry run is given a mail catcher and a browser that do not exist and an external target
that is not running: a run would stop at the first of them, the dry run never reaches them.
The rerun reads a fabricated last run (one failed scenario) and really runs that scenario.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mailflow_specs.paths import FEATURES
from mailflow_specs.run.workers import selected_locations

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


def mailflow(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailflow_specs", *arguments], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


def test_a_dry_run_lists_per_instruction_what_would_run_and_starts_nothing(tmp_path: Path) -> None:
    nowhere = {"MAILPIT_URL": "http://127.0.0.1:9", "MAILFLOW_BROWSER": str(tmp_path / "no-browser")}
    done = mailflow("run", "--dry-run", "--target", "flask-security", "--tags", "@CHG-09 or @REG-14",
                    "--reports", str(tmp_path / "reports"), env=nowhere)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    runs = len(selected_locations([str(FEATURES)], ["@REG-14 and not @CHG-09"]))
    chats = len(selected_locations([str(FEATURES)], ["@CHG-09"]))
    assert lines[0].startswith("Dry run against flask-security") and "Nothing was started" in lines[0]
    assert lines[1] == "REG-14" and "CHG-09" in lines
    assert sum(line.endswith("-> run") for line in lines) == runs >= 3
    assert sum("-> skip  (absent: the target has no chat with customer support" in line for line in lines) == chats
    assert lines[-1] == f"{runs + chats} scenarios selected: {runs} would run, {chats} would be skipped."
    assert not (tmp_path / "reports").exists(), "a dry run wrote a report folder"


def test_a_dry_run_of_a_shard_lists_that_shards_share() -> None:
    done = mailflow("run", "--dry-run", "--shard", "2/2", "--tags", "@REG-14")
    every = selected_locations([str(FEATURES)], ["@REG-14"])
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(f":{other.rpartition(':')[2]} " not in done.stdout for other in every[0::2])
    mine = len(every[1::2])
    assert done.stdout.splitlines()[-1] == f"{mine} scenarios selected: {mine} would run, 0 would be skipped."


def test_rerun_failed_runs_the_failed_scenario_of_the_last_run_and_nothing_else(tmp_path: Path) -> None:
    failed, passed = selected_locations([str(FEATURES)], ["@REG-12 or @REG-10"])[::-1]
    last = tmp_path / "20260101-120000-reference"
    last.mkdir()
    table = {"REG-10": {"status": "passed", "scenarios": [{"name": "a", "status": "passed", "location": passed}]},
             "REG-12": {"status": "failed", "scenarios": [{"name": "b", "status": "failed", "location": failed}]}}
    (last / "traceability.json").write_text(json.dumps(table), encoding="utf-8")
    (tmp_path / "latest").symlink_to(last.name, target_is_directory=True)

    done = mailflow("run", "--rerun-failed", "--reports", str(tmp_path))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    assert "Rerunning the 1 failed scenario(s) of the last run (20260101-120000-reference)." in done.stdout
    rerun = (tmp_path / "latest").resolve()
    assert rerun != last
    statuses = {i: e["status"] for i, e in json.loads((rerun / "traceability.json").read_text()).items()}
    assert statuses["REG-12"] == "passed"
    assert {i for i, s in statuses.items() if s in ("passed", "failed")} == {"REG-12"}, statuses
