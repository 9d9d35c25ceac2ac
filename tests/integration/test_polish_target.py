"""The conformance kit proven on a second target: Bazaar in Polish, run as an external process.

The harness neither starts nor stops it: this test starts it the way the README says
(`mailflow serve --port-base 5100 ...`, what `make serve-pl` runs), then runs every feature
against fixtures/targets/bazaar-pl.toml: each instruction's guide scenarios. The hardening
scenarios (links used twice, expiry, throttles) check the same application logic whatever the
language; the English run of the whole specification checks them.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(5100, 5104)

pytestmark = pytest.mark.integration


@pytest.fixture
def polish_bazaar(external_server) -> subprocess.Popen:
    return external_server(
        [sys.executable, "-m", "mailflow_specs", "serve", "--port-base", "5100",
         "--setting", "LANGUAGE=pl", "--setting", "ACCOUNT_AGING_SEAM=false"],
        PORTS, "the Polish Bazaar")


def test_the_polish_target_passes_everything_but_the_scenarios_that_need_the_aging_seam(polish_bazaar, tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mailflow_specs", "run", "--target", "bazaar-pl", "--tags", "not @hardening",
         "--reports", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )
    table = json.loads((tmp_path / "latest" / "traceability.json").read_text())
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert polish_bazaar.poll() is None, "the harness must not stop an external target"
    statuses = {entry["status"] for entry in table.values()}
    assert statuses <= {"passed", "skipped"}, {i: e for i, e in table.items() if e["status"] not in ("passed", "skipped")}
    selected = [(instruction_id, scenario) for instruction_id, entry in table.items() for scenario in entry["scenarios"]
                if "not selected" not in scenario.get("reason", "")]
    for instruction_id, scenario in selected:
        assert scenario["kind"] == "guide", (instruction_id, scenario)
        if scenario["status"] == "skipped":
            assert "no test seam that ages an account" in scenario["reason"], (instruction_id, scenario)
    assert any(s["status"] == "skipped" for _, s in selected), \
        "expected the aging scenarios to be skipped on a target without the seam"
    assert sum(s["status"] == "passed" for _, s in selected) > 30, "expected most guide scenarios to run and pass"
