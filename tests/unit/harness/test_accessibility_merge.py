"""The shards' accessibility logs merged as one run's log, without a browser."""

import json
from pathlib import Path

import pytest
from dominate.tags import div

from mailflow_specs.errors import MailflowError
from mailflow_specs.report.accessibility import AccessibilityLog, PageScan, Violation, state_key
from mailflow_specs.report.accessibility_merge import keep_pictures, merge_logs, read_log, shard_log
from mailflow_specs.report.accessibility_view import accessibility_section

IMAGE_ALT = {"id": "image-alt", "impact": "critical", "help": "Images must have alternative text",
             "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/image-alt",
             "nodes": [{"target": ["img"], "html": "<img src=c.png>", "failureSummary": "No alt"}]}
REGION = {"id": "region", "impact": "moderate", "help": "All page content should be contained by landmarks",
          "helpUrl": "", "nodes": [{"target": ["p"], "html": "<p>Hi</p>"}]}
ONE, TWO, THREE = "Registration › One", "Registration › Two", "Registration › Three"
RUN_ORDER = [ONE, TWO, THREE]


def scan(key: str, first_seen_in: str, *raw: dict, picture: bytes = b"") -> PageScan:
    return PageScan(key=key, name=key.title(), url=f"http://127.0.0.1:5000/{key}", seen_by="shopper",
                    language="en", violations=tuple(Violation.from_axe(r) for r in raw),
                    first_seen_in=first_seen_in, screenshot=picture)


def shard(*seen: tuple[PageScan, list[str]], seconds: float = 1.0, looks: int = 2) -> AccessibilityLog:
    log = AccessibilityLog("fail-serious", seconds=seconds, looks=looks)
    for page, scenarios in seen:
        log.scans[page.key] = page
        for scenario in scenarios:
            log.saw(page, scenario)
    return log


def test_a_page_state_two_shards_scanned_is_one_page_first_seen_where_one_run_sees_it() -> None:
    first = shard((scan("success", THREE, REGION), [THREE]))
    second = shard((scan("register", ONE), [ONE]), (scan("success", ONE, REGION), [ONE]))
    merged = merge_logs([first, second], RUN_ORDER)
    assert list(merged.scans) == ["register", "success"]
    assert merged.scans["success"].first_seen_in == ONE
    assert merged.seen_in["success"] == [ONE, THREE]


def test_the_pages_are_in_the_order_one_run_would_scan_them() -> None:
    first = shard((scan("inbox", TWO), [TWO]), (scan("letter", TWO), [TWO]))
    second = shard((scan("register", ONE), [ONE, THREE]), (scan("profile", THREE), [THREE]))
    merged = merge_logs([first, second], RUN_ORDER)
    assert list(merged.scans) == ["register", "inbox", "letter", "profile"]
    assert merged.seen_in["register"] == [ONE, THREE]


def test_the_counts_by_impact_are_recounted_and_the_cost_summed() -> None:
    first = shard((scan("register", ONE, IMAGE_ALT, REGION), [ONE]), seconds=1.25, looks=3)
    second = shard((scan("register", TWO, IMAGE_ALT, REGION), [TWO]), (scan("success", TWO, REGION), [TWO]),
                   seconds=2.5, looks=4)
    data = merge_logs([first, second], RUN_ORDER).to_json()
    assert data["pages_scanned"] == 2
    assert data["violations_by_impact"] == {"critical": 1, "serious": 0, "moderate": 2, "minor": 0, "other": 0}
    assert data["cost"] == {"seconds": 3.75, "page_looks": 7}


def test_no_shard_that_scanned_gives_no_log() -> None:
    assert merge_logs([None, None], RUN_ORDER) is None
    alone = shard((scan("register", ONE), [ONE]))
    assert merge_logs([None, alone], RUN_ORDER).to_json() == alone.to_json()


def test_a_shards_accessibility_json_and_pictures_are_read_back_as_its_log(tmp_path: Path) -> None:
    log = shard((scan("register", ONE, IMAGE_ALT, picture=b"\xff\xd8jpeg"), [ONE, TWO]), (scan("letter", TWO), [TWO]))
    log.write(tmp_path / "accessibility.json")
    keep_pictures(log, tmp_path / "results")
    again = shard_log(tmp_path)
    assert again.to_json() == log.to_json()
    assert again.scans["register"] == log.scans["register"]
    assert again.scans["register"].screenshot == b"\xff\xd8jpeg" and again.scans["letter"].screenshot == b""
    assert read_log(json.loads((tmp_path / "accessibility.json").read_text())).scans["register"].screenshot == b""


def test_a_shard_that_scanned_nothing_has_no_log(tmp_path: Path) -> None:
    assert shard_log(tmp_path) is None


def test_a_shards_accessibility_json_without_page_keys_is_refused_by_name(tmp_path: Path) -> None:
    data = shard((scan("register", ONE), [ONE])).to_json()
    del data["pages"][0]["key"]
    (tmp_path / "accessibility.json").write_text(json.dumps(data))
    with pytest.raises(MailflowError, match=r"Expected every page in .* to have its key .*; got none for 'Register'"):
        shard_log(tmp_path)


def test_the_merged_section_is_drawn_as_one_runs() -> None:
    one_run = shard((scan("register", ONE, REGION), [ONE, TWO]), (scan("success", TWO), [TWO]))
    first = shard((scan("register", ONE, REGION), [ONE]))
    second = shard((scan("register", TWO, REGION), [TWO]), (scan("success", TWO), [TWO]))
    pages = []
    for log in (one_run, merge_logs([second, first], RUN_ORDER)):
        log.seconds, log.looks = 1.0, 4
        with div() as page:
            accessibility_section(log)
        pages.append(page.render())
    assert pages[0] == pages[1]
    assert "first seen in: Registration › One; seen in 2 scenarios" in pages[1]


def test_the_same_screen_on_another_shards_ports_has_the_same_key() -> None:
    screen = {"url": "http://127.0.0.1:41234/register", "lang": "en", "shape": "MAIN.|H1."}
    elsewhere = dict(screen, url="http://127.0.0.1:52345/register")
    webmail = dict(screen, url="http://127.0.0.1:52346/register")
    names = {"127.0.0.1:41234": "shop"}, {"127.0.0.1:52345": "shop", "127.0.0.1:52346": "webmail"}
    assert state_key(screen, origins=names[0]) == state_key(elsewhere, origins=names[1])
    assert state_key(webmail, origins=names[1]) != state_key(elsewhere, origins=names[1])
    assert state_key(screen) != state_key(elsewhere)  # no names: the ports tell hosts apart
