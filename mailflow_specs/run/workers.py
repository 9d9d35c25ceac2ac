"""Shards and workers: a deterministic share of the scenarios per process, merged afterwards.

``share(paths, tags, I, N)`` lists the selected scenarios (feature file and line, in the
order one run takes) and keeps every N-th, starting at the I-th: the same selection
always gives the same shares, and the features mix so no share is one slow feature.
``run_workers`` starts N ``mailflow run --shard I/N`` processes at once (each its own
behave, browser and stack), relays their progress lines with one running count, and
merges their results into the run folder with ``mailflow_specs.report.merge``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from behave.parser import parse_file
from behave.runner_util import collect_feature_locations
from behave.tag_expression import make_tag_expression

from mailflow_specs.errors import MailflowError

DEFAULT_TAGS = "not @wip"
PROGRESS = re.compile(r"^\[\s*\d+/\d+\] (.*)$")


@dataclass(frozen=True, slots=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
        if not match or not 1 <= int(match[1]) <= int(match[2]):
            raise MailflowError(f"Expected --shard I/N with 1 <= I <= N, such as 2/4; got {text!r}.")
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def default_workers() -> int:
    """One worker per two cores: a worker keeps a browser, the app and the harness busy at once."""
    return max(1, (os.cpu_count() or 1) // 2)


def selected_scenarios(paths: list[str], tags: list[str], names: Sequence[str] = ()) -> list:
    """Every scenario (outline rows one each) the paths, tags and name patterns select, in run order."""
    expression = make_tag_expression([*tags, DEFAULT_TAGS])
    named = re.compile("|".join(names)) if names else None  # behave's --name: any pattern, searched
    found = []
    for location in collect_feature_locations(paths):
        feature = parse_file(location.filename)
        for scenario in feature.walk_scenarios() if feature else []:
            if location.line and scenario.location.line != location.line:
                continue
            if scenario.should_run_with_tags(expression) and (named is None or named.search(scenario.name)):
                found.append(scenario)
    return found


def selected_locations(paths: list[str], tags: list[str], names: Sequence[str] = ()) -> list[str]:
    """``file:line`` of every selected scenario, in run order."""
    return [f"{s.location.filename}:{s.location.line}" for s in selected_scenarios(paths, tags, names)]


def share(paths: list[str], tags: list[str], shard: Shard, names: Sequence[str] = ()) -> list[str]:
    """This shard's scenarios: every N-th selected scenario, from the I-th on."""
    return selected_locations(paths, tags, names)[shard.index - 1::shard.count]


def selection_text(paths: list[str], tags: list[str]) -> str:
    """The selection as the run summary states it."""
    text = ", ".join(os.path.relpath(p) for p in paths) or "features/"
    return text + (f"; tags: {' and '.join(tags)}" if tags else "")


def shard_arguments(args, behave_args: list[str], paths: list[str], run_dir: Path) -> tuple[list[str], list[str]]:
    """behave's arguments and paths for ``--shard I/N``: its scenarios by line, its results kept."""
    from mailflow_specs.report.merge import traceability_table

    shard = Shard.parse(args.shard)
    locations = share(paths, args.tags, shard, getattr(args, "name", []))
    selection = {"paths": paths, "tags": args.tags, "text": selection_text(paths, args.tags), "shard": str(shard)}
    results = run_dir / "results"
    if not locations:  # more shards than scenarios: an empty share, still mergeable
        results.mkdir(parents=True, exist_ok=True)
        now = datetime.now().isoformat()
        (results / "run.json").write_text(json.dumps({"run_info": {}, "started": now, "finished": now,
                                                      "paths": [], "selection": selection}) + "\n")
        (run_dir / "traceability.json").write_text(json.dumps(traceability_table([], paths), indent=2) + "\n")
    sys.stdout.write(f"Shard {shard}: {len(locations)} scenarios.\n")
    return [*behave_args, "-D", f"results={results}", "-D", f"shard_selection={json.dumps(selection)}"], locations


def finish_shard(run_dir: Path) -> None:
    """A shard's traceability.json: its own scenarios, the rest of the selection "not selected"."""
    from mailflow_specs.report.merge import traceability_table
    from mailflow_specs.report.results import read_results

    results, runs = read_results([run_dir])
    table = traceability_table(sorted(results, key=lambda r: r.order), runs[0]["selection"]["paths"])
    (run_dir / "traceability.json").write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n",
                                               encoding="utf-8")


def run_and_merge(args, profile, paths: list[str], run_dir: Path, workers: int) -> int:
    """``--workers N``: the shards at once, then one report in ``run_dir``; answers 0 (the table decides)."""
    from mailflow_specs.report.merge import merge

    total = len(selected_locations(paths, args.tags, getattr(args, "name", [])))
    workers = max(1, min(workers, total))
    forwarded = ["--target", str(profile.path), "--slowmo", str(args.slowmo), *(["--headed"] if args.headed else []),
                 *forwarded_options(args)]
    for expression in args.tags:
        forwarded += ["--tags", expression]
    sys.stdout.write(f"{total} scenarios in {workers} workers; each worker's output is in {run_dir / 'shards'}\n")
    messages = bool(getattr(args, "messages", None))
    folders = run_workers(workers, run_dir, forwarded + paths, total, messages=messages)
    broken = [str(f) for f in folders if not (f / "results" / "run.json").is_file()]
    if broken:
        raise MailflowError(f"Expected every worker to leave its results; none in {', '.join(broken)} "
                            f"(see {run_dir / 'shards'}/*.log).")
    merge(folders, run_dir)
    if messages:  # each worker wrote its own stream; one run's is their union
        from mailflow_specs.report.messages import merge_streams

        merge_streams(sorted((run_dir / "shards").glob("*.ndjson")), Path(args.messages).resolve())
    for folder in folders:  # the merged page is the report; each worker keeps its results and evidence
        (folder / "index.html").unlink(missing_ok=True)
    return 0


def forwarded_options(args) -> list[str]:
    """The everyday options each worker gets too: ``--name``, ``--format``, ``--allure``, ``--stop``."""
    forwarded = [arg for pattern in getattr(args, "name", []) for arg in ("--name", pattern)]
    forwarded += [arg for name in getattr(args, "format", []) for arg in ("--format", name)]  # into shards/I.log
    if getattr(args, "allure", None):  # Allure's results are a file per test: the workers share the folder
        forwarded += ["--allure", str(Path(args.allure).resolve())]
    return forwarded + (["--stop"] if getattr(args, "stop", False) else [])


def run_workers(workers: int, run_dir: Path, forwarded: list[str], total: int, *, messages: bool = False) -> list[Path]:
    """Run ``workers`` shards at once under ``run_dir/shards``; answer their run folders.
    With ``messages`` each writes its Cucumber Messages to ``shards/I.ndjson``."""
    shards_dir = run_dir / "shards"
    commands = [[sys.executable, "-m", "mailflow_specs", "run", "--shard", f"{index}/{workers}",
                 "--reports", str(shards_dir / str(index)), *forwarded,
                 *(["--messages", str(shards_dir / f"{index}.ndjson")] if messages else [])]
                for index in range(1, workers + 1)]
    relay = ProgressRelay(total, sys.stdout)
    run_at_once(commands, shards_dir, lambda lines, log, _index: relay.follow(lines, log))
    return [(shards_dir / str(index) / "latest").resolve() for index in range(1, workers + 1)]


def run_at_once(commands: Sequence[list[str]], logs: Path,
                follow: Callable[[TextIO, Path, int], None]) -> None:
    """Start every command at once; hand the k-th one's output lines, its log ``logs/k.log``
    and k (1-based) to ``follow`` on a thread of its own; wait for every process and thread."""
    logs.mkdir(parents=True, exist_ok=True)
    processes, threads = [], []
    for index, command in enumerate(commands, start=1):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        thread = threading.Thread(target=follow, args=(process.stdout, logs / f"{index}.log", index), daemon=True)
        thread.start()
        processes.append(process)
        threads.append(thread)
    for process, thread in zip(processes, threads, strict=True):
        process.wait()
        thread.join()
        process.stdout.close()


class ProgressRelay:
    """Prints the workers' progress lines (and a failure's reason under it) with one running count."""

    def __init__(self, total: int, out: TextIO) -> None:
        self.total, self.out, self.done = total, out, 0
        self.lock = threading.Lock()

    def follow(self, lines: TextIO, log: Path) -> None:
        relaying = False
        with log.open("w", encoding="utf-8") as kept:
            for line in lines:
                kept.write(line)
                match = PROGRESS.match(line)
                if match:
                    relaying = True
                    self.print_result(match[1])
                elif relaying and line.startswith(" "):
                    self.print_raw(line)
                else:
                    relaying = False

    def print_result(self, rest: str) -> None:
        with self.lock:
            self.done += 1
            width = len(str(self.total))
            self.out.write(f"[{self.done:>{width}}/{self.total}] {rest}\n")
            self.out.flush()

    def print_raw(self, line: str) -> None:
        with self.lock:
            self.out.write(line)
            self.out.flush()
