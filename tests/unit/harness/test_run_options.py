"""The everyday options of ``mailflow run``: what they turn into for behave, and what they refuse."""

import argparse
import json
from pathlib import Path

import pytest

from mailflow_specs.errors import MailflowError
from mailflow_specs.paths import FEATURES
from mailflow_specs.run import options
from mailflow_specs.run.cli import _parser
from mailflow_specs.run.dry_run import NO_ID, Planned, by_instruction, plan
from mailflow_specs.run.workers import Shard, forwarded_options, selected_locations, share
from mailflow_specs.targets.profile import TargetProfile

# The run's own formatters as cli.py passes them: the console's progress has no -o.
RUN_FORMATS = ["-f", "trace:F", "-o", "t.json", "-f", "report:F", "-o", "index.html", "-f", "progress:F"]


def run_args(*argv: str) -> argparse.Namespace:
    return _parser().parse_args(["run", *argv])


def test_name_stop_and_formats_become_behave_options_each_format_with_its_own_output(tmp_path: Path) -> None:
    args = run_args("--name", "letter", "--name", "^Following", "--stop", "--format", "pretty",
                    "--allure", str(tmp_path / "allure"), "--messages", str(tmp_path / "run.ndjson"))
    extra = options.behave_options(args, RUN_FORMATS)
    assert extra == ["--name", "letter", "--name", "^Following", "--stop",
                     "-o", "-",  # the progress formatter keeps the console
                     "-f", "pretty", "-o", "-",
                     "-f", options.ALLURE_FORMATTER, "-o", str(tmp_path / "allure"),
                     "-f", options.MESSAGES_FORMATTER, "-o", str(tmp_path / "run.ndjson")]
    everything = RUN_FORMATS + extra
    assert everything.count("-f") == everything.count("-o") == 6


def test_without_everyday_options_behave_gets_nothing_more() -> None:
    assert options.behave_options(run_args(), RUN_FORMATS) == []


def test_a_relative_allure_folder_is_made_absolute_for_behave(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    extra = options.behave_options(run_args("--allure", "allure-results"), RUN_FORMATS)
    assert extra[-1] == str(tmp_path / "allure-results")


def test_workers_get_the_same_name_patterns_formats_allure_folder_and_stop(tmp_path: Path) -> None:
    args = run_args("--name", "a b", "--format", "pretty", "--allure", str(tmp_path), "--messages", "m.ndjson", "--stop")
    assert forwarded_options(args) == ["--name", "a b", "--format", "pretty", "--allure", str(tmp_path), "--stop"]
    assert forwarded_options(run_args()) == []


def test_version_is_the_installed_distributions(capsys) -> None:
    for argv in (["--version"], ["run", "--version"]):
        with pytest.raises(SystemExit) as leaving:
            _parser().parse_args(argv)
        assert leaving.value.code == 0
        assert capsys.readouterr().out.strip() == f"mailflow {options.version()}"
    assert options.version()[0].isdigit()


@pytest.mark.parametrize("command", ["run", "serve", "probe", "merge", "check-profile", "explore"])
def test_every_subcommands_help_ends_with_examples(command: str, capsys) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args([command, "--help"])
    text = capsys.readouterr().out
    assert "\nexamples:\n" in text and f"  mailflow {command}" in text


def test_name_patterns_narrow_the_selection_as_behave_does() -> None:
    everything = selected_locations([str(FEATURES)], ["@REG-14"])
    named = selected_locations([str(FEATURES)], ["@REG-14"], ["second time", "^Following"])
    assert len(everything) >= 3 and len(named) == 2 and set(named) < set(everything)
    assert share([str(FEATURES)], ["@REG-14"], Shard(2, 2), ["second time", "^Following"]) == named[1:]


def fabricated_run(reports: Path, statuses: dict[str, str]) -> None:
    """A run folder and its latest link, as ``mailflow run`` leaves them, with these scenario statuses."""
    run = reports / "20260101-120000-reference"
    run.mkdir(parents=True)
    scenarios = [{"name": f"scenario at {location}", "status": status, "kind": "guide", "location": location}
                 for location, status in statuses.items()]
    table = {"REG-10": {"status": "failed", "scenarios": scenarios[:2]},
             "REG-11": {"status": "passed", "scenarios": scenarios[1:]}}
    (run / "traceability.json").write_text(json.dumps(table), encoding="utf-8")
    (reports / "latest").symlink_to(run.name, target_is_directory=True)


def test_rerun_failed_takes_each_failed_scenario_of_the_last_run_once_in_run_order(tmp_path: Path) -> None:
    fabricated_run(tmp_path, {"features/registration.feature:93": "passed",
                              "features/registration.feature:81": "failed",
                              "features/confirm_later.feature:20": "error"})
    assert options.failed_locations(tmp_path) == [f"{FEATURES / 'confirm_later.feature'}:20",
                                                  f"{FEATURES / 'registration.feature'}:81"]


def test_rerun_failed_without_a_last_run_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(MailflowError, match=r"Expected the last run's traceability.json at .*latest.*there is none"):
        options.failed_locations(tmp_path)


def test_rerun_failed_refuses_feature_paths_beside_it(tmp_path: Path) -> None:
    args = run_args("--rerun-failed", "--reports", str(tmp_path), "features/registration.feature")
    with pytest.raises(MailflowError, match="Expected either --rerun-failed or feature paths"):
        options.rerun_paths(args)


def test_rerun_failed_after_a_run_without_failures_runs_nothing(tmp_path: Path, capsys) -> None:
    fabricated_run(tmp_path, {"features/registration.feature:93": "passed"})
    assert options.rerun_paths(run_args("--rerun-failed", "--reports", str(tmp_path))) == []
    assert "no failed scenario: nothing to rerun" in capsys.readouterr().out


def test_the_dry_run_plan_skips_what_the_gate_skips_with_its_reason() -> None:
    profile = TargetProfile.load("flask-security")  # no support chat: CHG-09 is absent there
    planned = plan(profile, [str(FEATURES)], ["@CHG-09 or @REG-14"], [])
    skipped = {p.location: p.skip_reason for p in planned if p.skip_reason}
    chat = [p for p in planned if "CHG-09" in p.ids]
    assert len(chat) >= 6 and len(skipped) == len(chat)
    assert all(reason.startswith("absent: ") for reason in skipped.values())
    assert {p.ids for p in planned if not p.skip_reason} == {("REG-14",)}


def test_the_plan_lists_a_scenario_under_each_of_its_ids_in_the_guides_order() -> None:
    two = Planned("f.feature:3", "two", ("REG-10", "REG-11"), None)
    none = Planned("f.feature:9", "none", (), None)
    conf = Planned("f.feature:6", "conf", ("CONF-02",), "skipped: why")
    assert list(by_instruction([conf, none, two])) == ["REG-10", "REG-11", "CONF-02", NO_ID]
