"""The closing summary of a run on the console, and its exit status.

One line per instruction with its status and reason; the count of each status; the
failures grouped by the step where they stopped ("3 instructions stopped at: …"); the
set-up errors; the structure notes. A run that checked nothing, or fewer instructions
than ``--min-checked``, is not a success: "0 of 34 instructions checked".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from xml.etree import ElementTree

from mailflow_specs.report.failures import INTERRUPTED_HERE, NOT_REACHED
from mailflow_specs.verdicts.messages import clip

STATUS_ORDER = ("passed", "failed", "deviation", "absent", "skipped", "missing")
# The exit status of `mailflow run`, the first that applies (2: the command itself was wrong: a
# profile error, no scenario selected).
EXIT_PASSED, EXIT_FAILED, EXIT_TOO_FEW, EXIT_SETUP_ERROR, EXIT_INTERRUPTED = 0, 1, 3, 4, 130
# A real verdict: the instruction was checked, or the team said why it differs.
CHECKED = ("passed", "failed")


def print_scenario_counts(junit_file: Path) -> None:
    """The scenarios' verdicts, counted from the run's JUnit (the same verdicts as every output)."""
    if not junit_file.is_file():
        return
    run = ElementTree.parse(junit_file).getroot()
    total, failed, errors, skipped = (int(run.get(k, "0")) for k in ("tests", "failures", "errors", "skipped"))
    passed = total - failed - errors - skipped
    print(f"\n{total} scenario{'s' if total != 1 else ''}: {passed} passed, {failed} failed, "
          f"{errors} set-up error{'s' if errors != 1 else ''}, {skipped} skipped (absent, deviation or not checked).")


def print_conformance(table: dict) -> None:
    from mailflow_specs.report.traceability import NOT_SELECTED, coverage

    print("\nConformance, per instruction (a guide scenario transcribes the guide's sentence; "
          "hardening goes beyond it):")
    unselected = [i for i, entry in table.items() if _only(entry, NOT_SELECTED)]
    unreached = [i for i, entry in table.items() if _only(entry, NOT_REACHED)]
    for instruction_id, entry in table.items():
        if instruction_id in unselected or instruction_id in unreached:
            continue
        reasons = {s.get("reason") for s in entry["scenarios"] if s["status"] == entry["status"]}
        reasons.discard(None)
        if entry.get("reason"):
            reasons = {entry["reason"]}
        detail = f" — {clip('; '.join(sorted(reasons)))}" if reasons and entry["status"] != "passed" else ""
        print(f"  {instruction_id:<8} {entry['status']:<9} [{coverage(entry['scenarios'])}]{detail}")
    for ids, why in ((unselected, NOT_SELECTED), (unreached, NOT_REACHED)):
        if ids:
            print(f"  {len(ids)} instruction{'s' if len(ids) != 1 else ''} {why}: {', '.join(ids)}")


def _only(entry: dict, reason: str) -> bool:
    """Every scenario of the instruction has this reason (it was not selected, or not reached)."""
    return bool(entry["scenarios"]) and all(s.get("reason") == reason for s in entry["scenarios"])


def interrupted(table: dict) -> bool:
    return any(s.get("reason") in (NOT_REACHED, INTERRUPTED_HERE) for e in table.values() for s in e["scenarios"])


def counts(table: dict) -> Counter:
    return Counter(entry["status"] for entry in table.values())


def count_line(table: dict) -> str:
    found = counts(table)
    return ", ".join(f"{found[s]} {s}" for s in STATUS_ORDER if found[s]) + " instructions"


def checked_count(table: dict) -> int:
    return sum(1 for entry in table.values() if entry["status"] in CHECKED)


def stopping_points(table: dict) -> list[tuple[str, list[str]]]:
    """Failed instructions grouped by the step (and locator) where their first failure stopped."""
    groups: dict[str, list[str]] = defaultdict(list)
    for instruction_id, entry in table.items():
        if entry["status"] != "failed":
            continue
        first = next(s for s in entry["scenarios"] if s["status"] == "failed")
        groups[first.get("stopped_at") or first.get("reason", "?")[:120]].append(instruction_id)
    return sorted(groups.items(), key=lambda item: -len(item[1]))


def setup_errors(table: dict) -> list[str]:
    seen: dict[str, None] = {}
    for entry in table.values():
        for outcome in entry["scenarios"]:
            if outcome.get("setup_error"):
                seen[clip(outcome["reason"])] = None
    return list(seen)


def structure_notes(table: dict) -> list[str]:
    seen: dict[str, None] = {}
    for entry in table.values():
        for outcome in entry["scenarios"]:
            for text in outcome.get("structure_notes", ()):
                seen[text] = None
    return list(seen)


def print_summary(table: dict, min_checked: int) -> int:
    """Print what the run found after the per-instruction lines; return the exit status."""
    for point, ids in stopping_points(table):
        print(f"\n{len(ids)} instruction{'s' if len(ids) > 1 else ''} stopped at: {point}  ({', '.join(ids)})")
    errors = setup_errors(table)
    if errors:
        print(f"\n{len(errors)} set-up error(s), not failures of the target:")
        for text in errors:
            print(f"  - {text}")
    notes = structure_notes(table)
    if notes:
        print("\nStructure notes (where the pages differ from the structure contract):")
        for text in notes:
            print(f"  - {text}")
    if interrupted(table):
        print("\nThe run was interrupted (Ctrl-C or SIGTERM): the scenario under way and those not reached "
              "are not checked; no instruction failed for it.")
    checked = checked_count(table)
    verdicts = checked + counts(table)["deviation"]
    print(f"\n{checked} of {len(table)} instructions checked ({verdicts} with a verdict: "
          f"passed, failed or deviation); {count_line(table)}.")
    if interrupted(table):
        return EXIT_INTERRUPTED
    if counts(table)["failed"]:
        return EXIT_FAILED
    if errors:
        return EXIT_SETUP_ERROR
    if checked < min_checked:
        print(f"Too few instructions checked: {checked} of {len(table)}; expected at least "
              f"{min_checked} (--min-checked {min_checked}). A run that checks nothing is no success.")
        return EXIT_TOO_FEW
    return EXIT_PASSED
