"""The entries of My account → Profile settings → "Change settings".

Each flow lists its own entry when its blueprint is registered (`add_settings_link` from a
`record_once` hook); the page shows them in their `order`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

SETTINGS_LINKS_KEY = "bazaar_settings_links"


@dataclass(frozen=True, slots=True)
class SettingsLink:
    endpoint: str
    text_key: str
    order: int = 100


def add_settings_link(app: Flask, endpoint: str, text_key: str, order: int = 100) -> None:
    """List `endpoint` on the "Change settings" page under the catalogue text `text_key`."""
    links = app.extensions.setdefault(SETTINGS_LINKS_KEY, [])
    links.append(SettingsLink(endpoint, text_key, order))
    links.sort(key=lambda link: link.order)


def settings_links() -> list[SettingsLink]:
    return list(current_app.extensions.get(SETTINGS_LINKS_KEY, []))
