"""Tables of the phrases feature files use, each with one error for a phrase it lacks.

A phrase may hold a pronoun ("her name written in Cyrillic letters"): the table keeps
it once, written with ``{her}``, and a lookup checks that the pronoun fits the shopper.
The tables of reasons and fields are data (``fixtures/phrases.toml``); the tables of
problems map a phrase to what the harness does, so they live beside their flow.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Generic, TypeVar

from mailflow_specs.actors.shopper import PRONOUNS, Shopper
from mailflow_specs.errors import StepMismatch
from mailflow_specs.paths import FIXTURES

V = TypeVar("V")
PHRASES_FILE = FIXTURES / "phrases.toml"
_PRONOUN_WORD = re.compile(rf"(?<!\{{)\b({'|'.join(PRONOUNS)})\b", re.IGNORECASE)


class PhraseTable(Generic[V]):
    """Phrases of one kind (``what``: "problem", "reason", ...) and what each stands for."""

    def __init__(self, what: str, entries: Mapping[str, V] | Iterable[tuple[str, V]]) -> None:
        self.what = what
        self.entries: dict[str, V] = dict(entries)

    def __iter__(self):
        return iter(self.entries)

    def __contains__(self, phrase: str) -> bool:
        return _generic(phrase) in self.entries

    def lookup(self, phrase: str, shopper: Shopper | None = None) -> V:
        """What ``phrase`` stands for; its pronouns, if any, must fit ``shopper``."""
        key = _generic(phrase)
        if key not in self.entries:
            known = "; ".join(f'"{p}"' for p in self.entries)
            raise StepMismatch(f'Expected a {self.what} this harness knows ({known}); got "{phrase}".')
        if shopper is not None:
            for pronoun in _PRONOUN_WORD.findall(phrase):
                if not shopper.is_called(pronoun):
                    raise StepMismatch(
                        f'The {self.what} "{phrase}" says {pronoun!r} of {shopper.first_name}, '
                        f"whose pronoun is {shopper.pronoun!r}: fix the feature's wording.")
        return self.entries[key]


def _generic(phrase: str) -> str:
    """The phrase with each pronoun written as ``{her}``, as the tables keep it."""
    return _PRONOUN_WORD.sub("{her}", phrase.strip())


@cache
def _data() -> dict[str, dict[str, str]]:
    return tomllib.loads(PHRASES_FILE.read_text(encoding="utf-8"))


def refusal_reasons() -> PhraseTable[str]:
    """The reason a feature gives for a refusal -> the key of the refusal in the profile."""
    return PhraseTable("reason", _data()["refusals"])


def form_fields() -> PhraseTable[str]:
    """A field of the registration form as the guide names it -> the key of its label."""
    return PhraseTable("field", _data()["fields"])
