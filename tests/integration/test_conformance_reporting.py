"""End to end, the conformance result says why a scenario did not pass, and fails only for failures.

Each test runs `mailflow run` on one instruction against a copy of the reference profile
that differs in one way: a declared deviation, or a seam left out.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "fixtures" / "targets" / "reference.toml"

pytestmark = pytest.mark.integration


def profile_variant(tmp_path: Path, name: str, change) -> Path:
    text = change(REFERENCE.read_text(encoding="utf-8"))
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace('name = "reference"', f'name = "{name}"', 1), encoding="utf-8")
    return path


def run(profile: Path, tags: str, reports: Path, *options: str) -> tuple[subprocess.CompletedProcess, dict]:
    done = subprocess.run(
        [sys.executable, "-m", "mailflow_specs", "run", "--target", str(profile), "--tags", tags,
         "--reports", str(reports), *options],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    table = json.loads((reports / "latest" / "traceability.json").read_text(encoding="utf-8"))
    return done, table


def test_a_known_deviation_is_reported_with_its_reason_and_does_not_fail_the_run(tmp_path: Path) -> None:
    profile = profile_variant(tmp_path, "deviating", lambda text: text.replace(
        "[deviations]\n", '[deviations]\n"REG-05" = "we send shoppers to an outside transliteration site"\n', 1))
    done, table = run(profile, "@REG-05", tmp_path / "reports", "--min-checked", "0")
    assert done.returncode == 0, done.stdout[-3000:]
    assert table["REG-05"]["status"] == "deviation"
    deviating = [s for s in table["REG-05"]["scenarios"] if s["status"] == "deviation"]
    assert deviating, table["REG-05"]
    assert {s["reason"] for s in deviating} == {
        "known deviation of REG-05: we send shoppers to an outside transliteration site"}
    assert re.search(r"REG-05 +deviation +(\[[^\]]*\] )?— known deviation of REG-05", done.stdout)


def test_a_missing_seam_skips_its_scenarios_with_the_reason_and_does_not_fail_the_run(tmp_path: Path) -> None:
    profile = profile_variant(tmp_path, "no-captcha-seam", lambda text: re.sub(
        r'(?m)^captcha_seam = .*\n', "", text, count=1))
    done, table = run(profile, "@REG-01", tmp_path / "reports", "--min-checked", "0")
    assert done.returncode == 0, done.stdout[-3000:]
    assert table["REG-01"]["status"] == "skipped"
    reasons = {s.get("reason", "") for s in table["REG-01"]["scenarios"]}
    assert any("no test seam that fixes the CAPTCHA answer" in reason for reason in reasons), reasons


def test_a_run_that_checks_nothing_fails_saying_so(tmp_path: Path) -> None:
    """Without any test seam (no CAPTCHA seam, no account seam, and no [absent] captcha) every
    scenario of the reference is skipped: a CI job must not show green with nothing checked."""
    profile = profile_variant(tmp_path, "enables-nothing", lambda text: re.sub(
        r'(?m)^(captcha_seam|account_seam|account_aging|support_console|staff_seam) = .*\n', "", text))
    done, table = run(profile, "not @wip", tmp_path / "reports")
    assert {entry["status"] for entry in table.values()} <= {"skipped", "missing"}
    assert done.returncode != 0, done.stdout[-3000:]
    assert "0 of 34 instructions checked" in done.stdout, done.stdout[-3000:]
