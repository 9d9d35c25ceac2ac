"""Shards, the workers' progress relay, the JUnit merge and the report comparison, without a browser."""

import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mailflow_specs.errors import MailflowError
from mailflow_specs.paths import FEATURES
from mailflow_specs.report.content import content_lines
from mailflow_specs.report.merge import merge, merge_junit
from mailflow_specs.report.results import ScenarioResult
from mailflow_specs.report.traceability import NOT_SELECTED
from mailflow_specs.run.workers import ProgressRelay, Shard, run_at_once, selected_locations, share


def test_a_shard_is_read_as_i_of_n_and_a_bad_one_is_refused() -> None:
    assert Shard.parse("2/4") == Shard(2, 4)
    for bad in ("0/2", "3/2", "2", "a/b"):
        with pytest.raises(MailflowError, match=r"Expected --shard I/N"):
            Shard.parse(bad)


def test_the_shares_of_n_shards_are_disjoint_and_cover_every_selected_scenario_once() -> None:
    everything = selected_locations([str(FEATURES)], [])
    shares = [share([str(FEATURES)], [], Shard(i, 3)) for i in (1, 2, 3)]
    assert sorted(location for part in shares for location in part) == sorted(everything)
    assert sum(len(s) for s in shares) == len(everything) > 50
    assert shares == [share([str(FEATURES)], [], Shard(i, 3)) for i in (1, 2, 3)], "not deterministic"
    assert max(map(len, shares)) - min(map(len, shares)) <= 1


def test_a_tag_expression_selects_the_same_scenarios_for_the_shares() -> None:
    tagged = selected_locations([str(FEATURES)], ["@REG-10 or @REG-12"])
    assert len(tagged) == 2 and all(":" in location for location in tagged)
    assert share([str(FEATURES)], ["@REG-10 or @REG-12"], Shard(2, 2)) == tagged[1:]


def test_the_relay_numbers_the_workers_progress_lines_as_one_run_and_keeps_their_output(tmp_path: Path) -> None:
    out = io.StringIO()
    relay = ProgressRelay(3, out)
    relay.follow(io.StringIO("Running ...\n[1/2] passed    F › A (1.0s)\n[2/2] failed    F › B (2.0s)\n"
                             "          Then it fails: Expected x; got y\nConformance\n  REG-01 passed\n"),
                 tmp_path / "1.log")
    relay.follow(io.StringIO("[1/1] passed    G › C (1.0s)\n"), tmp_path / "2.log")
    assert out.getvalue().splitlines() == [
        "[1/3] passed    F › A (1.0s)", "[2/3] failed    F › B (2.0s)",
        "          Then it fails: Expected x; got y", "[3/3] passed    G › C (1.0s)"]
    assert "Conformance" in (tmp_path / "1.log").read_text(encoding="utf-8")


def result(name: str, line: int) -> ScenarioResult:
    return ScenarioResult({"feature": {"filename": "features/registration.feature", "name": "Registration"},
                           "name": name, "line": line}, Path("."))


def record(name: str, line: int, status: str, **outcome) -> ScenarioResult:
    return ScenarioResult({"feature": {"filename": "features/registration.feature", "name": "Registration"},
                           "name": name, "line": line, "instructions": ["REG-10"], "duration": 0.5,
                           "outcome": {"name": name, "status": status, "feature": "Registration",
                                       "location": f"features/registration.feature:{line}", **outcome}},
                          Path("."))


def test_the_merged_junit_has_the_shards_verdicts_in_the_runs_order_with_their_counts(tmp_path: Path) -> None:
    results = [record("A", 10, "passed"), record("B", 20, "failed", reason="Then it fails: x"),
               record("C", 30, "skipped", reason="not checked: depends on REG-11"),
               record("D", 40, "skipped")]
    merge_junit(results, tmp_path / "out", [{"run_info": {"target": "reference"}}])
    suite = ET.parse(tmp_path / "out" / "TESTS-features.registration.xml").getroot()
    assert [case.get("name") for case in suite.iter("testcase")] == ["A", "B", "C"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    assert ET.parse(tmp_path / "out" / "all.xml").getroot().get("name") == "Mailflow Specs: reference"


def test_the_report_comparison_ignores_times_addresses_and_pictures_but_not_a_status() -> None:
    one = '<div class="step passed">Ola ola-1a2b@example.com (1.20s) <img src="data:image/jpeg;base64,AAAA"></div>'
    two = '<div class="step passed">Ola ola-9f8e@example.com (3.07s) <img src="data:image/jpeg;base64,BBBB"></div>'
    assert content_lines(one) == content_lines(two)
    assert content_lines(one) != content_lines(one.replace("passed", "failed"))


def test_the_report_comparison_ignores_link_tokens_and_chat_numbers_but_not_the_path() -> None:
    one = "<p>/confirm/q_KQeNE9y6zCgPAQK1yqbg-LE8FwJuM4ZN0ZwllUJTY (at /support/console/chats/1)</p>"
    two = "<p>/confirm/3QTmO2rHqg54e_pT7dEIkDnWS84nYpAIAwVAgnG2Mbg (at /support/console/chats/4)</p>"
    assert content_lines(one) == content_lines(two)
    assert content_lines(one) != content_lines(one.replace("/confirm/", "/activate/"))


def shard_folder(folder: Path, scenarios: list[tuple[int, str, str]]) -> Path:
    """A shard's results/ as `mailflow run --shard` writes them, for scenarios of registration.feature."""
    results = folder / "results"
    results.mkdir(parents=True)
    (results / "run.json").write_text(json.dumps({
        "run_info": {"target": "reference", "selection": "features/registration.feature:1"},
        "started": "2026-01-01T10:00:00", "finished": "2026-01-01T10:01:00",
        "selection": {"paths": [str(FEATURES / "registration.feature")], "tags": [], "text": "registration"}}))
    for number, (line, name, status) in enumerate(scenarios, start=1):
        outcome = {"name": name, "status": status, "feature": "Registration",
                   "location": f"features/registration.feature:{line}"}
        step = {"keyword": "Given", "name": "Ola opens the shop", "text": None, "table": None, "status": status,
                "duration": 0.5, "location": "steps/x.py:1", "margin_top": False,
                "embeds": [{"mime_type": "link", "data": [["artifacts/failures/x/page.html", "The page's HTML"]],
                            "caption": "Failure evidence", "fail_only": False, "compress": "auto",
                            "download_button": None, "filename": None}]}
        record = {"feature": {"name": "Registration", "filename": "features/registration.feature",
                              "description": "", "tags": []},
                  "name": name, "line": line, "tags": ["REG-10"], "effective_tags": ["REG-10"],
                  "instructions": ["REG-10"], "outcome": outcome, "status": status, "duration": 0.5,
                  "description": [], "steps": [step]}
        (results / f"{number:03}-registration-{line}.json").write_text(json.dumps(record))
    return folder


def test_merged_shards_draw_one_report_in_the_runs_order_with_links_into_the_shard_folders(tmp_path: Path) -> None:
    first = shard_folder(tmp_path / "shard-1", [(49, "The second one", "failed")])
    second = shard_folder(tmp_path / "shard-2", [(42, "The first one", "passed")])
    table = merge([first, second], tmp_path / "merged")
    assert table["REG-10"]["status"] == "failed"
    names = [s["name"] for s in table["REG-10"]["scenarios"]]
    assert names[:2] == ["The first one", "The second one"], names
    assert all(s["reason"] == NOT_SELECTED for s in table["REG-10"]["scenarios"][2:])
    assert json.loads((tmp_path / "merged" / "traceability.json").read_text()) == table
    page = (tmp_path / "merged" / "index.html").read_text(encoding="utf-8")
    assert page.index("Scenario: The first one") < page.index("Scenario: The second one")
    assert 'href="../shard-1/artifacts/failures/x/page.html"' in page
    assert 'href="#f1-s2"' in page  # the traceability view links the scenario's place in the page


def test_the_merged_table_keeps_each_instructions_own_attribution_from_the_shard(tmp_path: Path) -> None:
    # A scenario of REG-09 and REG-10 failed setting up REG-09: REG-10 was not checked, as in one run.
    folder = shard_folder(tmp_path / "shard-1", [(49, "Both at once", "failed")])
    path = next((folder / "results").glob("001-*.json"))
    record = json.loads(path.read_text())
    outcome = {**record["outcome"], "failed_instructions": ["REG-09"], "reason": "no membership tick"}
    record |= {"instructions": ["REG-09", "REG-10"], "outcome": outcome,
               "attributed": {"REG-09": outcome, "REG-10": {**outcome, "status": "skipped",
                                                            "reason": "not checked: depends on REG-09"}}}
    path.write_text(json.dumps(record))
    table = merge([folder], tmp_path / "merged")
    first = {i: table[i]["scenarios"][0]["status"] for i in ("REG-09", "REG-10")}
    assert first == {"REG-09": "failed", "REG-10": "skipped"}


def test_merge_refuses_a_folder_without_a_shards_results(tmp_path: Path) -> None:
    with pytest.raises(MailflowError, match="Expected a shard's results in"):
        merge([tmp_path], tmp_path / "merged")


def test_merged_shards_write_one_accessibility_json_and_draw_its_section(tmp_path: Path) -> None:
    first = shard_folder(tmp_path / "shard-1", [(49, "The second one", "passed")])
    second = shard_folder(tmp_path / "shard-2", [(42, "The first one", "passed")])
    page = {"key": "page shop/register en 1a2b", "page": "Registration", "url": "http://127.0.0.1:5000/register",
            "seen_by": "shopper", "language": "en", "error": None, "violations": []}
    for folder, seen, looks in ((first, "Registration › The second one", 3), (second, "Registration › The first one", 4)):
        (folder / "accessibility.json").write_text(json.dumps({
            "mode": "report", "cost": {"seconds": 1.5, "page_looks": looks},
            "pages": [dict(page, first_seen_in=seen, seen_in=[seen])]}))
    merge([first, second], tmp_path / "merged")
    scanned = json.loads((tmp_path / "merged" / "accessibility.json").read_text())
    assert scanned["pages_scanned"] == 1 and scanned["cost"] == {"seconds": 3.0, "page_looks": 7}
    assert scanned["pages"][0]["seen_in"] == ["Registration › The first one", "Registration › The second one"]
    report = (tmp_path / "merged" / "index.html").read_text(encoding="utf-8")
    assert "1 page states scanned with axe-core" in report and "(7 looks at an open page)" in report


def test_merged_shards_that_scanned_nothing_say_so_and_write_no_accessibility_json(tmp_path: Path) -> None:
    merge([shard_folder(tmp_path / "shard-1", [(42, "The first one", "passed")])], tmp_path / "merged")
    assert not (tmp_path / "merged" / "accessibility.json").exists()
    assert "Not scanned on this run" in (tmp_path / "merged" / "index.html").read_text(encoding="utf-8")


def test_commands_run_at_once_each_hand_their_own_lines_and_log_to_the_follower(tmp_path: Path) -> None:
    seen: dict[int, tuple[list[str], Path]] = {}

    def follow(lines, log: Path, index: int) -> None:
        seen[index] = ([line.rstrip("\n") for line in lines], log)

    commands = [[sys.executable, "-c", f"print('worker {k} line 1'); print('worker {k} line 2')"] for k in (1, 2)]
    run_at_once(commands, tmp_path / "logs", follow)

    assert seen == {k: ([f"worker {k} line 1", f"worker {k} line 2"], tmp_path / "logs" / f"{k}.log")
                    for k in (1, 2)}
    assert (tmp_path / "logs").is_dir()
