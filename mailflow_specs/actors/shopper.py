"""A shopper of one scenario: who she is, and what happened to her so far.

A feature names a persona ("Ola") and then refers to her by pronoun ("she", "her
address"). Each named persona of a scenario is one ``Shopper``: her persona (name,
address, password), the letter she last opened, what she last typed, and the address
change she asked for. Steps reach her through ``World.shopper``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mailflow_specs.actors.personas import Persona, unique_address
from mailflow_specs.mail.letter import Letter

# The pronouns of each grammatical person a persona can have, in every role a step uses.
PRONOUN_FORMS = {
    "she": ("she", "her", "hers", "herself"),
    "he": ("he", "his", "him", "himself"),
    "they": ("they", "their", "them", "theirs", "themselves"),
}
PRONOUNS = tuple(word for forms in PRONOUN_FORMS.values() for word in forms)


def person_of(pronoun: str) -> str:
    """The persona pronoun ("she") a word such as "her" belongs to."""
    word = pronoun.lower()
    for person, forms in PRONOUN_FORMS.items():
        if word in forms:
            return person
    raise ValueError(f"Expected a pronoun ({', '.join(PRONOUNS)}); got {pronoun!r}.")


@dataclass(frozen=True, slots=True)
class AddressChange:
    """A shopper's address before and after a change she asked for."""

    old: str
    new: str


@dataclass
class Shopper:
    """One named persona of a scenario and her state."""

    persona: Persona
    # The letter she last waited for or opened.
    last_letter: Letter | None = None
    # What she typed into the last form she sent, to check it was kept.
    typed: dict[str, Any] = field(default_factory=dict)
    # The address change she asked for (CHG), made up once per scenario.
    address_change: AddressChange | None = None
    # Anything a page showed her that a later step compares with (e.g. the CAPTCHA picture).
    seen: dict[str, str] = field(default_factory=dict)

    # Who she is, read through to her persona.
    @property
    def first_name(self) -> str:
        return self.persona.first_name

    @property
    def full_name(self) -> str:
        return self.persona.full_name

    @property
    def native_name(self) -> str:
        return self.persona.native_name

    @property
    def email(self) -> str:
        return self.persona.email

    @property
    def password(self) -> str:
        return self.persona.password

    @property
    def pronoun(self) -> str:
        return self.persona.pronoun

    def __str__(self) -> str:
        return str(self.persona)

    def is_called(self, pronoun: str) -> bool:
        return person_of(pronoun) == self.pronoun

    def planned_change(self) -> AddressChange:
        """The new address she means to use (made up once, kept for the scenario)."""
        if self.address_change is None:
            self.address_change = AddressChange(self.email, unique_address(f"{self.full_name} new"))
        return self.address_change

    def addresses(self) -> set[str]:
        """Every address she had or asked for in the scenario (her letters may be at any)."""
        change = self.address_change
        return {self.email, *((change.old, change.new) if change else ())}

    def moves_to_new_address(self) -> None:
        """After a confirmed change she signs in and gets letters at the new address."""
        self.persona = self.persona.with_email(self.planned_change().new)
