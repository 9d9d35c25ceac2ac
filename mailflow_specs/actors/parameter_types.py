"""Parameter types of the step sentences, registered once for every step module.

``{who:Shopper}`` matches a persona's first name (fixtures/personas.toml) or a subject
pronoun; ``{her:Pronoun}`` matches a pronoun in any other role ("her address", "to him").
Both give the word as written; ``World.shopper(who, her, ...)`` turns them into the
scenario's shopper and fails when a pronoun does not fit her. ``{field:FormField}`` matches a
field of the registration form as the features name it (fixtures/phrases.toml ``[fields]``), so
that "the code is refused because ..." is never taken for a field of that form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behave import register_type
from parse import with_pattern

from mailflow_specs.actors.personas import known_names
from mailflow_specs.actors.phrases import form_fields
from mailflow_specs.actors.shopper import PRONOUNS


@dataclass(frozen=True, slots=True)
class Who:
    """A shopper as a step names her: a first name or a pronoun."""

    word: str

    def __str__(self) -> str:
        return self.word


_PRONOUN_PATTERN = "|".join(PRONOUNS)
_SHOPPER_PATTERN = "|".join([*known_names(), *PRONOUNS])


_FIELD_PATTERN = "|".join(sorted((re.escape(field) for field in form_fields()), key=len, reverse=True))


@with_pattern(_FIELD_PATTERN)
def parse_form_field(text: str) -> str:
    return text


@with_pattern(_SHOPPER_PATTERN)
def parse_shopper(text: str) -> Who:
    return Who(text)


@with_pattern(_PRONOUN_PATTERN)
def parse_pronoun(text: str) -> str:
    return text


def register_parameter_types() -> None:
    register_type(Shopper=parse_shopper, Pronoun=parse_pronoun, FormField=parse_form_field)
