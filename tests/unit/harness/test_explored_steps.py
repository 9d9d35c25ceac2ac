"""Every step a discrepancy of ``mailflow explore`` can print is a step of the features: each
action's steps, its Then and every expectation of the explorer match exactly one step definition
in steps/, of the kind the printed scenario gives it (Given before the last action, When for it)."""

from __future__ import annotations

import pytest
from behave import step_registry
from behave.runner_util import load_step_modules

from mailflow_specs.actors.parameter_types import register_parameter_types
from mailflow_specs.actors.personas import make_persona
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.lifecycle.model import ACTIONS
from mailflow_specs.lifecycle.rules import GUIDE
from mailflow_specs.paths import ROOT
from mailflow_specs.run.explore import EXPECTING, OWN_BROWSERS, Step, as_gherkin, phrase

OLA, MAREK = Shopper(make_persona("Ola")), Shopper(make_persona("Marek"))
PAIRS = ((OLA, MAREK), (MAREK, OLA))


@pytest.fixture(scope="module")
def registry():
    register_parameter_types()
    load_step_modules([str(ROOT / "steps")])
    return step_registry.registry


def definitions(registry, kind: str, text: str) -> list[str]:
    return [d.describe() for d in registry.steps[kind] if d.match(text)]


def every_printed_step() -> list[tuple[str, str]]:
    found = []
    for action in ACTIONS.values():
        texts = [("when", action.phrase), ("then", action.then)] if action.then else [("when", action.phrase)]
        texts += [("given", text) for text in (*action.steps(last=False), *action.leading)]
        found += [(kind, phrase(text, me, other, value)) for kind, text in texts
                  for me, other in PAIRS for value in action.values or ("",)]
    texts = [("then", text) for text in EXPECTING] + [("given", OWN_BROWSERS)]
    return found + [(kind, phrase(text, me, other)) for kind, text in texts for me, other in PAIRS]


@pytest.mark.parametrize(("kind", "text"), every_printed_step(), ids=lambda value: value)
def test_every_step_explore_can_print_matches_exactly_one_step_definition(registry, kind: str, text: str) -> None:
    assert len(definitions(registry, kind, text)) == 1, definitions(registry, kind, text)


def test_the_printed_scenario_gives_each_action_its_given_steps_and_the_last_its_own_when() -> None:
    steps = [Step.of("register", OLA, MAREK, GUIDE), Step.of("verify_now", OLA, MAREK, GUIDE),
             Step.of("send_request", OLA, MAREK, GUIDE)]
    lines = as_gherkin(steps, "boom", seed=1, sequence=2, then="a letter arrives").splitlines()
    assert lines[2:7] == [
        f"    Given {OLA.first_name} has just created her profile",
        f"    And {OLA.first_name} has asked to verify through her current address",
        f"    And {OLA.first_name} follows the link in the letter",
        f'    When {OLA.first_name} enters her new address and presses "Send request"',
        "    Then a letter arrives",
    ]
    assert "@CHG-06" in lines[0] and "@REG-10" in lines[0]


def test_a_sequence_of_both_shoppers_gives_each_a_browser_of_her_own_first() -> None:
    steps = [Step.of("register", MAREK, OLA, GUIDE), Step.of("register", OLA, MAREK, GUIDE)]
    lines = as_gherkin(steps, "boom", seed=1, sequence=2, then="x").splitlines()
    assert lines[2] == f"    Given {MAREK.first_name} and {OLA.first_name} each shop in a browser of their own"
    assert lines[3] == f"    And {MAREK.first_name} has just created his profile"


def test_an_action_tried_with_a_value_prints_it_in_its_steps() -> None:
    step = Step.of("register_foreign_address", OLA, MAREK, GUIDE, "an address written in Cyrillic letters")
    assert step.last == (f"{OLA.first_name} is on the registration form",
                         f"{OLA.first_name} tries to create her profile with an address written in Cyrillic letters")
    pseudonym = Step.of("register_pseudonym", OLA, MAREK, GUIDE, "Kitty99")
    assert pseudonym.before[0] == f'{OLA.first_name} has filled in the registration form with the pseudonym "Kitty99"'
