"""What ``mailflow explore`` keeps: the run folder, ``explore.json``, its traceability and page,
the evidence of a discrepancy, and the same added to a ``mailflow run`` report (``--explore``).

``record`` turns the explorer's tally (plain counters, sets and lists) into the JSON record the
report draws (``mailflow_specs.report.explored``); nothing here imports the explorer itself, so
the explorer, its workers and ``mailflow run`` can all use it.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

from mailflow_specs.lifecycle.model import ACTIONS, transitions
from mailflow_specs.paths import slug
from mailflow_specs.report import explored
from mailflow_specs.report.evidence import SCREENSHOT_QUALITY, letter_page

EXPLORE_JSON = "explore.json"
EVIDENCE = Path("artifacts") / "explore"


def new_run_dir(reports: Path, name: str) -> Path:
    """``reports/<date>-<name>/``, as ``mailflow run`` names its run folders."""
    run_dir = reports.resolve() / f"{datetime.now():%Y%m%d-%H%M%S}-{name}"
    run_dir.mkdir(parents=True, exist_ok=True)
    return run_dir


def point_latest_at(reports: Path, run_dir: Path) -> bool:
    """``latest`` moves to the run only once its page is written; a run without one leaves it (False)."""
    page = run_dir / "index.html"
    if not page.is_file() or page.stat().st_size == 0:
        return False
    latest = reports / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(run_dir.name, target_is_directory=True)
    return True


def instruction_counts(per_instruction: Counter, discrepancies: Counter) -> dict[str, dict]:
    """Every instruction an action of the model exercises: ``{"actions": N, "discrepancies": M}``."""
    ids = sorted({i for action in ACTIONS.values() for i in action.ids} | set(per_instruction))
    return {i: {"actions": per_instruction.get(i, 0), "discrepancies": discrepancies.get(i, 0)} for i in ids}


def record(tally, facts: dict) -> dict:
    """The public record of an exploration (``explore.json``) from its tally and its facts
    (target, profile, seed, bounds, seconds, cpu_seconds, wall_seconds)."""
    every = tally.model_transitions or transitions()  # what this target can reach
    visited = tally.transitions & every
    return {
        **facts,
        "sequences_run": tally.sequences,
        "actions": sum(tally.actions.values()),
        "actions_per_name": dict(tally.actions.most_common()),
        "looks_left_out": tally.looks_left_out,
        "not_explored": dict(getattr(tally, "not_explored", {})),
        "transitions": {"visited": len(visited), "of": len(every),
                        "visited_list": sorted(list(t) for t in visited),
                        "not_visited": sorted(list(t) for t in every - visited)},
        "instructions": instruction_counts(tally.per_instruction, tally.discrepancies),
        "sequences": sorted(tally.sequence_log, key=lambda s: s["number"]),
        "discrepancies": sorted(tally.discrepancy_log, key=lambda d: d["sequence"]),
    }


def write_record(run_dir: Path, found: dict) -> None:
    (run_dir / EXPLORE_JSON).write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_standalone(run_dir: Path, found: dict) -> None:
    """``traceability.json`` ("explored: N actions, M discrepancies" per instruction) and ``index.html``."""
    table = explored.explored_table(found["instructions"])
    (run_dir / "traceability.json").write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    (run_dir / "index.html").write_text(explored.page(found, run_dir), encoding="utf-8")


def add_to_run(run_dir: Path, found: dict) -> None:
    """A ``mailflow run`` folder's traceability and page, with what the exploration found."""
    trace_file = run_dir / "traceability.json"
    if trace_file.is_file():
        table = json.loads(trace_file.read_text(encoding="utf-8"))
        trace_file.write_text(json.dumps(explored.add_to_table(table, found["instructions"]), indent=2,
                                         ensure_ascii=False) + "\n", encoding="utf-8")
    page_file = run_dir / "index.html"
    if page_file.is_file():
        page_file.write_text(explored.add_to_page(page_file.read_text(encoding="utf-8"), found, run_dir),
                             encoding="utf-8")


def keep_evidence(worlds: dict, run_dir: Path, sequence: int) -> dict:
    """The evidence of a discrepancy: each shopper's page as she sees it now, and every letter
    to her addresses (as ``.eml`` and as a page that runs nothing); paths relative to ``run_dir``."""
    folder = run_dir / EVIDENCE / f"sequence-{sequence}"
    shutil.rmtree(folder, ignore_errors=True)  # a longer replay's evidence, before shrinking ended
    kept: dict = {"screenshots": [], "letters": [], "notes": []}
    for name, world in worlds.items():
        # Her own browser's page, and the page of every other browser she kept (a second browser).
        pages = [(f"{name}'s page", name, world.page), *((f"{name}'s {device_name}", f"{name} {device_name}", device.page)
                                                          for device_name, device in world.other_devices.items())]
        for whose, file_name, page in pages:
            shot = folder / f"{slug(file_name)}.jpg"
            try:
                if page.url == "about:blank":  # a shopper who has not acted yet: nothing to see
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=SCREENSHOT_QUALITY)
                kept["screenshots"].append({"path": str(shot.relative_to(run_dir)),
                                            "caption": f"{whose} at the discrepancy ({page.url})"})
            except Exception as error:  # a closed page or a crashed browser: say so, keep the rest
                kept["notes"].append(f"No screenshot of {whose}: {type(error).__name__}: {error}")
    for world in worlds.values():
        for shopper in world.shoppers.values():
            kept["letters"] += _save_letters(world.mailbox, sorted(shopper.addresses()), folder / "letters", run_dir,
                                             kept["notes"])
    return kept


def stop_tracing(worlds: dict, run_dir: Path | None, sequence: int) -> list[dict]:
    """Each shopper's trace: kept beside the evidence when ``run_dir`` is given, else dropped."""
    kept = []
    for name, world in worlds.items():
        acted = run_dir is not None and world.page.url != "about:blank"  # a shopper who never acted: no trace
        path = run_dir / EVIDENCE / f"sequence-{sequence}" / f"{slug(name)}-trace.zip" if acted else None
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            world.device.context.tracing.stop(path=str(path) if path else None)
        except Exception:  # a closed context keeps no trace; the rest of the evidence stands
            continue
        if path is not None and path.is_file():
            kept.append({"path": str(path.relative_to(run_dir)),
                         "caption": f"{name}'s browser, Playwright trace (playwright show-trace {path.name})"})
    return kept


def _save_letters(mailbox, addresses: list[str], folder: Path, run_dir: Path, notes: list[str]) -> list[dict]:
    saved = []
    for address in addresses:
        try:
            letters = mailbox.everything_to(address)
        except Exception as error:
            notes.append(f"The letters to {address} could not be read: {type(error).__name__}: {error}")
            continue
        for number, (heading, letter, source) in enumerate(letters, start=1):
            folder.mkdir(parents=True, exist_ok=True)
            name = f"{slug(address)}-{number:02}-{slug(heading.subject)}"
            (folder / f"{name}.eml").write_bytes(source)
            (folder / f"{name}.html").write_text(letter_page(letter), encoding="utf-8")
            saved.append({"path": str((folder / f"{name}.html").relative_to(run_dir)), "subject": heading.subject,
                          "to": address, "eml": str((folder / f"{name}.eml").relative_to(run_dir))})
    return saved
