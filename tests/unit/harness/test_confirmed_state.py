"""The confirmed state of an account is checked with the evidence a profile offers, or said
"not checked" naming what is missing: never a set-up error for a label a target lacks."""

from dataclasses import replace

import pytest

from mailflow_specs.errors import NotChecked
from mailflow_specs.flows.confirmed_state import PERSONAL_DATA, SIGN_IN, confirmed_state_evidence, signed_in_label
from mailflow_specs.targets.profile import Labels, TargetProfile


def without(profile: TargetProfile, *keys: str, **changes) -> TargetProfile:
    texts = {k: v for k, v in profile.labels.texts.items() if k not in keys}
    return replace(profile, labels=Labels(texts, profile.labels.source), **changes)


def test_the_reference_profile_checks_the_personal_data() -> None:
    evidence = confirmed_state_evidence(TargetProfile.load("reference"))
    assert evidence.kind == PERSONAL_DATA


def test_a_target_without_personal_data_that_blocks_unconfirmed_accounts_at_once_checks_by_signing_in() -> None:
    evidence = confirmed_state_evidence(TargetProfile.load("flask-security"))
    assert evidence.kind == SIGN_IN
    assert "grace_period_days = 0" in evidence.why and "no personal-data page" in evidence.why


def test_a_profile_without_my_account_falls_back_to_signing_in_and_names_the_missing_label() -> None:
    reference = TargetProfile.load("reference")
    profile = without(reference, "my_account", timings={**reference.timings, "grace_period_days": 0})
    evidence = confirmed_state_evidence(profile)
    assert evidence.kind == SIGN_IN
    assert "lack my_account" in evidence.why
    assert signed_in_label(profile) == "sign_out"


def test_a_deviating_path_to_the_settings_falls_back_to_signing_in() -> None:
    reference = TargetProfile.load("reference")
    profile = replace(reference, deviations={"CHG-01": "no settings"},
                      timings={**reference.timings, "grace_period_days": 0})
    assert "CHG-01 is a deviation" in confirmed_state_evidence(profile).why


def test_without_my_account_and_with_a_grace_period_the_state_is_not_checked_saying_why() -> None:
    profile = without(TargetProfile.load("reference"), "my_account")
    with pytest.raises(NotChecked) as raised:
        confirmed_state_evidence(profile)
    assert "lack my_account" in str(raised.value)
    assert "an unconfirmed account can sign in too" in str(raised.value)


def test_a_profile_naming_no_signed_in_control_is_not_checked_naming_both() -> None:
    profile = without(TargetProfile.load("flask-security"), "sign_out", "my_account")
    with pytest.raises(NotChecked, match="neither 'my_account' nor 'sign_out'"):
        confirmed_state_evidence(profile)
    with pytest.raises(NotChecked, match="neither 'my_account' nor 'sign_out'"):
        signed_in_label(profile)
