"""Today's specification against an older revision, on the same machine, in one invocation.

Used by ``benchmarks/timings.py --compare REV``. The older revision is checked out into a
temporary git worktree (its ``.cache`` linked to this one's, so it finds the same Mailpit)
and run with this checkout's Python environment, from its own folder, so its own
``mailflow``, steps and reference app are the ones that run. The two sides alternate
(old, new; new, old; ...) so that a busy spell of a shared machine hits both alike; the
medians are compared. Prints numbers and asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

from profile_run import GROUPS, ROOT, RunCost, measure_run


def compare_revisions(revision: str, *, rounds: int, tags: list[str]) -> int:
    """Run both sides ``rounds`` times each, alternately; print the ratio. Exit status 0."""
    args = [a for t in tags for a in ("--tags", t)]
    runs: dict[str, list[RunCost]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="mailflow-compare-") as scratch:
        old_root = Path(scratch) / "old"
        commit = _git("rev-parse", "--short", revision)
        _git("worktree", "add", "--detach", str(old_root), revision)
        try:
            (old_root / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)
            roots = {"old": old_root, "new": ROOT}
            print(f"Comparing {commit} (old, in {old_root}) with this checkout (new), {rounds} rounds")
            for number in range(rounds):
                order = ("old", "new") if number % 2 == 0 else ("new", "old")
                for side in order:
                    cost = measure_run(args, cwd=roots[side], label=f"{side} #{number + 1}")
                    runs[side].append(cost)
                    print(f"  {cost.label:<7} wall {cost.wall:6.1f} s  CPU {cost.cpu_total:6.1f} s  "
                          f"{len(cost.scenarios)} scenarios {cost.statuses}  exit {cost.returncode}",
                          flush=True)
        finally:
            _git("worktree", "remove", "--force", str(old_root))
    print_comparison(commit, runs)
    return 0


def print_comparison(commit: str, runs: dict[str, list[RunCost]]) -> None:
    old, new = runs["old"], runs["new"]
    print(f"\n{'median of ' + str(len(old)) + ' runs':<22} {commit + ' (old)':>14} {'this (new)':>14} {'old/new':>8}")
    for what, value in (("wall seconds", lambda c: c.wall), ("CPU seconds", lambda c: c.cpu_total)):
        a, b = statistics.median(map(value, old)), statistics.median(map(value, new))
        print(f"{what:<22} {a:14.1f} {b:14.1f} {a / b:8.2f}")
    for group in GROUPS:
        a = statistics.median(c.per_group.get(group, 0.0) for c in old)
        b = statistics.median(c.per_group.get(group, 0.0) for c in new)
        print(f"{'  CPU: ' + group:<22} {a:14.1f} {b:14.1f} {a / b if b else float('nan'):8.2f}")
    print(f"{'scenarios':<22} {len(old[0].scenarios):14d} {len(new[0].scenarios):14d}")
    print(same_results(old[0].traceability, new[0].traceability))


def same_results(old: dict, new: dict) -> str:
    """Whether every instruction ended the same on both sides, and where the scenario counts differ."""
    def status(table: dict, i: str) -> str | None:
        return table.get(i, {}).get("status")

    def count(table: dict, i: str) -> int:
        return len(table.get(i, {}).get("scenarios", []))

    ids = sorted(set(old) | set(new))
    changed = [f"{i}: {status(old, i)} -> {status(new, i)}" for i in ids if status(old, i) != status(new, i)]
    grown = [f"{i} {count(old, i)} -> {count(new, i)}" for i in ids if count(old, i) != count(new, i)]
    if changed:
        said = "Results differ: " + "; ".join(changed)
    else:
        statuses = sorted({entry["status"] for entry in new.values()})
        said = f"Same result for all {len(new)} instructions on both sides ({', '.join(statuses)})."
    if grown:
        said += "\nScenarios per instruction differ (old -> new): " + ", ".join(grown)
    return said


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()
