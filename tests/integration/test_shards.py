"""Shards and workers merged say what one run says: report, traceability, accessibility and JUnit.

``mailflow run --workers 2`` runs two ``mailflow run --shard I/2`` processes and merges
them; ``mailflow merge`` is then given the same two shard folders, as a CI matrix would.
Both must say what one serial run of the same scenarios says.
"""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mailflow_specs.report.content import run_differences

ROOT = Path(__file__).resolve().parents[2]
TAGS = "@REG-10 or @REG-12"  # two scenarios: one for each shard

pytestmark = pytest.mark.integration


def mailflow(*arguments: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "mailflow_specs", *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    """Run folders: ``workers`` (two workers, merged), ``merged`` (its two shards given to
    ``mailflow merge``) and ``serial`` (one process)."""
    tmp_path = tmp_path_factory.mktemp("shards")
    mailflow("run", "--workers", "2", "--tags", TAGS, "--reports", str(tmp_path / "workers"))
    workers = (tmp_path / "workers" / "latest").resolve()
    shards = sorted(str((folder / "latest").resolve()) for folder in (workers / "shards").iterdir() if folder.is_dir())
    assert len(shards) == 2, shards
    mailflow("merge", *shards, "--reports", str(tmp_path / "merged"))
    mailflow("run", "--workers", "1", "--tags", TAGS, "--reports", str(tmp_path / "serial"))
    return {name: (tmp_path / name / "latest").resolve() for name in ("workers", "merged", "serial")}


def test_two_shards_merged_say_what_one_run_says(runs) -> None:
    merged, serial = runs["merged"], runs["serial"]
    table = json.loads((merged / "traceability.json").read_text(encoding="utf-8"))
    assert table == json.loads((serial / "traceability.json").read_text(encoding="utf-8"))
    assert table["REG-10"]["status"] == table["REG-12"]["status"] == "passed"
    junit = "TESTS-features.registration.xml"
    cases = [[case.get("name") for case in ET.parse(run / "junit" / junit).getroot().iter("testcase")]
             for run in (merged, serial)]
    assert cases[0] == cases[1] and len(cases[0]) == 2, cases


@pytest.mark.parametrize("merged", ["merged", "workers"])
def test_the_merged_report_shows_what_the_serial_report_shows(runs, merged: str) -> None:
    assert run_differences(runs["serial"], runs[merged]) == []


def test_the_merged_report_has_each_shards_page_states_once(runs) -> None:
    scanned = json.loads((runs["merged"] / "accessibility.json").read_text(encoding="utf-8"))
    keys = [page["key"] for page in scanned["pages"]]
    assert len(keys) == len(set(keys)) == scanned["pages_scanned"] > 0, keys
    seen_twice = [page for page in scanned["pages"] if len(page["seen_in"]) == 2]
    assert seen_twice, "the success window is seen by both scenarios, one in each shard"
    page = (runs["merged"] / "index.html").read_text(encoding="utf-8")
    assert f"{len(keys)} page states scanned with axe-core" in page
