"""How fast `mailflow explore` goes: actions a minute and CPU-seconds an action, on this machine.

    .venv/bin/python benchmarks/explore_speed.py                 # 5 sequences of seed 1
    .venv/bin/python benchmarks/explore_speed.py --sequences 10 --seed 3
    .venv/bin/python benchmarks/explore_speed.py --budget 2m --workers 2   # 2 processes, 2 minutes each

Runs ``python -m mailflow_specs explore`` against the reference app and prints its own measurement (the
summary line: actions in seconds, actions a minute, CPU-seconds an action, counted over the
explorer, its browser, the target and the mail catcher) with the machine's load average before and
after, since a shared machine's load changes the first number more than the second. Prints numbers
and asserts nothing; the issue's floor is 20 actions a minute per worker on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequences", default="5")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--budget", help="explore for this long instead of --sequences, e.g. 2m")
    parser.add_argument("--workers", default="1", help="explorer processes (default 1)")
    args = parser.parse_args(argv)
    bound = ["--budget", args.budget] if args.budget else ["--sequences", args.sequences]
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="explore-speed-") as reports:
        done = subprocess.run([sys.executable, "-m", "mailflow_specs", "explore", "--seed", args.seed, *bound,
                               "--workers", args.workers, "--reports", reports], cwd=ROOT, capture_output=True,
                              text=True)
    after = os.getloadavg()[0]
    summary = re.findall(r"^(?:Explored |Transitions visited|Discrepancies).*$", done.stdout, re.MULTILINE)
    print("\n".join(summary) if summary else done.stdout[-2000:] + done.stderr[-2000:])
    print(f"load average (1 min) before {before:.1f}, after {after:.1f}; exit status {done.returncode}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
