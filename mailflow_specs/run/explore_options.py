"""The ``mailflow explore`` command line: its options, read without loading the explorer.

The explorer (``mailflow_specs.run.explore``) imports Hypothesis, psutil and Playwright; every
other command of ``mailflow`` starts without them.
"""

from __future__ import annotations

import argparse
import os
import re

from mailflow_specs.paths import REPORTS


def parse_budget(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"Expected a budget such as 90s, 5m or 1h; got {text!r}.")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def add_parser(commands) -> None:
    explore_cmd = commands.add_parser("explore", help="random sequences of the guide's actions, "
                                                      "checked against the lifecycle model")
    explore_cmd.add_argument("--target", default="reference", help="a profile name or path")
    explore_cmd.add_argument("--seed", type=int, default=1, help="makes the run reproducible (default 1)")
    explore_cmd.add_argument("--sequences", type=int, default=0, metavar="N", help="stop after N sequences")
    explore_cmd.add_argument("--budget", type=parse_budget, default=None, help="stop after this long, e.g. 5m")
    explore_cmd.add_argument("--steps", type=int, default=12, help="actions per sequence at most (default 12)")
    explore_cmd.add_argument("--shrink-seconds", type=int, default=120,
                             help="the longest time spent shrinking a discrepancy (default 120)")
    explore_cmd.add_argument("--reports", default=os.environ.get("MAILFLOW_REPORTS", str(REPORTS)),
                             help="where the run folder (explore.json, traceability.json, index.html) and the "
                                  "'latest' link go (default: reports/)")
    explore_cmd.add_argument("--trace", action="store_true",
                             help="record a Playwright trace of each shopper's browser; a discrepancy keeps "
                                  "the shrunk sequence's (costs CPU on every action)")
    explore_cmd.add_argument("--workers", type=int, default=1, metavar="N",
                             help="explore in N processes, each with its own stack; worker k takes sequences "
                                  "k, k+N, ... of the seed (default 1)")
    # Inside --workers N: one worker's share, its tally written into the run folder DIR.
    explore_cmd.add_argument("--worker", help=argparse.SUPPRESS)
    explore_cmd.add_argument("--into", help=argparse.SUPPRESS)
    explore_cmd.set_defaults(command=_run)


def add_run_option(run: argparse.ArgumentParser) -> None:
    """``mailflow run --explore 2m``: explore the same target after the features, into the same report."""
    run.add_argument("--explore", type=parse_budget, default=None, metavar="BUDGET",
                     help="after the features, explore the same target for this long (e.g. 2m); the report "
                          "gains an Explored section, and a discrepancy fails the run")


def for_run(args: argparse.Namespace, profile_path: str) -> argparse.Namespace:
    """The exploration ``mailflow run --explore BUDGET`` does: explore's defaults, the run's target
    and workers, the budget."""
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    explored = parser.parse_args(["explore", "--target", profile_path])
    return replace_namespace(explored, budget=args.explore, workers=args.workers or 1)


def _bounded(args: argparse.Namespace) -> argparse.Namespace:
    if not args.sequences and not args.budget:
        return replace_namespace(args, sequences=10)
    return args


def replace_namespace(args: argparse.Namespace, **changes) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), **changes})


def _run(args: argparse.Namespace) -> int:
    from mailflow_specs.run.explore import explore

    return explore(_bounded(args))
