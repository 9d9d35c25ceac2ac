"""Branch coverage of the harness by package, from the coverage data ``make coverage`` wrote.

    .venv/bin/python benchmarks/coverage_by_package.py [DATA_FILE]

Prints one line per package of ``mailflow_specs/`` (and the reference app and the webmail): the
statements and branches covered, as coverage.py counts them, and the whole of each.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from coverage import Coverage

ROOT = Path(__file__).resolve().parents[1]


def package_of(path: Path) -> str:
    relative = path.relative_to(ROOT).parts
    if relative[0] == "mailflow_specs" and len(relative) > 2:
        return f"mailflow_specs/{relative[1]}/"
    if relative[0] == "mailflow_specs":
        return "mailflow_specs/ (top-level modules)"
    return f"{relative[0]}/"


def main() -> None:
    data_file = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".coverage")
    coverage = Coverage(data_file=data_file)
    coverage.load()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "coverage.json"
        coverage.json_report(outfile=str(report))  # the per-file numbers `coverage report` prints
        files = json.loads(report.read_text(encoding="utf-8"))["files"]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # covered, total (statements + branches)
    for name, measured in files.items():
        path = (ROOT / name).resolve()
        if ROOT not in path.parents:
            continue
        summary = measured["summary"]
        totals[package_of(path)][0] += summary["covered_lines"] + summary.get("covered_branches", 0)
        totals[package_of(path)][1] += summary["num_statements"] + summary.get("num_branches", 0)
    width = max(map(len, totals))
    for package, (covered, total) in sorted(totals.items()):
        print(f"{package:<{width}}  {100 * covered / total:5.1f}%  ({covered}/{total} statements and branches)")


if __name__ == "__main__":
    main()
