"""Where a run's CPU goes: per scenario, per process; and what each optional recording costs.

    .venv/bin/python benchmarks/profile_run.py [--tags @REG-13] [--features-off] [paths...]

Runs ``mailflow run`` (the given selection, default the whole specification) as a child
process and, each time a scenario's progress line appears, reads the CPU time of every
process in the run's tree (psutil), grouped: the harness (behave, the Python side of
Playwright), the Playwright driver (node), the browser (Chromium and its renderers), the
reference app, the webmail site and Mailpit. A process's CPU includes its children that
ended and were reaped (a closed context's renderer counts for the browser).

``--features-off`` then runs the same selection again once per optional recording switched
off (the Playwright trace, the step screenshots, the letters in the report) and prints
what each saved. Prints measured numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.25
GROUPS = ("harness", "driver", "browser", "app", "webmail", "mailpit")
PROGRESS = re.compile(r"^\[\s*(\d+)/(\d+)\] (\w+)\s+(.*) \((\d+\.\d)s\)$")
# Each optional recording and the setting that switches it off.
SWITCHES = {"trace": {"MAILFLOW_TRACE": "off"},
            "screenshots": {"MAILFLOW_SCREENSHOTS": "off"},
            "letters in the report": {"MAILFLOW_LETTERS": "off"}}


def group_of(process: psutil.Process, root_pid: int) -> str | None:
    """Which part of the run a process is, from its command line (None: it has ended)."""
    try:
        command = " ".join(process.cmdline())
        name = process.name()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None
    if process.pid == root_pid:
        return "harness"
    if "mailpit" in name or "/mailpit " in command:
        return "mailpit"
    if "-m reference_app" in command:
        return "app"
    if "-m webmail" in command:
        return "webmail"
    if "run-driver" in command or name == "node":
        return "driver"
    if "chrom" in name.lower() or "chrom" in command.split(" ")[0].lower():
        return "browser"
    return "harness"


class TreeSampler:
    """Reads the CPU time of every process under ``root`` every SAMPLE_SECONDS, in a thread.

    Each process counts with the last time read from it, so one that ended still counts
    (less at most SAMPLE_SECONDS of its end). Own time only: a reaped child's time, which
    the kernel adds to its parent, would count twice.
    """

    def __init__(self, root: psutil.Process) -> None:
        self.root = root
        self.cpu: dict[int, float] = {}
        self.group: dict[int, str] = {}
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.sample()

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for process in processes:
            try:
                times = process.cpu_times()
                group = group_of(process, self.root.pid)
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue
            with self.lock:
                self.cpu[process.pid] = times.user + times.system
                if group and (group != "harness" or process.pid not in self.group):
                    self.group[process.pid] = group  # a fork shows its parent's command until it execs

    def checkpoint(self) -> dict[int, float]:
        """CPU-seconds so far per process."""
        self.sample()
        with self.lock:
            return dict(self.cpu)

    def by_group(self, since: dict[int, float], until: dict[int, float]) -> dict[str, float]:
        """CPU-seconds per group between two checkpoints."""
        totals = dict.fromkeys(GROUPS, 0.0)
        for pid, seconds in until.items():
            totals[self.group.get(pid, "harness")] += seconds - since.get(pid, 0.0)
        return totals

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


@dataclass(frozen=True, slots=True)
class ScenarioCost:
    number: int
    status: str
    name: str
    wall: float
    cpu: dict[str, float]


@dataclass
class RunCost:
    """One measured run: wall and CPU seconds, per scenario and in total."""

    label: str
    wall: float = 0.0
    cpu_total: float = 0.0  # the whole tree, sampled
    setup_cpu: dict[str, float] = field(default_factory=dict)
    scenarios: list[ScenarioCost] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    returncode: int = 0
    traceability: dict = field(default_factory=dict)  # the run's traceability.json

    @property
    def per_group(self) -> dict[str, float]:
        totals = dict(self.setup_cpu)
        for scenario in self.scenarios:
            for group, seconds in scenario.cpu.items():
                totals[group] = totals.get(group, 0.0) + seconds
        return totals

    @property
    def statuses(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for scenario in self.scenarios:
            counts[scenario.status] = counts.get(scenario.status, 0) + 1
        return counts


def measure_run(args: Sequence[str], *, cwd: Path = ROOT, python: str = sys.executable,
                env: dict[str, str] | None = None, label: str = "run") -> RunCost:
    """Run ``mailflow run ARGS`` in ``cwd`` and measure it while it runs."""
    cost = RunCost(label)
    with tempfile.TemporaryDirectory(prefix="mailflow-profile-") as reports:
        command = [python, "-m", "mailflow_specs", "run", "--reports", reports, *args]
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        sampler = TreeSampler(psutil.Process(child.pid))
        checkpoints: list[tuple[re.Match, float, dict[int, float]]] = []
        for line in child.stdout:
            cost.tail = [*cost.tail, line.rstrip()][-30:]
            match = PROGRESS.match(line.strip())
            if match:
                checkpoints.append((match, time.perf_counter(), sampler.checkpoint()))
        while child.poll() is None:  # the end of the run: closing the browser, the stack
            sampler.checkpoint()
            time.sleep(SAMPLE_SECONDS)  # between samples of a running process, not a wait for it
        sampler.stop()
        cost.scenarios = scenario_costs(sampler, checkpoints)
        first, last = (checkpoints[0][2], checkpoints[-1][2]) if checkpoints else ({}, {})
        cost.setup_cpu = {g: a + b for (g, a), b in zip(sampler.by_group({}, first).items(),
                          sampler.by_group(last, sampler.checkpoint()).values(), strict=True)}
        status = child.returncode
        table = Path(reports) / "latest" / "traceability.json"
        cost.traceability = json.loads(table.read_text(encoding="utf-8")) if table.exists() else {}
        cost.returncode = status
        cost.wall = time.perf_counter() - started
        cost.cpu_total = sum(cost.per_group.values())
    return cost


def scenario_costs(sampler: TreeSampler, checkpoints: list) -> list[ScenarioCost]:
    """One cost per progress line; the first shares its sample with the set-up, so it shows
    its wall time (from its line) and no CPU of its own."""
    costs, previous = [], None
    for match, when, cpu in checkpoints:
        if previous is None:
            spent, wall = dict.fromkeys(GROUPS, 0.0), float(match[5])
        else:
            spent, wall = sampler.by_group(previous[2], cpu), when - previous[1]
        costs.append(ScenarioCost(int(match[1]), match[3], match[4], wall, spent))
        previous = (match, when, cpu)
    return costs


def print_scenarios(cost: RunCost) -> None:
    print(f"\n{cost.label}: CPU-seconds per scenario and process (wall seconds from its progress line)")
    print(f"{'#':>3} {'status':<8} {'wall':>5} " + " ".join(f"{g:>7}" for g in GROUPS)
          + f" {'CPU':>6}  scenario")
    for s in cost.scenarios[1:]:
        print(f"{s.number:>3} {s.status:<8} {s.wall:5.1f} " + " ".join(f"{s.cpu[g]:7.2f}" for g in GROUPS)
              + f" {sum(s.cpu.values()):6.2f}  {s.name[:70]}")
    print("(the first scenario's CPU counts as set-up below: it shares a sample with the stack start)")


def print_summary(cost: RunCost) -> None:
    groups = cost.per_group
    counted = sum(groups.values())
    measured = cost.scenarios[1:]
    per_scenario = sum(sum(s.cpu.values()) for s in measured) / max(len(measured), 1)
    print(f"\n{cost.label}: {len(cost.scenarios)} scenarios {cost.statuses}, exit status {cost.returncode}")
    print(f"  wall {cost.wall:7.1f} s   CPU {counted:7.1f} s (every process of the run)")
    print("  CPU-seconds per process: " + ", ".join(f"{g} {groups.get(g, 0):.1f}" for g in GROUPS))
    print("  set-up, first scenario, tear-down: " + ", ".join(f"{g} {cost.setup_cpu.get(g, 0):.1f}" for g in GROUPS))
    print(f"  mean CPU per scenario (2nd onwards): {per_scenario:.2f} s; "
          f"mean wall {sum(s.wall for s in measured) / max(len(measured), 1):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", action="append", default=[], help="behave tag expression")
    parser.add_argument("--features-off", action="store_true",
                        help="also run once per optional recording switched off")
    parser.add_argument("--quiet", action="store_true", help="totals only, no line per scenario")
    parser.add_argument("paths", nargs="*")
    options = parser.parse_args()
    args = [a for t in options.tags for a in ("--tags", t)] + options.paths
    base = measure_run(args, label="as configured")
    if not options.quiet:
        print_scenarios(base)
    print_summary(base)
    if base.returncode != 0:
        print("\n".join(base.tail))
    if not options.features_off:
        return
    print("\nWhat each optional recording costs (the same selection with it switched off):")
    for feature, env in SWITCHES.items():
        off = measure_run(args, env=env, label=f"without {feature}")
        print_summary(off)
        print(f"  => {feature}: {base.cpu_total - off.cpu_total:+.1f} CPU-s, "
              f"{base.wall - off.wall:+.1f} s wall (positive: what it costs when on)")


if __name__ == "__main__":
    main()
