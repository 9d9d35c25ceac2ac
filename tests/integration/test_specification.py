"""The behave suite, run once for the session (``whole_specification``), checked per feature file.

pytest reports every feature; the run's report folder stays inspectable in pytest's
temporary folder (its path is in each failure message).
"""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = sorted((ROOT / "features").glob("*.feature"))

pytestmark = pytest.mark.integration


def test_the_whole_run_succeeds(whole_specification) -> None:
    assert whole_specification.done.returncode == 0, whole_specification.output()


@pytest.mark.parametrize("feature", FEATURES, ids=[f.stem for f in FEATURES])
def test_every_scenario_of_the_feature_passes_against_the_reference_app(whole_specification, feature: Path) -> None:
    where = f"features/{feature.name}:"
    outcomes = [s for entry in whole_specification.table.values() for s in entry["scenarios"]
                if s["location"].startswith(where)]
    assert outcomes, f"{feature.name} covered no instruction in {whole_specification.report}"
    not_passed = [s for s in outcomes if s["status"] != "passed"]
    assert not not_passed, (
        f"the reference app offers every seam, so every scenario of {feature.name} should pass; "
        f"these did not:\n{json.dumps(not_passed, indent=1)}\n{whole_specification.output()}"
    )


@pytest.mark.parametrize("feature", FEATURES, ids=[f.stem for f in FEATURES])
def test_the_junit_file_of_the_feature_has_every_scenario_and_no_failure(whole_specification, feature: Path) -> None:
    suite = ET.parse(whole_specification.report / "junit" / f"TESTS-features.{feature.stem}.xml").getroot()
    scenarios = sum(1 for line in feature.read_text(encoding="utf-8").splitlines()
                    if line.strip().startswith("Scenario:"))
    assert int(suite.get("tests")) >= scenarios, (suite.get("tests"), scenarios)
    assert suite.get("failures") == "0" and suite.get("errors") == "0", ET.tostring(suite)[:3000]
