"""Evidence of a failed step: a screenshot and the page's HTML, kept with the run's artifacts."""

from __future__ import annotations

import re
from pathlib import Path


def scenario_folder(context) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", context.scenario.name).strip("-").lower()[:80]
    return context.artifacts / "failures" / slug


def keep_failure_evidence(context, step) -> None:
    world = getattr(context, "world", None)
    if world is None:
        return
    folder = scenario_folder(context)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        world.page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
        (folder / "page.html").write_text(world.page.content(), encoding="utf-8")
    except Exception as error:  # noqa: BLE001 (evidence must never hide the failure itself)
        (folder / "evidence-error.txt").write_text(f"{type(error).__name__}: {error}\n")
