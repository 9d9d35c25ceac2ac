"""The lifecycle model says what the guide says, and explore prints what it found in Gherkin."""

from __future__ import annotations

import argparse

import pytest

from mailflow_specs.lifecycle.model import (
    ACTIONS,
    BLOCKED,
    CHANGED,
    CONFIRMED,
    NEW_ADDRESS_GIVEN,
    NONE,
    STATES,
    UNCONFIRMED,
    Account,
    allowed,
    left_out,
    not_explored,
    predict,
    transitions,
)
from mailflow_specs.lifecycle.rules import GUIDE, Rules
from mailflow_specs.run.explore import SWARM_KEEPS, as_gherkin, rules_of, swarm
from mailflow_specs.run.explore_options import parse_budget
from mailflow_specs.targets.profile import TargetProfile

OLA, MAREK = "ola@example.com", "marek@example.com"


def registered() -> Account:
    return predict("register", Account(), address=OLA).account


def test_registering_predicts_the_success_window_a_confirmation_letter_and_an_unconfirmed_account() -> None:
    prediction = predict("register", Account(), address=OLA)
    assert (prediction.page, prediction.letter) == ("registration_success", "confirmation_subject")
    assert prediction.account == Account(UNCONFIRMED, OLA, live=frozenset({"confirm"}))


def test_the_big_link_confirms_the_account_and_is_used_up() -> None:
    confirmed = predict("confirm", registered()).account
    assert (confirmed.state, confirmed.confirmed, "confirm" in confirmed.live) == (CONFIRMED, True, False)


def test_the_grace_period_blocks_an_unconfirmed_account_and_spares_a_confirmed_one() -> None:
    assert predict("grace_passes", registered()).account.state == BLOCKED
    confirmed = predict("confirm", registered()).account
    assert predict("grace_passes", confirmed).account.state == CONFIRMED


def test_the_grace_period_voids_every_link_and_code() -> None:
    assert predict("grace_passes", registered()).account.live == frozenset()


def test_a_blocked_account_cannot_sign_in_but_can_appeal() -> None:
    blocked = predict("grace_passes", registered()).account
    assert predict("sign_in", blocked).page == "account_blocked"
    assert allowed("appeal", blocked, Account(), signed_in=False)


def test_the_code_binds_the_new_address_confirmed_and_tells_the_old_one() -> None:
    waiting = Account(NEW_ADDRESS_GIVEN, OLA, new_address="ola-new@example.com", live=frozenset({"code"}))
    prediction = predict("type_code", waiting)
    assert (prediction.account.state, prediction.account.address) == (CHANGED, "ola-new@example.com")
    assert prediction.account.confirmed
    assert prediction.letter == "change_notice_subject"


def test_another_shoppers_code_and_password_are_refused_and_change_nothing() -> None:
    waiting = Account(NEW_ADDRESS_GIVEN, OLA, new_address="n@example.com", live=frozenset({"code"}))
    assert predict("type_others_code", waiting) == predict("type_others_code", waiting)
    assert predict("type_others_code", waiting).refused
    assert predict("type_others_code", waiting).account == waiting


def test_nothing_but_registering_is_allowed_before_there_is_an_account() -> None:
    other = Account(CONFIRMED, MAREK, confirmed=True)
    assert [a for a in ACTIONS if allowed(a, Account(), other, signed_in=False)] == [
        "register", "register_pseudonym", "register_foreign_address"]


def test_an_address_in_other_than_english_letters_is_refused_and_makes_no_account() -> None:
    prediction = predict("register_foreign_address", Account(), address=OLA)
    assert prediction.refused and prediction.account == Account()
    assert predict("register_pseudonym", Account(), address=OLA) == predict("register", Account(), address=OLA)


def test_the_grace_period_counts_from_registering_whatever_is_asked_for_in_it() -> None:
    # CONF-02: near its end she asks for another letter (CONF-07); the rest of it passes: blocked.
    almost = predict("grace_almost_passes", registered()).account
    assert almost.state == UNCONFIRMED and almost.can_sign_in and almost.live == frozenset()
    assert allowed("ask_new_letter", almost, Account(), signed_in=True)
    asked = predict("ask_new_letter", almost).account
    assert allowed("grace_rest_passes", asked, Account(), signed_in=True)
    after = predict("grace_rest_passes", asked).account
    assert after.state == BLOCKED and not after.can_sign_in and after.live == frozenset()
    # Split once only, and only while the account is unconfirmed and usable.
    assert not allowed("grace_almost_passes", almost, Account(), signed_in=True)
    confirmed = predict("confirm", registered()).account
    assert not allowed("grace_almost_passes", confirmed, Account(), signed_in=True)
    # A target that blocks at once has no grace period to split.
    assert left_out("grace_almost_passes", Rules(blocked_at_once=True)).startswith("grace period 0")


def test_every_transition_starts_and_ends_in_a_state_of_the_model() -> None:
    every = transitions()
    assert len(every) == 75
    assert (CONFIRMED, "sign_in_second_browser", CONFIRMED) in every
    assert all(before in STATES and after in STATES and action in ACTIONS for before, action, after in every)
    assert (NONE, "register", UNCONFIRMED) in every
    assert (UNCONFIRMED, "grace_passes", BLOCKED) in every


def test_a_discrepancy_prints_as_a_scenario_with_one_when_and_its_instruction_tags() -> None:
    text = as_gherkin(["Ola has just created her profile", "Ola follows the big link in the letter"],
                      "explore: the address no longer marked\nmore", seed=1, sequence=3,
                      then="a new page says her email address is confirmed")
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["@explored", "@hardening"]
    assert "@REG-14" in lines[0]
    assert [line.split()[0] for line in lines[2:]] == ["Given", "When", "Then", "#"]
    assert lines[4] == "    Then a new page says her email address is confirmed"
    assert lines[5] == "    # evidence: explore: the address no longer marked more"


# A target that blocks an unconfirmed account at once, has no personal data page and changes the
# address by a link to the new one (as the Flask-Security example declares).
AT_ONCE = Rules(blocked_at_once=True, resend_at_once=True, absent=frozenset({"personal_data", "support_chat"}),
                deviations=frozenset({"CONF-01", "CHG-04", "CHG-05", "CHG-07"}))


def test_where_the_grace_period_is_0_registering_leads_straight_to_a_blocked_account() -> None:
    prediction = predict("register", Account(), address=OLA, rules=AT_ONCE)
    assert prediction.account == Account(BLOCKED, OLA, live=frozenset({"confirm"}))
    assert predict("confirm", prediction.account, rules=AT_ONCE).account.state == CONFIRMED


def test_an_action_of_an_absent_feature_or_a_declared_deviation_is_never_allowed_and_says_why() -> None:
    usable = predict("register", Account(), address=OLA).account
    assert allowed("ask_new_letter", usable, Account(), signed_in=True)
    assert not allowed("ask_new_letter", usable, Account(), signed_in=True, rules=AT_ONCE)
    assert left_out("ask_new_letter", AT_ONCE) == "personal_data declared absent"
    assert left_out("verify_now", AT_ONCE) == "CHG-04, CHG-05 declared a deviation"
    assert left_out("grace_passes", AT_ONCE).startswith("grace period 0")


def test_a_deviation_the_rules_model_leaves_no_action_out() -> None:
    assert left_out("sign_in", AT_ONCE) == ""
    assert AT_ONCE.instructions(ACTIONS["sign_in"].ids) == ("CONF-09", "CHG-08")


def test_another_letter_at_once_leaves_no_wait_to_pass() -> None:
    at_once = Rules(resend_at_once=True)
    asked = predict("ask_new_letter", registered(), rules=at_once).account
    assert asked.resend_ready
    assert left_out("resend_wait_passes", at_once).startswith("another confirmation letter can be asked for at once")


def test_an_action_reached_only_through_a_left_out_one_is_not_explored_and_says_through_which() -> None:
    no_appeal = Rules(blocked_at_once=True, absent=frozenset({"appeal"}))
    why = not_explored(no_appeal)
    assert why["appeal"] == "appeal declared absent"
    assert why["activate"] == "reached only through appeal, left out"
    assert "sign_in" not in why


def test_a_missing_seam_leaves_the_clock_out() -> None:
    assert left_out("grace_passes", Rules(seams=frozenset())) == (
        "needs the target's account_aging seam, which the profile does not offer")


def test_the_guides_rules_leave_nothing_out_and_a_target_counts_only_the_transitions_it_can_reach() -> None:
    assert not_explored(GUIDE) == {}
    reachable = transitions(AT_ONCE)
    assert len(reachable) < len(transitions())
    assert (NONE, "register", BLOCKED) in reachable
    assert not any(action in ("verify_now", "ask_new_letter", "grace_passes") for _, action, _ in reachable)


def test_the_rules_are_read_from_a_profiles_timing_absent_features_deviations_and_seams() -> None:
    rules = rules_of(TargetProfile.load("flask-security"))
    assert (rules.blocked_at_once, rules.resend_at_once, rules.never_blocked) == (True, True, False)
    assert "personal_data" in rules.absent and "CHG-07" in rules.deviations
    assert "account_aging" in rules.seams
    reference = rules_of(TargetProfile.load("reference"))
    assert not reference.blocked_at_once and not reference.absent and not reference.deviations


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("5m", 300), ("1h", 3600), ("45", 45)])
def test_a_budget_is_read_in_seconds_minutes_or_hours(text: str, seconds: float) -> None:
    assert parse_budget(text) == seconds


def test_a_budget_without_a_number_is_refused_saying_what_is_expected() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="such as 90s, 5m or 1h"):
        parse_budget("five minutes")


def test_each_sequence_leaves_out_its_own_actions_the_same_on_every_replay_but_never_the_start() -> None:
    left_out_by = [swarm(1, sequence) for sequence in range(1, 41)]
    assert swarm(1, 7) == left_out_by[6] and swarm(2, 7) != left_out_by[6]
    assert not any(SWARM_KEEPS & chosen for chosen in left_out_by)
    assert len(set(left_out_by)) == 40, "every sequence draws its own"
    # Over a run every action is left out by some sequences and tried by most.
    for action in set(ACTIONS) - SWARM_KEEPS:
        share = sum(action in chosen for chosen in left_out_by) / len(left_out_by)
        assert 0.1 < share < 0.6, (action, share)
