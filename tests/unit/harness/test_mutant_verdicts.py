"""The mutant runner's verdicts (benchmarks/mutants.py), from a run's reports alone."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parents[3] / "benchmarks" / "mutants.py"


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location("mutants_runner", RUNNER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def write_run(run: Path, trace: dict, junit: str) -> Path:
    (run / "junit").mkdir(parents=True)
    (run / "traceability.json").write_text(json.dumps(trace), encoding="utf-8")
    (run / "junit" / "TESTS-registration.xml").write_text(junit, encoding="utf-8")
    return run


def mutant(runner, ids: tuple[str, ...]):
    return runner.Mutant("m", "summary", ids, "@REG-01", Path("m.patch"))


PASSED_JUNIT = '<testsuite><testcase name="The Register button opens a form"/></testsuite>'


def test_a_failed_soft_check_of_the_mutants_own_id_kills_it(runner, tmp_path):
    scenario = {"name": "The Register button opens a form", "status": "failed",
                "soft_failures": {"REG-01": "expected the control on the right half"}}
    run = write_run(tmp_path, {"REG-01": {"scenarios": [scenario]},
                               "REG-02": {"scenarios": [scenario]}}, PASSED_JUNIT)
    assert runner.judge(1, run, mutant(runner, ("REG-01",)), 1.0).verdict == "killed"


def test_a_soft_check_of_another_id_is_a_kill_for_another_reason(runner, tmp_path):
    scenario = {"name": "The Register button opens a form", "status": "failed",
                "soft_failures": {"REG-01": "expected the control on the right half"}}
    run = write_run(tmp_path, {"REG-01": {"scenarios": [scenario]},
                               "REG-02": {"scenarios": [scenario]}}, PASSED_JUNIT)
    assert runner.judge(1, run, mutant(runner, ("REG-02",)), 1.0).verdict == "killed-for-another-reason"


def test_an_error_in_the_mutants_own_scenario_is_not_a_kill(runner, tmp_path):
    junit = ('<testsuite><testcase name="The Register button opens a form">'
             '<error type="TimeoutError"/></testcase></testsuite>')
    scenario = {"name": "The Register button opens a form", "status": "failed"}
    run = write_run(tmp_path, {"REG-02": {"scenarios": [scenario]}}, junit)
    assert runner.judge(1, run, mutant(runner, ("REG-02",)), 1.0).verdict == "killed-for-another-reason"
