"""Shards run separately and merged say what one run says: traceability, JUnit and the report's content."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mailflow.report.content import differences

ROOT = Path(__file__).resolve().parents[2]
TAGS = "@REG-10 or @REG-12"  # two scenarios: one for each shard

pytestmark = pytest.mark.integration


def mailflow(*arguments: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "mailflow", *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def shards_and_serial(tmp_path_factory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("shards")
    for shard in ("1/2", "2/2"):
        mailflow("run", "--shard", shard, "--tags", TAGS, "--reports", str(tmp_path / shard.replace("/", "-of-")))
    mailflow("merge", str(tmp_path / "1-of-2" / "latest"), str(tmp_path / "2-of-2" / "latest"),
             "--reports", str(tmp_path / "merged"))
    mailflow("run", "--workers", "1", "--tags", TAGS, "--reports", str(tmp_path / "serial"))
    return tmp_path / "merged" / "latest", tmp_path / "serial" / "latest"


def test_two_shards_merged_say_what_one_run_says(shards_and_serial) -> None:
    merged, serial = shards_and_serial
    table = json.loads((merged / "traceability.json").read_text(encoding="utf-8"))
    assert table == json.loads((serial / "traceability.json").read_text(encoding="utf-8"))
    assert table["REG-10"]["status"] == table["REG-12"]["status"] == "passed"
    junit = "TESTS-features.registration.xml"
    cases = [[case.get("name") for case in ET.parse(run / "junit" / junit).getroot().iter("testcase")]
             for run in (merged, serial)]
    assert cases[0] == cases[1] and len(cases[0]) == 2, cases


@pytest.mark.xfail(strict=True, reason="the merged page does not draw the accessibility section nor the "
                   "guide/hardening marks yet (MergedReport predates them)")
def test_the_merged_report_shows_what_the_serial_report_shows(shards_and_serial) -> None:
    merged, serial = shards_and_serial
    assert differences(serial / "index.html", merged / "index.html") == []
