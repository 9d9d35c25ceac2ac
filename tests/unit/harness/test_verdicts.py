"""A verdict for the right reason: failure texts, the closing summary, reliance on other instructions."""

from types import SimpleNamespace

import pytest

from mailflow_specs.actors.reliance import relying_on
from mailflow_specs.errors import NotChecked
from mailflow_specs.report.summary import print_summary
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts.kinds import FAILED_ATTRIBUTE
from mailflow_specs.verdicts.messages import describe, readable

PLAYWRIGHT_TIMEOUT = """Traceback (most recent call last):
  File "steps/registration_steps.py", line 60, in step
    page.header_control("register").click()
playwright._impl._errors.TimeoutError: Locator.click: Timeout 8000ms exceeded.
Call log:
  - waiting for locator("body").filter(has_not=get_by_role("banner")).or_(get_by_role("banner"))\
.get_by_role("link", name="Sign Up")
"""

STRICT = """Assertion Failed: REG-02: the registration form
Locator expected to be visible
Error: strict mode violation: get_by_role("heading", name="Register") resolved to 2 elements:
Call log:
  - waiting for get_by_role("heading", name="Register")
"""


def test_a_playwright_failure_keeps_its_first_line_and_the_locator_in_words() -> None:
    text, locator = describe(PLAYWRIGHT_TIMEOUT)
    assert text == "Locator.click: Timeout 8000ms exceeded."
    assert locator == 'banner-landmark-or-whole-page.get_by_role("link", name="Sign Up")'


def test_a_strict_mode_violation_is_kept_beside_the_first_line() -> None:
    text, locator = describe(STRICT)
    assert text.startswith("REG-02: the registration form (strict mode violation")
    assert "resolved to 2 elements" in text
    assert locator == 'get_by_role("heading", name="Register")'


def test_the_tolerant_name_pattern_reads_as_the_label() -> None:
    pattern = r're.compile(r"^\s*Login(\s*[^\w\s]{1,2})?\s*\*?\s*$", re.IGNORECASE)'
    assert readable(f'get_by_role("link", name={pattern})') == "get_by_role(\"link\", name='Login')"


def table_of(status: str) -> dict:
    return {f"REG-{n:02}": {"status": status, "scenarios": []} for n in range(1, 35)}


def test_a_run_that_checked_nothing_exits_non_zero_saying_so(capsys) -> None:
    assert print_summary(table_of("skipped"), min_checked=1) != 0
    assert "0 of 34 instructions checked" in capsys.readouterr().out


def test_a_run_below_min_checked_fails_and_one_with_only_passes_succeeds(capsys) -> None:
    table = table_of("passed")
    assert print_summary(table, min_checked=35) != 0
    assert print_summary(table, min_checked=34) == 0
    assert "34 passed instructions" in capsys.readouterr().out


def world_of(profile: TargetProfile, *ids: str) -> SimpleNamespace:
    return SimpleNamespace(profile=profile, instructions=ids, relied_on=[])


def test_relying_on_a_deviating_instruction_is_not_checked_naming_it() -> None:
    from dataclasses import replace

    profile = replace(TargetProfile.load("reference"), deviations={"CHG-05": "a link to the new address"})
    with (pytest.raises(NotChecked, match=r"depends on CHG-05 \(deviation: a link to the new address\)"),
          relying_on(world_of(profile, "CHG-06"), "CHG-04", "CHG-05")):
        pass


def test_a_failure_inside_another_instruction_is_not_this_scenarios_failure() -> None:
    with (pytest.raises(NotChecked, match="depends on REG-11, which did not work here: REG-11: the success"),
          relying_on(world_of(TargetProfile.load("reference"), "CONF-01"), "REG-10", "REG-11")):
        raise AssertionError("REG-11: the success window\nLocator expected to be visible")


def test_a_check_inside_a_relied_on_flow_names_that_flows_instruction_and_is_not_this_scenarios() -> None:
    from mailflow_specs.actors.world import World

    world = world_of(TargetProfile.load("reference"), "CONF-07")
    assert World.said(world, "the letter") == "CONF-07: the letter"
    with (pytest.raises(NotChecked, match="depends on REG-14, which did not work here: REG-14: the confirmation page"),
          relying_on(world, "REG-14")):
        raise AssertionError(World.said(world, "the confirmation page"))
    assert World.said(world, "the letter") == "CONF-07: the letter"  # out of the flow: the scenario's own again


def test_a_failure_setting_up_some_own_instructions_names_only_those() -> None:
    with (pytest.raises(AssertionError) as raised,
          relying_on(world_of(TargetProfile.load("reference"), "CONF-10", "CONF-11"), "CONF-10")):
        raise AssertionError("no password field")
    assert getattr(raised.value, FAILED_ATTRIBUTE) == ("CONF-10",)


def scenario_failing_with(error: Exception, message: str, *, in_step: bool = True) -> SimpleNamespace:
    from behave.model_core import Status

    step = SimpleNamespace(status=Status.failed, exception=error, error_message=message,
                           keyword="Given", name="Ola has registered")
    return SimpleNamespace(all_steps=[step] if in_step else [], exception=error, error_message=message)


def test_a_seam_that_answers_403_is_a_set_up_error_not_a_failure() -> None:
    from mailflow_specs.errors import TargetUnreachable
    from mailflow_specs.report.failures import failure_of

    error = TargetUnreachable("Expected the test seam captcha_seam at http://x/__test__/captcha to accept "
                              "['answer']; it answered 403 FORBIDDEN")
    for in_step in (True, False):  # in a step, or in the hook that prepares the scenario
        failure = failure_of(scenario_failing_with(error, f"HOOK-ERROR in before_scenario: {error}", in_step=in_step))
        assert failure.status == "skipped" and failure.is_setup_error
        assert "set-up error" in failure.reason and "answered 403" in failure.reason


def test_a_relied_on_flow_that_failed_is_not_waited_out_again_by_later_scenarios() -> None:
    from mailflow_specs.actors.reliance import BROKEN

    BROKEN.forget()
    profile = TargetProfile.load("reference")
    try:
        with (pytest.raises(NotChecked),
              relying_on(world_of(profile, "REG-04"), "REG-02", flow="open_registration_form")):
            raise AssertionError("Locator.click: Timeout 10000ms exceeded.")
        entered = []
        with (pytest.raises(NotChecked, match=r"depends on REG-02, which did not work here \(in an earlier "
                                               r"scenario\): Locator.click: Timeout"),
              relying_on(world_of(profile, "CONF-01"), "REG-02", flow="open_registration_form")):
            entered.append(True)
        assert not entered, "the flow must not run again"
        # The flow's own scenario still checks it itself.
        with relying_on(world_of(profile, "REG-02"), "REG-02", flow="open_registration_form"):
            entered.append(True)
        assert entered == [True]
    finally:
        BROKEN.forget()


def test_a_failure_of_a_flows_own_scenario_also_stops_later_scenarios_relying_on_it() -> None:
    from mailflow_specs.actors.reliance import BROKEN

    BROKEN.forget()
    profile = TargetProfile.load("reference")
    try:
        with (pytest.raises(AssertionError),
              relying_on(world_of(profile, "CONF-10"), "CONF-10", flow="appeal")):
            raise AssertionError("CONF-10: the appeal asks for her password")
        with (pytest.raises(NotChecked, match="depends on CONF-10, which did not work here"),
              relying_on(world_of(profile, "CONF-11"), "CONF-10", flow="appeal")):
            pass
    finally:
        BROKEN.forget()


def test_a_hard_check_naming_one_instruction_charges_only_that_one() -> None:
    from behave.model_core import Status

    from mailflow_specs.report.failures import failure_of

    first = SimpleNamespace(status=Status.passed, exception=None, error_message=None, keyword="When", name="w")
    last = SimpleNamespace(status=Status.failed, exception=AssertionError("x"),
                           error_message="REG-03: expected the fields in this order: name, email",
                           keyword="Then", name="its fields are labelled")
    scenario = SimpleNamespace(all_steps=[first, last], effective_tags={"REG-01", "REG-02", "REG-03"})
    failure = failure_of(scenario)
    assert failure.instructions == ("REG-03",)
    assert failure.at_last_step


def test_failures_that_differ_only_in_addresses_and_numbers_share_their_evidence() -> None:
    from mailflow_specs.report.evidence import failure_key

    first = failure_key("REG-11: expected ola-1a2b3c@example.com in 16px\nCall log: …")
    again = failure_key("REG-11: expected eleni-9f8e7d@example.com in 17px")
    assert first == again
    assert failure_key("REG-13: expected a big link") != first
