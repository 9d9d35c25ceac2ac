"""Parameter types of the step sentences, registered once for every step module.

``{who:Shopper}`` matches a persona's first name (fixtures/personas.toml) or a pronoun;
the step turns it into a Persona with ``context.world.shopper(who)``.
"""

from __future__ import annotations

from behave import register_type
from parse import with_pattern

from mailflow.scenario.personas import known_names
from mailflow.scenario.world import PRONOUNS

_SHOPPER_PATTERN = "|".join([*known_names(), *PRONOUNS])


@with_pattern(_SHOPPER_PATTERN)
def parse_shopper(text: str) -> str:
    return text


def register_parameter_types() -> None:
    register_type(Shopper=parse_shopper)
