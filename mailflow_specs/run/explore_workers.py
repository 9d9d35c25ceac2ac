"""``mailflow explore --workers N``: N explorer processes, each with its own stack for the
reference app (an external target is shared), worker k taking sequences k, k+N, ... of the
seed, so a run explores the same sequences whatever N is. Each worker writes its tally to
``<run folder>/workers/k.json`` and its output to ``workers/k.log``; the caller merges them.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from mailflow_specs.errors import MailflowError
from mailflow_specs.run.workers import run_at_once

WORKERS = "workers"


def parse_worker(text: str) -> tuple[int, int]:
    """``--worker K/N`` as (K, N), 1 <= K <= N."""
    match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise MailflowError(f"Expected --worker K/N with 1 <= K <= N, such as 2/4; got {text!r}.")
    return int(match[1]), int(match[2])


def share(index: int, count: int, sequences: int = 0) -> Iterator[int]:
    """The sequence numbers worker ``index`` of ``count`` explores: index, index+count, ...,
    up to ``sequences`` (0: no bound, a budget ends it)."""
    numbers = itertools.count(index, count)
    return itertools.takewhile(lambda n: n <= sequences, numbers) if sequences else numbers


def worker_command(args: argparse.Namespace, index: int, count: int, run_dir: Path) -> list[str]:
    """The command line of worker ``index`` of ``count``: the same exploration, its share of it."""
    command = [sys.executable, "-m", "mailflow_specs", "explore", "--target", str(args.target),
               "--seed", str(args.seed), "--steps", str(args.steps), "--shrink-seconds", str(args.shrink_seconds),
               "--worker", f"{index}/{count}", "--into", str(run_dir)]
    if args.sequences:
        command += ["--sequences", str(args.sequences)]
    if args.budget:
        command += ["--budget", f"{args.budget:g}s"]
    if getattr(args, "trace", False):
        command.append("--trace")
    return command


def run_workers(args: argparse.Namespace, count: int, run_dir: Path, out: TextIO = sys.stdout) -> list[Path]:
    """Start ``count`` workers at once, relay their lines (each prefixed with its worker), wait
    for all; answer the tally files they wrote, in worker order."""
    folder = run_dir / WORKERS
    lock = threading.Lock()
    commands = [worker_command(args, index, count, run_dir) for index in range(1, count + 1)]
    run_at_once(commands, folder, lambda lines, log, index: _relay(lines, log, index, out, lock))
    tallies = [folder / f"{index}.json" for index in range(1, count + 1)]
    missing = [str(path) for path in tallies if not path.is_file()]
    if missing:
        raise MailflowError(f"Expected every explore worker to leave its tally; none at {', '.join(missing)} "
                            f"(see {folder}/*.log).")
    return tallies


def _relay(lines: TextIO, log: Path, index: int, out: TextIO, lock: threading.Lock) -> None:
    with log.open("w", encoding="utf-8") as kept:
        for line in lines:
            kept.write(line)
            with lock:
                out.write(f"[worker {index}] {line}")
                out.flush()
