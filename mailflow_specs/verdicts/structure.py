"""Notes on a target's page structure, in words, for the report.

Where a page lacks what the structure contract asks for (a banner or main landmark, a
refusal tied to its field as the field's accessible description), the steps fall back (to
the whole page, to the field's container) and note it here; the notes of a scenario go
with its outcome into the report, ``traceability.json`` and the closing summary.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

_notes: list[str] = []
LANDMARKS = {"banner": "banner (header)", "main": "main"}


def note(text: str) -> None:
    if text not in _notes:
        _notes.append(text)


def take_notes() -> list[str]:
    """The notes of the scenario that just ended; the next one starts with none."""
    taken = list(_notes)
    _notes.clear()
    return taken


def page_name(page: Page) -> str:
    path = urlsplit(page.url).path or "/"
    title = page.title() if not page.is_closed() else ""
    return f"{title!r} ({path})" if title else path


def note_missing_landmarks(page: Page) -> None:
    """After a step: which landmarks the current page lacks (the steps used the whole page)."""
    if page.is_closed() or page.url.startswith("about:"):
        return
    try:
        for role, name in LANDMARKS.items():
            if page.get_by_role(role).count() == 0:
                note(f"no {name} landmark on the page {page_name(page)}: the steps searched the whole page")
    except Exception:
        return
