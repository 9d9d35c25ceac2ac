"""The text catalogue: every visible text, keyed by name, in the language the app is set to.

Catalogues live in `texts/<language>.toml`, grouped in tables: `text("registration.heading")`.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from flask import Flask, current_app

from .settings import SettingError

EXTENSION_KEY = "bazaar_texts"


class TextCatalogue:
    """All texts of one language, flattened to dotted keys."""

    def __init__(self, language: str, texts: dict[str, str]) -> None:
        self.language = language
        self._texts = texts

    @classmethod
    def load(cls, language: str) -> TextCatalogue:
        source = resources.files(__package__).joinpath("texts", f"{language}.toml")
        if not source.is_file():
            available = sorted(
                p.name.removesuffix(".toml")
                for p in resources.files(__package__).joinpath("texts").iterdir()
                if p.name.endswith(".toml")
            )
            raise SettingError(
                f"Expected BAZAAR_LANGUAGE to be one of {available}, got {language!r} "
                f"(no texts/{language}.toml)."
            )
        with source.open("rb") as stream:
            return cls(language, _flatten(tomllib.load(stream)))

    def keys(self) -> set[str]:
        return set(self._texts)

    def get(self, key: str, **values: Any) -> str:
        try:
            template = self._texts[key]
        except KeyError:
            raise KeyError(f"No text {key!r} in the {self.language!r} catalogue.") from None
        return template.format_map(values) if values else template


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def init_app(app: Flask) -> None:
    """Load the catalogue named by LANGUAGE and offer `t(...)` to templates."""
    app.extensions[EXTENSION_KEY] = TextCatalogue.load(app.config["LANGUAGE"])
    app.jinja_env.globals["t"] = text


def catalogue() -> TextCatalogue:
    return current_app.extensions[EXTENSION_KEY]


def text(key: str, **values: Any) -> str:
    """The text named `key` in the app's language, with its {placeholders} filled in."""
    return catalogue().get(key, **values)
