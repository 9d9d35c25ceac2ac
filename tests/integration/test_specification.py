"""The behave suite, run by pytest: one test per feature file, against the reference app.

Each test runs ``mailflow run`` on one feature in a process of its own (its own
Mailpit, reference app and browser), so pytest reports every feature and the report
folder of each run stays inspectable under reports/.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = sorted((ROOT / "features").glob("*.feature"))

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("feature", FEATURES, ids=[f.stem for f in FEATURES])
def test_every_scenario_of_the_feature_passes_against_the_reference_app(feature: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mailflow", "run", "--target", "reference", str(feature)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    report = json.loads((ROOT / "reports" / "latest" / "traceability.json").read_text())
    failed = {i: e for i, e in report.items() if e["status"] == "failed"}
    assert done.returncode == 0 and not failed, (
        f"mailflow run {feature.name} exited {done.returncode}; failed instructions: "
        f"{json.dumps(failed, indent=1)}\n--- output ---\n{done.stdout[-6000:]}\n{done.stderr[-3000:]}"
    )
    covered = {i for i, e in report.items() if e["scenarios"]}
    assert covered, f"{feature.name} covered no instruction; output:\n{done.stdout[-3000:]}"
    skipped = {i: e for i, e in report.items() if e["status"] == "skipped" and e["scenarios"]}
    assert not skipped, f"the reference app offers every seam, yet these were skipped: {skipped}"
