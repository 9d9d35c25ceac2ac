"""One gate: the probe's coverage preview is the run's own selection and gate, on every shipped profile."""

from __future__ import annotations

import pytest

from mailflow_specs.paths import FEATURES, TARGETS_DIR
from mailflow_specs.run.dry_run import plan
from mailflow_specs.run.probe import coverage
from mailflow_specs.run.workers import selected_scenarios
from mailflow_specs.targets.gate import reason_to_skip, scenario_status
from mailflow_specs.targets.profile import TargetProfile

PROFILES = sorted(p.stem for p in TARGETS_DIR.glob("*.toml") if p.stem != "template")


@pytest.mark.parametrize("name", PROFILES)
def test_the_probes_preview_counts_what_the_runs_gate_decides_scenario_by_scenario(name: str) -> None:
    profile = TargetProfile.load(name)
    verdicts, _ = coverage(profile)
    decided = [reason_to_skip(profile, list(s.effective_tags)) for s in selected_scenarios([str(FEATURES)], [], [])]
    expected = {"run": sum(r is None for r in decided)}
    for reason in filter(None, decided):
        expected[scenario_status(reason)] = expected.get(scenario_status(reason), 0) + 1
    assert dict(verdicts) == expected
    assert sum(verdicts.values()) == len(plan(profile, [str(FEATURES)], [], []))


def test_a_rule_of_0_is_previewed_as_running_its_scenarios_without_the_aging_seam() -> None:
    from dataclasses import replace

    profile = TargetProfile.load("flask-security")
    without_aging = replace(profile, capabilities={k: v for k, v in profile.capabilities.items()
                                                   if k != "account_aging"})
    assert coverage(without_aging)[0]["run"] >= coverage(profile)[0]["run"] - 4
