"""The ``mailflow explore`` command line: its options, read without loading the explorer.

The explorer (``mailflow_specs.run.explore``) imports Hypothesis, psutil and Playwright; every
other command of ``mailflow`` starts without them.
"""

from __future__ import annotations

import argparse
import re


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
    explore_cmd.set_defaults(command=_run)


def _bounded(args: argparse.Namespace) -> argparse.Namespace:
    if not args.sequences and not args.budget:
        return replace_namespace(args, sequences=10)
    return args


def replace_namespace(args: argparse.Namespace, **changes) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), **changes})


def _run(args: argparse.Namespace) -> int:
    from mailflow_specs.run.explore import explore

    return explore(_bounded(args))
