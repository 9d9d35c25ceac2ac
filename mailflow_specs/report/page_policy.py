"""The report page's own Content-Security-Policy: its scripts by hash, no other script.

The report holds what a target wrote (titles, labels, refusals, letters, console messages,
scan results), all of it escaped as text. As a second line of defence, the page tells the
browser which scripts are its own: the inline ``<script>`` blocks it was written with, and
the event handlers of its own controls (``toggle_hash('…')``, ``mf_filter_by_tag(…)``), by
their SHA-256 hashes. Any other script, handler or ``javascript:`` address does not run.
Letters sit in ``sandbox`` frames (no script at all); pictures are ``data:`` URLs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

SCRIPT_BLOCK = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
HANDLER = re.compile(r"""\son[a-z]+=(?P<quote>["'])(?P<code>.*?)(?P=quote)""", re.S)
# The handlers the report's own controls use: a call of one of its own functions with plain
# arguments (ids, this, this.value), nothing a target's text could make.
OWN_HANDLER = re.compile(
    r"^\s*(?:(?:[a-z_][a-z0-9_]*)\((?:'[\w.\-]*'|this|this\.value|\s|,)*\)\s*;?\s*)+$")
HEAD = re.compile(r"<head[^>]*>", re.I)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(page: str) -> str:
    scripts = {_sha256(m["body"]) for m in SCRIPT_BLOCK.finditer(page) if "src=" not in m["attributes"]}
    handlers = {_sha256(_unescape(m["code"])) for m in HANDLER.finditer(page) if OWN_HANDLER.match(_unescape(m["code"]))}
    script_src = " ".join(sorted(scripts)) + (" 'unsafe-hashes' " + " ".join(sorted(handlers)) if handlers else "")
    return ("default-src 'none'; "
            f"script-src {script_src or chr(39) + 'none' + chr(39)}; "
            "style-src 'unsafe-inline'; img-src data:; font-src data:; frame-src 'self' data: about:; "
            "base-uri 'none'; form-action 'none'; object-src 'none'")


def secure(page: str) -> str:
    """The page with its policy as the first element of its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
    found = HEAD.search(page)
    if found is None:
        return meta + page
    return page[: found.end()] + meta + page[found.end():]


def _unescape(code: str) -> str:
    """A handler as the browser hashes it: the attribute's value with its entities decoded."""
    return html.unescape(code)
