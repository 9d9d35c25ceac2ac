"""The closing summary of a run on the console, and its exit status.

One line per instruction with its status and reason; the count of each status; the
failures grouped by the step where they stopped ("3 instructions stopped at: …"); the
set-up errors; the structure notes. A run that checked nothing, or fewer instructions
than ``--min-checked``, is not a success: "0 of 34 instructions checked".
"""

from __future__ import annotations

from collections import Counter, defaultdict

STATUS_ORDER = ("passed", "failed", "deviation", "absent", "skipped", "missing")
# A real verdict: the instruction was checked, or the team said why it differs.
CHECKED = ("passed", "failed")


def print_conformance(table: dict) -> None:
    from mailflow.report.traceability import coverage

    print("\nConformance, per instruction (a guide scenario transcribes the guide's sentence; "
          "hardening goes beyond it):")
    for instruction_id, entry in table.items():
        reasons = {s.get("reason") for s in entry["scenarios"] if s["status"] == entry["status"]}
        reasons.discard(None)
        if entry.get("reason"):
            reasons = {entry["reason"]}
        detail = f" — {'; '.join(sorted(reasons))[:300]}" if reasons and entry["status"] != "passed" else ""
        print(f"  {instruction_id:<8} {entry['status']:<9} [{coverage(entry['scenarios'])}]{detail}")


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
                seen[outcome["reason"][:300]] = None
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
    checked = checked_count(table)
    verdicts = checked + counts(table)["deviation"]
    print(f"\n{checked} of {len(table)} instructions checked ({verdicts} with a verdict: "
          f"passed, failed or deviation); {count_line(table)}.")
    if checked < min_checked:
        print(f"Too few instructions checked: {checked} of {len(table)}; expected at least "
              f"{min_checked} (--min-checked {min_checked}). A run that checks nothing is no success.")
        return 3
    return 1 if counts(table)["failed"] or errors else 0
