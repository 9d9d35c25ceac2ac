"""A scenario's shoppers: named once, then referred to by pronouns that must fit them."""

from datetime import timedelta

import pytest

from mailflow_specs.actors.parameter_types import Who
from mailflow_specs.actors.world import World
from mailflow_specs.errors import ProfileError, StepMismatch
from mailflow_specs.targets.profile import TargetProfile


class AgingSeams:
    """Records what the world asks the aging seam to do."""

    def __init__(self) -> None:
        self.aged: list[tuple[str, float]] = []

    def age_account(self, email: str, *, hours: float) -> None:
        self.aged.append((email, hours))


@pytest.fixture
def world() -> World:
    return World(profile=TargetProfile.load("reference"), endpoints=None, browsing=None, device=None,
                 mailbox=None, seams=AgingSeams())


def test_a_named_shopper_is_the_same_shopper_for_the_whole_scenario(world):
    ola = world.shopper(Who("Ola"))
    assert world.shopper("she", "her") is ola
    assert world.shopper("Ola") is ola
    assert ola.email.startswith("ola-kowalska-")


def test_each_named_persona_is_a_shopper_of_her_own(world):
    ola, marek = world.shopper("Ola"), world.shopper("Marek")
    assert ola is not marek and ola.email != marek.email
    assert world.shopper("he") is marek


def test_a_pronoun_that_does_not_fit_the_shopper_fails_saying_which(world):
    world.shopper("Ola")
    with pytest.raises(StepMismatch, match=r"says 'his' of Ola, whose pronoun is 'she'"):
        world.shopper("she", "his")


def test_a_subject_pronoun_that_does_not_fit_fails_too(world):
    world.shopper("Marek")
    with pytest.raises(StepMismatch, match=r"'she' of Marek"):
        world.shopper("she")


def test_a_pronoun_before_any_named_shopper_fails(world):
    with pytest.raises(StepMismatch, match=r"says 'she' before the scenario names any shopper"):
        world.shopper("she")


def test_letting_time_pass_ages_her_account_by_the_targets_timing_and_the_margin(world):
    ola = world.shopper("Ola")
    world.let_time_pass(ola, "grace_period_days")
    world.let_time_pass(ola, "confirmation_resend_seconds", margin=timedelta(seconds=1))
    assert world.seams.aged == [(ola.email, 7 * 24 + 1), (ola.email, 61 / 3600)]


def test_a_timing_without_a_unit_is_not_read_as_a_duration(world):
    with pytest.raises(ProfileError, match="email_change_code_attempts to end in one of _days"):
        world.profile.duration("email_change_code_attempts")


def test_an_address_change_is_planned_once_and_she_then_goes_by_the_new_address(world):
    ola = world.shopper("Ola")
    change = ola.planned_change()
    assert ola.planned_change() is change and change.old == ola.email != change.new
    ola.moves_to_new_address()
    assert ola.email == change.new
    assert ola.addresses() == {change.old, change.new}
