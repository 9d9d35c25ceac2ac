"""A scenario runs only where the target can run it, and a known deviation is never a pass."""

from dataclasses import replace

import pytest

from mailflow_specs.report.traceability import NO_GUIDE_SCENARIO, build, combine, coverage
from mailflow_specs.targets.gate import attribute, reason_to_skip, scenario_status
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.ids import instruction_ids


@pytest.fixture
def reference() -> TargetProfile:
    return TargetProfile.load("reference")


def test_a_scenario_needing_a_seam_the_target_lacks_is_skipped_with_the_reason(reference) -> None:
    without_aging = replace(reference, capabilities={"captcha_seam": "/__test__/captcha"})
    reason = reason_to_skip(without_aging, ["REG-14", "needs.account_aging"])
    assert reason is not None
    assert "no test seam that ages an account" in reason
    assert "account_aging is not in reference.toml" in reason


def test_a_scenario_runs_when_the_target_offers_every_seam_it_needs(reference) -> None:
    assert reason_to_skip(reference, ["REG-14", "needs.account_aging", "needs.captcha_seam"]) is None


def test_a_scenario_of_a_known_deviation_is_reported_as_such_with_the_profiles_reason(reference) -> None:
    deviating = replace(reference, deviations={"REG-08": "our CAPTCHA is an audio puzzle"})
    reason = reason_to_skip(deviating, ["REG-08"])
    assert reason == "known deviation of REG-08: our CAPTCHA is an audio puzzle"


def test_a_deviation_is_attributed_only_to_the_declared_id_the_others_are_not_checked(reference) -> None:
    deviating = replace(reference, deviations={"REG-08": "our CAPTCHA is an audio puzzle"})
    reason = reason_to_skip(deviating, ["REG-06", "REG-08"])
    assert reason == "not checked: depends on REG-08 (deviation: our CAPTCHA is an audio puzzle)"
    outcome = {"name": "s", "status": scenario_status(reason), "reason": reason}
    assert attribute(deviating, "REG-08", outcome)["status"] == "deviation"
    assert attribute(deviating, "REG-06", outcome)["status"] == "skipped"


def test_a_declared_deviation_wins_over_a_missing_seam(reference) -> None:
    deviating = replace(reference, capabilities={}, deviations={"REG-14": "links never expire"})
    reason = reason_to_skip(deviating, ["REG-14", "needs.account_aging"])
    assert reason == "known deviation of REG-14: links never expire"


def test_an_absent_feature_makes_its_ids_absent_and_needs_no_seam_for_it(reference) -> None:
    no_captcha = replace(reference, capabilities={}, absent={"captcha": "we have none"})
    assert reason_to_skip(no_captcha, ["REG-08", "needs.captcha_seam"]).startswith("absent: ")
    assert reason_to_skip(no_captcha, ["REG-06", "REG-08", "needs.captcha_seam"]) is None
    outcome = {"name": "s", "status": "passed"}
    assert attribute(no_captcha, "REG-08", outcome)["status"] == "absent"
    assert attribute(no_captcha, "REG-06", outcome)["status"] == "passed"


def test_an_id_whose_set_up_failed_in_a_scenario_leaves_its_other_ids_not_checked(reference) -> None:
    outcome = {"name": "s", "status": "failed", "reason": "no password field",
               "failed_instructions": ["CONF-10"]}
    assert attribute(reference, "CONF-10", outcome)["status"] == "failed"
    other = attribute(reference, "CONF-11", outcome)
    assert other["status"] == "skipped"
    assert other["reason"].startswith("not checked: depends on CONF-10, which failed here")


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["passed", "passed"], "passed"),
        (["passed", "failed"], "failed"),
        (["passed", "deviation"], "deviation"),
        (["skipped", "passed"], "passed"),
        (["skipped"], "skipped"),
        (["absent", "skipped"], "absent"),
        (["absent", "passed"], "passed"),
        ([], "missing"),
    ],
)
def test_an_instruction_takes_the_most_telling_status_of_its_scenarios(statuses, expected) -> None:
    assert combine([{"status": s} for s in statuses]) == expected


@pytest.mark.parametrize(
    ("guide", "hardening", "expected"),
    [
        ([], ["passed", "passed"], "missing"),
        (["skipped"], ["passed"], "skipped"),
        (["passed"], ["failed"], "failed"),
        (["passed"], ["skipped"], "passed"),
        (["failed"], ["passed"], "failed"),
    ],
)
def test_only_a_guide_scenario_passes_an_instruction(guide, hardening, expected) -> None:
    outcomes = ([{"status": s, "kind": "guide"} for s in guide]
                + [{"status": s, "kind": "hardening"} for s in hardening])
    assert combine(outcomes) == expected


def test_an_instruction_does_not_pass_while_a_guide_scenario_of_it_was_never_checked_for_a_set_up_error() -> None:
    # A drafted profile lacks the appeal's password label: the scenario that offers the appeal
    # passes, the one that checks the appeal asks for the password never runs.
    offered = {"status": "passed", "kind": "guide"}
    never_run = {"status": "skipped", "kind": "guide", "setup_error": True,
                 "reason": "not checked: set-up error at \"When she appeals\": [labels]: expected a text for "
                           "'appeal_password'; the profile has none."}
    assert combine([offered, never_run]) == "skipped"
    # A hardening scenario's set-up error leaves the guide's verdict alone; a failure still wins.
    assert combine([offered, {**never_run, "kind": "hardening"}]) == "passed"
    assert combine([never_run, {"status": "failed", "kind": "guide"}]) == "failed"


def test_an_instruction_covered_only_by_hardening_is_missing_with_the_reason() -> None:
    table = build({"REG-14": [{"name": "A link used twice is refused", "status": "passed", "kind": "hardening"}]})
    assert table["REG-14"]["status"] == "missing"
    assert table["REG-14"]["reason"] == NO_GUIDE_SCENARIO
    assert table["REG-14"]["guide_scenarios"] == []
    assert coverage(table["REG-14"]["scenarios"]) == "hardening 1/1 passed"


def test_traceability_lists_every_catalogued_instruction_and_marks_the_uncovered_missing() -> None:
    table = build({"REG-01": [{"name": "Register opens the form", "status": "passed"}]})
    assert table["REG-01"]["status"] == "passed"
    assert table["CHG-09"] == {"status": "missing", "guide_scenarios": [], "scenarios": []}
    assert {i.split("-")[0] for i in table} == {"REG", "CONF", "CHG"}
    assert len(table) == 34


def test_instruction_ids_come_in_the_guides_order_whatever_the_order_of_the_tags() -> None:
    tags = {"CHG-03", "hardening", "CHG-01", "REG-11", "CONF-02", "REG-6", "needs.account_seam"}
    assert instruction_ids(tags) == ["REG-6", "REG-11", "CONF-02", "CHG-01", "CHG-03"]


def test_a_reason_naming_several_deviations_names_them_in_the_guides_order(reference) -> None:
    profile = replace(reference, deviations={"CHG-01": "no settings", "CHG-03": "one way only"})
    for tags in (["CHG-03", "CHG-01", "CHG-02"], ["CHG-02", "CHG-01", "CHG-03"]):
        assert reason_to_skip(profile, tags) == ("not checked: depends on CHG-01 (deviation: no settings); "
                                                 "CHG-03 (deviation: one way only)")


def test_a_rule_of_0_needs_no_aging_seam_for_its_scenarios(reference) -> None:
    at_once = replace(reference, capabilities={"captcha_seam": "/c"},
                      timings={**reference.timings, "grace_period_days": 0.0})
    for ids in (["CONF-02"], ["CONF-09", "CONF-10"], ["CONF-11"]):
        assert reason_to_skip(at_once, [*ids, "needs.account_aging", "needs.captcha_seam"]) is None, ids
    # A link's lifetime is not the grace period: its scenario still needs the seam.
    assert "ages an account" in reason_to_skip(at_once, ["REG-14", "needs.account_aging"])


def test_a_scenario_reached_through_an_absent_instruction_names_it_not_a_missing_seam(reference) -> None:
    no_appeal = replace(reference, capabilities={"captcha_seam": "/c"}, absent={"appeal": "we unblock by phone"})
    reason = reason_to_skip(no_appeal, ["CONF-11", "needs.account_aging", "needs.captcha_seam"])
    assert reason == "not checked: depends on CONF-10 (absent: the target has no appeal for reactivation " \
                     "of a blocked account: we unblock by phone)"
    assert scenario_status(reason) == "skipped"


def test_a_check_naming_one_of_the_scenarios_instructions_at_its_last_step_leaves_the_others_passed(
        reference) -> None:
    outcome = {"name": "s", "status": "failed", "reason": "REG-03: the fields in order",
               "failed_instructions": ["REG-03"], "others": "passed"}
    assert attribute(reference, "REG-03", outcome)["status"] == "failed"
    assert attribute(reference, "REG-01", outcome)["status"] == "passed"
    assert attribute(reference, "REG-02", {**outcome, "others": None})["status"] == "skipped"
