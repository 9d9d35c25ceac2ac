"""``mailflow explore --reports DIR`` on the reference app writes a run folder (explore.json,
traceability.json, index.html) and moves ``latest`` to it; with ``--workers 2`` the two workers'
tallies become one record; ``mailflow run --explore`` adds the Explored section to the run's report.
"""

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailflow_specs.lifecycle.model import transitions
from mailflow_specs.report.traceability import catalogue

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


def mailflow(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mailflow_specs", *arguments], cwd=ROOT, capture_output=True,
                          text=True, timeout=240)


def test_explore_writes_its_record_traceability_and_page_into_a_run_folder(tmp_path: Path, opened) -> None:
    done = mailflow("explore", "--sequences", "2", "--workers", "2", "--steps", "6", "--reports", str(tmp_path))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    run = (tmp_path / "latest").resolve()
    assert run.name.endswith("-reference-explore")
    found = json.loads((run / "explore.json").read_text(encoding="utf-8"))
    assert (found["seed"], found["bounds"]["sequences"], found["bounds"]["workers"]) == (1, 2, 2)
    assert [(s["number"], s["worker"], s["outcome"]) for s in found["sequences"]] == [
        (1, 1, "as predicted"), (2, 2, "as predicted")]
    assert all(1 <= len(s["steps"]) <= 6 for s in found["sequences"])
    assert found["actions"] == sum(found["actions_per_name"].values()) >= 2
    assert found["transitions"]["of"] == len(transitions()) == \
        found["transitions"]["visited"] + len(found["transitions"]["not_visited"])
    assert sum(c["actions"] for c in found["instructions"].values()) >= found["actions"]
    assert found["discrepancies"] == []
    table = json.loads((run / "traceability.json").read_text(encoding="utf-8"))
    assert list(table) == [instruction.id for instruction in catalogue()]
    explored = [i for i, entry in table.items() if entry["explored"]["actions"]]
    assert explored and all(table[i]["reason"].startswith("explored: ") for i in explored)
    assert f"Transitions visited: {found['transitions']['visited']}/{found['transitions']['of']}" in done.stdout
    assert "[worker 1] " in done.stdout and "[worker 2] " in done.stdout
    page = (run / "index.html").read_text(encoding="utf-8")
    assert 'id="explored"' in page and "Content-Security-Policy" in page
    assert html.escape(found["sequences"][0]["steps"][0]) in page
    title, refused = opened(run / "index.html")
    assert title.startswith("reference: ") and not refused, refused


def test_a_run_with_explore_adds_the_explored_section_and_counts_to_its_report(tmp_path: Path, opened) -> None:
    done = mailflow("run", "--tags", "@REG-10", "--workers", "1", "--explore", "15s", "--reports", str(tmp_path))
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    run = (tmp_path / "latest").resolve()
    table = json.loads((run / "traceability.json").read_text(encoding="utf-8"))
    assert table["REG-10"]["status"] == "passed" and table["REG-10"]["explored"]["actions"] >= 1
    assert all(set(entry["explored"]) == {"actions", "discrepancies"} for entry in table.values())
    page = (run / "index.html").read_text(encoding="utf-8")
    assert page.index('id="explored"') < page.index('class="mf-tag-filter"')
    assert (run / "explore.json").is_file() and "Exploring reference for 15s after the features" in done.stdout
    _, refused = opened(run / "index.html")
    assert not refused, refused
