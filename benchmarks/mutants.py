"""Run our own behavioural mutants of the reference app and say which the specification kills.

    .venv/bin/python benchmarks/mutants.py            # every mutant of tests/mutants/catalogue.toml
    .venv/bin/python benchmarks/mutants.py --list     # the catalogue, without running anything
    .venv/bin/python benchmarks/mutants.py --only wrong-sender --only never-blocked
    .venv/bin/python benchmarks/mutants.py --explore --budget 10m   # mailflow explore alone, no features

The committed tree (HEAD) is checked out once into a temporary git worktree. For each distinct
tag expression the unmutated baseline runs first and must pass (when it fails, its mutants are
reported ``not-run`` and the others still run); then each mutant's patch is
applied there (a patch that no longer applies stops the run), ``python -m mailflow_specs run --tags
<expr>`` of that copy runs, and the patch is reverted. A mutant is *killed* only when a scenario
tagged with one of its instruction IDs failed an expectation (``ExpectationFailed`` or an
``AssertionError``); a failure of another kind (an error, a timeout in set-up, a missing seam) or
of a scenario of other IDs is *killed for another reason*. The last line is ``K/N killed``.
Not part of CI: it runs the stack once per mutant (see the README for how long it takes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from mailflow_specs.report.junit import stable_name

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "tests" / "mutants" / "catalogue.toml"
# Failures that mean "the build is wrong"; anything else is a breakage of the run.
EXPECTATION_TYPES = {"ExpectationFailed", "AssertionError", "MailpitAssertionError"}


@dataclass(frozen=True, slots=True)
class Mutant:
    name: str
    summary: str
    ids: tuple[str, ...]
    tags: str
    patch: Path


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: str   # killed, survived, killed-for-another-reason, not-run (its baseline failed)
    detail: str
    seconds: float


def load_catalogue(path: Path = CATALOGUE) -> list[Mutant]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    mutants = [Mutant(m["name"], m["summary"], tuple(m["ids"]), m["tags"], path.parent / m["patch"])
               for m in data["mutant"]]
    for mutant in mutants:
        if not mutant.patch.is_file():
            raise SystemExit(f"{path}: expected the patch {mutant.patch.name} of {mutant.name}; it is missing.")
    return mutants


def run_spec(copy: Path, tags: str, reports: Path) -> tuple[int, Path]:
    """``python -m mailflow_specs run`` of the copy; returns its exit status and its run folder."""
    env = {**os.environ, "PYTHONPATH": str(copy),
           "PATH": f"{REPO / '.cache' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("MAILFLOW_HOME", None)
    command = [sys.executable, "-m", "mailflow_specs", "run", "--tags", tags, "--reports", str(reports)]
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    (reports / "console.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
    return done.returncode, (reports / "latest").resolve()


def failure_types(run: Path) -> dict[str, str]:
    """Scenario name → the type of its failure or error, from the JUnit XML."""
    types: dict[str, str] = {}
    for xml in (run / "junit").glob("*.xml"):
        for case in ElementTree.parse(xml).getroot().iter("testcase"):
            for kind in ("failure", "error"):
                element = case.find(kind)
                if element is not None:
                    types[case.get("name", "")] = element.get("type") or kind
    return types


def failed_scenarios(run: Path, ids: tuple[str, ...] | None) -> dict[str, str]:
    """Failed scenarios (of ``ids``, or of any ID) → the type of their failure."""
    trace = json.loads((run / "traceability.json").read_text(encoding="utf-8"))
    types = failure_types(run)
    failed: dict[str, str] = {}
    for instruction, record in trace.items():
        if ids is not None and instruction not in ids:
            continue
        for scenario in record.get("scenarios", []):
            if scenario.get("status") == "failed":
                name = scenario.get("name", "")
                if instruction in (scenario.get("soft_failures") or {}):  # a soft check of this ID failed
                    failed[name] = "ExpectationFailed"
                    continue
                failed[name] = types.get(stable_name(name)) or types.get(name) or "unknown"
    return failed


def judge(status: int, run: Path, mutant: Mutant, seconds: float) -> Outcome:
    if not (run / "traceability.json").is_file():
        return Outcome("killed-for-another-reason", f"no report (exit status {status})", seconds)
    own = failed_scenarios(run, mutant.ids)
    caught = {name: kind for name, kind in own.items() if kind in EXPECTATION_TYPES}
    if caught:
        name, kind = next(iter(caught.items()))
        return Outcome("killed", f"{kind} in “{name}”" + (f" (+{len(caught) - 1})" if len(caught) > 1 else ""), seconds)
    others = failed_scenarios(run, None)
    if others or status != 0:
        shown = "; ".join(f"{kind} in “{name}”" for name, kind in list(others.items())[:2])
        return Outcome("killed-for-another-reason", shown or f"exit status {status}", seconds)
    return Outcome("survived", "every scenario passed", seconds)


def git(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def apply(copy: Path, mutant: Mutant, *, reverse: bool = False) -> None:
    flags = ["-R"] if reverse else []
    checked = git("apply", "--check", *flags, str(mutant.patch), cwd=copy)
    if checked.returncode != 0:
        raise SystemExit(f"Expected {mutant.patch.name} to apply to HEAD's reference_app/; "
                         f"git apply says: {checked.stderr.strip()}")
    git("apply", *flags, str(mutant.patch), cwd=copy)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this mutant (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the catalogue and stop")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and reports")
    parser.add_argument("--explore", action="store_true",
                        help="run `mailflow explore` alone (no features) against each mutant: found or missed")
    parser.add_argument("--budget", default="10m", help="with --explore: the budget per mutant (default 10m)")
    parser.add_argument("--seed", default="1", help="with --explore: the seed (default 1)")
    args = parser.parse_args(argv)
    mutants = load_catalogue()
    if args.only:
        unknown = set(args.only) - {m.name for m in mutants}
        if unknown:
            raise SystemExit(f"Expected mutant names of {CATALOGUE.name}; unknown: {', '.join(sorted(unknown))}.")
        mutants = [m for m in mutants if m.name in args.only]
    if args.list:
        for m in mutants:
            print(f"{m.name:40} {' '.join(m.ids):28} {m.tags:36} {m.summary}")
        print(f"{len(mutants)} mutants")
        return 0
    if args.explore:
        return explore_all(mutants, budget=args.budget, seed=args.seed)
    return run_all(mutants, keep=args.keep)


def explore_all(mutants: list[Mutant], *, budget: str, seed: str) -> int:
    """``mailflow explore`` of a copy of HEAD with each mutant applied: ``found`` when it reports
    a discrepancy (exit status 1) within the budget, ``missed`` when it does not."""
    work = Path(tempfile.mkdtemp(prefix="mailflow-explore-mutants-"))
    copy = work / "tree"
    added = git("worktree", "add", "--detach", str(copy), "HEAD")
    if added.returncode != 0:
        raise SystemExit(f"Expected a temporary worktree of HEAD; git says: {added.stderr.strip()}")
    env = {**os.environ, "PYTHONPATH": str(copy),
           "PATH": f"{REPO / '.cache' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    found = 0
    try:
        for mutant in mutants:
            apply(copy, mutant)
            clock = time.monotonic()
            try:
                done = subprocess.run([sys.executable, "-m", "mailflow_specs", "explore", "--seed", seed,
                                       "--budget", budget],
                                      cwd=copy, env=env, capture_output=True, text=True)
            finally:
                apply(copy, mutant, reverse=True)
            (work / f"{mutant.name}.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
            verdict = "found" if done.returncode == 1 and "DISCREPANCY" in done.stdout else \
                "missed" if done.returncode == 0 else f"error ({done.returncode})"
            found += verdict == "found"
            print(f"{verdict:10} {mutant.name:44} {time.monotonic() - clock:5.0f}s", flush=True)
    finally:
        git("worktree", "remove", "--force", str(copy))
    print(f"{found}/{len(mutants)} found by explore alone; its output per mutant in {work}")
    return 0 if found == len(mutants) else 1


def run_all(mutants: list[Mutant], *, keep: bool) -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="mailflow-mutants-"))
    copy = work / "tree"
    added = git("worktree", "add", "--detach", str(copy), "HEAD")
    if added.returncode != 0:
        raise SystemExit(f"Expected a temporary worktree of HEAD; git says: {added.stderr.strip()}")
    try:
        for mutant in mutants:  # fail loudly before hours of running
            apply(copy, mutant)
            apply(copy, mutant, reverse=True)
        outcomes = run_mutants(mutants, copy, work)
    finally:
        if not keep:
            git("worktree", "remove", "--force", str(copy))
    killed = sum(o.verdict == "killed" for o in outcomes.values())
    print(f"\n{len(mutants)} mutants in {time.monotonic() - started:.0f}s"
          + (f"; kept in {work}" if keep else ""))
    for name, outcome in outcomes.items():
        if outcome.verdict != "killed":
            print(f"  not killed: {name}: {outcome.verdict} ({outcome.detail})")
    print(f"{killed}/{len(mutants)} killed")
    return 0 if killed == len(mutants) else 1


def run_mutants(mutants: list[Mutant], copy: Path, work: Path) -> dict[str, Outcome]:
    outcomes: dict[str, Outcome] = {}
    for tags in dict.fromkeys(m.tags for m in mutants):
        clock = time.monotonic()
        status, run = run_spec(copy, tags, work / f"baseline-{len(outcomes)}-{abs(hash(tags))}")
        print(f"baseline  {tags:40} {'passed' if status == 0 else 'FAILED'} {time.monotonic() - clock:5.0f}s",
              flush=True)
        if status != 0:  # its mutants would prove nothing; the others still run
            for mutant in (m for m in mutants if m.tags == tags):
                outcomes[mutant.name] = Outcome("not-run", f"the unmutated baseline of {tags!r} failed; see {run}", 0.0)
                print(f"{'not-run':26} {mutant.name:40}     -  the baseline failed", flush=True)
            continue
        for mutant in (m for m in mutants if m.tags == tags):
            apply(copy, mutant)
            clock = time.monotonic()
            try:
                status, run = run_spec(copy, tags, work / mutant.name)
            finally:
                apply(copy, mutant, reverse=True)
            outcome = judge(status, run, mutant, time.monotonic() - clock)
            outcomes[mutant.name] = outcome
            print(f"{outcome.verdict:26} {mutant.name:40} {outcome.seconds:5.0f}s  {outcome.detail}", flush=True)
    return {m.name: outcomes[m.name] for m in mutants}


if __name__ == "__main__":
    sys.exit(main())
