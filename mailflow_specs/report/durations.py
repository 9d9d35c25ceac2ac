"""behave's summary line "Took …", made to count the scenarios inside a ``Rule:``.

behave 1.3 sums a feature's duration over its top-level scenarios only, so a feature whose
scenarios all sit in Rules (every feature here) adds nothing, and the summary of a
three-minute run says "Took 0min 0.000s". ``count_scenarios_in_rules`` makes a feature
(and a rule) the sum of every scenario it holds, outline rows included.
"""

from __future__ import annotations

from behave.model import ScenarioContainer


def _duration_of_every_scenario(container: ScenarioContainer) -> float:
    return sum(scenario.duration for scenario in container.walk_scenarios())


def count_scenarios_in_rules() -> None:
    ScenarioContainer.duration = property(_duration_of_every_scenario)
