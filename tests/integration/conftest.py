"""One run of the whole specification against the reference app, shared by the tests that check it.

``whole_specification`` runs ``mailflow run`` once per pytest session (with the default
number of workers, ``MAILFLOW_WORKERS`` to choose) into a temporary reports folder; the
tests assert on its ``traceability.json``, JUnit and report instead of running the
features again.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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
        [sys.executable, "-m", "mailflow", "run", "--target", "reference", "--reports", str(reports)],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )
    report = (reports / "latest").resolve()
    assert (report / "traceability.json").is_file(), f"the run wrote no traceability.json\n{done.stdout[-6000:]}"
    return WholeRun(done, report)
