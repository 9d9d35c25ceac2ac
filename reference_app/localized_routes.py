"""Routes in the interface's language: `/register` becomes `/rejestracja` in Polish.

A catalogue may hold a `[routes]` table that translates literal path segments
(`register = "rejestracja"`). After every blueprint is registered, `localize_routes`
rebuilds the URL map with those segments translated; variable parts (`<token>`) and
segments without a translation stay as they are, and `url_for` follows automatically.
"""

from __future__ import annotations

import re

from flask import Flask

from .texts import EXTENSION_KEY

ROUTES_PREFIX = "routes."
_SEGMENT = re.compile(r"(?<=/)([^/<>]+)(?=/|$)")


def translations(app: Flask) -> dict[str, str]:
    catalogue = app.extensions[EXTENSION_KEY]
    return {
        key.removeprefix(ROUTES_PREFIX): catalogue.get(key)
        for key in catalogue.keys()
        if key.startswith(ROUTES_PREFIX)
    }


def translate_path(path: str, segments: dict[str, str]) -> str:
    return _SEGMENT.sub(lambda match: segments.get(match.group(1), match.group(1)), path)


def localize_routes(app: Flask) -> None:
    segments = translations(app)
    if not segments:
        return
    old = app.url_map
    new = app.url_map_class(
        default_subdomain=old.default_subdomain,
        host_matching=old.host_matching,
        strict_slashes=old.strict_slashes,
        merge_slashes=old.merge_slashes,
        redirect_defaults=old.redirect_defaults,
        converters=old.converters,
        sort_parameters=old.sort_parameters,
        sort_key=old.sort_key,
    )
    for rule in old.iter_rules():
        copy = rule.empty()
        if rule.endpoint != "static" and not rule.rule.startswith("/__test__"):
            copy.rule = translate_path(rule.rule, segments)
        new.add(copy)
    app.url_map = new
