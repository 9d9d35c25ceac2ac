"""Where a run's time goes: prints measured numbers, asserts nothing.

    .venv/bin/python benchmarks/timings.py [--full]
    .venv/bin/python benchmarks/timings.py --compare REV [--rounds 3] [--tags EXPR]

Measures, on this machine: starting the reference stack (Mailpit, webmail, app),
launching Chromium, a new browser context and page, one registration scenario
end to end (through behave, from the home page to the confirmed address), and with
--full the whole specification (`mailflow run`), plus the peak memory of this process.

--compare REV checks the older revision REV out into a temporary git worktree and runs
the whole specification there and here, alternately (old, new, then new, old, ...), on
this machine; it prints each run's wall and CPU seconds, the medians, the ratio
old/new, and whether both runs reached the same result for every instruction.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import compare_revisions
from playwright.sync_api import sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, launch
from mailflow_specs.run.stack import Stack
from mailflow_specs.targets.profile import TargetProfile

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label:<48} {time.perf_counter() - started:7.2f} s")
    return result


def behave_seconds(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "behave", "--format", "null", *args],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also time the whole specification")
    parser.add_argument("--compare", metavar="REV", help="compare the whole specification with revision REV")
    parser.add_argument("--rounds", type=int, default=3, help="with --compare: runs of each side")
    parser.add_argument("--tags", action="append", default=[], help="with --compare: a behave tag expression")
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare_revisions(args.compare, rounds=args.rounds, tags=args.tags))
    profile = TargetProfile.load("reference")
    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(profile, Path(workdir))
        timed("reference stack start (Mailpit, webmail, app)", stack.start)
        stack.stop()
    with sync_playwright() as playwright:
        browser = timed("Chromium launch", lambda: launch(playwright, BrowserSettings()))
        context = timed("new context + page", lambda: browser.new_context().new_page())
        context.close()
        browser.close()
    one = behave_seconds("features/registration.feature",
                         "-n", "Following the big link confirms the address")
    print(f"{'behave: one registration scenario (incl. set-up)':<48} {one:7.2f} s")
    setup = behave_seconds("--tags", "@no-such-tag", "features/registration.feature")
    print(f"{'behave: set-up and tear-down alone':<48} {setup:7.2f} s")
    print(f"{'=> one registration scenario alone':<48} {one - setup:7.2f} s")
    if args.full:
        full = timed("mailflow run (whole specification)", lambda: subprocess.run(
            [sys.executable, "-m", "mailflow_specs", "run"], cwd=ROOT, capture_output=True))
        print(f"{'mailflow run exit status':<48} {full.returncode:7d}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory: this process':<48} {own:7.0f} MiB")
    print(f"{'peak memory: largest child (behave, app, Mailpit)':<48} {children:7.0f} MiB")


if __name__ == "__main__":
    main()
