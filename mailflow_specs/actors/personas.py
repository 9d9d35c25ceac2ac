"""Shoppers of the scenarios: a named persona from fixtures/personas.toml, made unique.

Each scenario gets its own address (the persona's name, a random part, a reserved
domain), so scenarios sharing one Mailpit never see each other's letters.
"""

from __future__ import annotations

import secrets
import tomllib
from dataclasses import dataclass, field
from functools import cache

from faker import Faker
from unidecode import unidecode

from mailflow_specs.paths import PERSONAS_FILE

DOMAIN = "example.com"  # reserved (RFC 2606): never reaches a real person


@dataclass(frozen=True, slots=True)
class Persona:
    """One shopper: a name in Latin letters, the same name as written at home, an address."""

    first_name: str
    full_name: str
    native_name: str
    email: str
    password: str = field(repr=False)
    pronoun: str
    latin_spellings: tuple[str, ...] = ()  # accepted Latin spellings of native_name

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def with_email(self, email: str) -> Persona:
        return Persona(self.first_name, self.full_name, self.native_name, email,
                       self.password, self.pronoun, self.latin_spellings)

    def with_name(self, full_name: str) -> Persona:
        """The same shopper registered under another name (a pseudonym)."""
        return Persona(self.first_name, full_name, self.native_name, self.email,
                       self.password, self.pronoun, self.latin_spellings)


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    return tomllib.loads(PERSONAS_FILE.read_text(encoding="utf-8"))["personas"]


def native_name_of(first_name: str) -> str:
    """How the persona ``first_name`` writes her name at home: a sample of that alphabet."""
    return _catalogue()[first_name]["native_name"]


def known_names() -> list[str]:
    return sorted(_catalogue())


def make_persona(first_name: str) -> Persona:
    """A fresh, unique shopper called ``first_name`` (one of fixtures/personas.toml)."""
    try:
        entry = _catalogue()[first_name]
    except KeyError:
        raise KeyError(
            f"Expected a persona named one of {', '.join(known_names())} "
            f"(fixtures/personas.toml), got {first_name!r}."
        ) from None
    faker = Faker(entry.get("locale", "en_US"))
    full_name = f"{first_name} {entry['last_name']}"
    return Persona(
        first_name=first_name,
        full_name=full_name,
        native_name=entry.get("native_name", full_name),
        email=unique_address(full_name),
        password=faker.password(length=16, special_chars=True, digits=True, upper_case=True),
        pronoun=entry.get("pronoun", "they"),
        latin_spellings=tuple(entry.get("latin_spellings", ())),
    )


def unique_address(name: str) -> str:
    """``ola-kowalska-3f9c1a@example.com``: lowercase letters, digits and hyphens only."""
    local = "-".join(unidecode(name).lower().split())
    local = "".join(ch for ch in local if ch.isalnum() or ch == "-")
    return f"{local}-{secrets.token_hex(3)}@{DOMAIN}"
