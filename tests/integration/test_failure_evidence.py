"""A scenario made to fail on purpose leaves its evidence, linked from the failed step.

The reference app is broken for real, not the scenario: a copy of the reference
profile gives it a confirmation link lifetime of 0 hours, so the link in the letter
has expired by the time Ola follows it, and "Following the big link confirms the
address" (REG-14) fails at its Then step.
"""

import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURE = ROOT / "features" / "registration.feature"
SCENARIO = "Following the big link confirms the address"
EVIDENCE = ("screenshot.png", "page.html", "trace.zip", "console-errors.txt")

pytestmark = pytest.mark.integration


def profile_with_links_that_expire_at_once(tmp_path: Path) -> Path:
    profile = (ROOT / "fixtures" / "targets" / "reference.toml").read_text(encoding="utf-8")
    broken, found = re.subn(r"(?m)^settings = \{", "settings = { CONFIRMATION_LINK_LIFETIME_HOURS = 0,", profile)
    assert found == 1, "fixtures/targets/reference.toml: expected one [target] settings = { ... } line"
    path = tmp_path / "reference-links-expire-at-once.toml"
    path.write_text(broken, encoding="utf-8")
    return path


def scenario_line(name: str) -> int:
    for number, line in enumerate(FEATURE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == f"Scenario: {name}":
            return number
    raise AssertionError(f"{FEATURE.name}: expected a scenario called {name!r}")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(unquote(href))


@pytest.fixture(scope="module")
def failed_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    tmp_path = tmp_path_factory.mktemp("failing-run")
    done = subprocess.run(
        [sys.executable, "-m", "mailflow_specs", "run", "--target", str(profile_with_links_that_expire_at_once(tmp_path)),
         "--reports", str(tmp_path / "reports"), f"{FEATURE}:{scenario_line(SCENARIO)}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    return done, (tmp_path / "reports" / "latest").resolve()


def test_a_scenario_broken_on_purpose_fails_the_run(failed_run) -> None:
    done, report = failed_run
    table = json.loads((report / "traceability.json").read_text(encoding="utf-8"))
    assert done.returncode == 1, f"expected exit status 1, got {done.returncode}\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    assert table["REG-14"]["status"] == "failed", table["REG-14"]


def test_every_piece_of_failure_evidence_is_kept_and_not_empty(failed_run) -> None:
    _, report = failed_run
    folders = list((report / "artifacts" / "failures").iterdir())
    assert len(folders) == 1, f"expected one failure folder, got {folders}"
    folder = folders[0]
    for name in EVIDENCE:
        assert (folder / name).is_file() and (folder / name).stat().st_size > 0, f"{name} is missing or empty"
    letters = sorted((folder / "letters").iterdir())
    assert [p.suffix for p in letters] == [".eml", ".html"], letters
    assert all(p.stat().st_size > 0 for p in letters)
    assert "Subject: Confirm your email address" in letters[0].read_text(encoding="utf-8")


def test_the_trace_is_one_playwright_show_trace_opens(failed_run) -> None:
    _, report = failed_run
    trace = next((report / "artifacts" / "failures").iterdir()) / "trace.zip"
    with zipfile.ZipFile(trace) as archive:
        names = archive.namelist()
    assert "trace.trace" in names and "trace.network" in names, names


def test_the_failed_step_links_every_piece_of_evidence(failed_run) -> None:
    _, report = failed_run
    links = Links()
    links.feed((report / "index.html").read_text(encoding="utf-8"))
    evidence = [href for href in links.hrefs if href.startswith("artifacts/failures/")]
    linked = {Path(href).name for href in evidence}
    assert set(EVIDENCE) <= linked, f"expected links to {EVIDENCE}, found {sorted(linked)}"
    assert any(name.endswith(".eml") for name in linked), sorted(linked)
    for href in evidence:
        assert (report / href).is_file(), f"the report links {href}, which does not exist"
