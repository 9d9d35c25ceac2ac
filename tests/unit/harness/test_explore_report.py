"""What ``mailflow explore`` writes: explore.json's record, traceability in the run's shape, a page
on which nothing the target wrote runs, and the workers' tallies merged into one."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from mailflow_specs.lifecycle.model import ACTIONS, transitions
from mailflow_specs.report import explored
from mailflow_specs.report.traceability import catalogue
from mailflow_specs.run import explore_results, explore_workers
from mailflow_specs.run.explore import Tally
from mailflow_specs.run.explore_options import for_run

MARK = "PWNED"
SCRIPT = f"<script>document.title='{MARK}'</script>"
HANDLER = f"<img src=x onerror=\"document.title='{MARK}'\">"
FACTS = {"target": "reference", "profile": "fixtures/targets/reference.toml", "seed": 1,
         "bounds": {"sequences": 2, "budget_seconds": None, "steps": 12, "workers": 2},
         "seconds": 30.0, "cpu_seconds": 15.0, "wall_seconds": 34.0}


def a_transition() -> tuple[str, str, str]:
    return sorted(transitions())[0]


def tally_of(sequence: int, *, worker: int | None = None, discrepancy: bool = False, text: str = "") -> Tally:
    tally = Tally()
    tally.actions.update({"register": 2, "confirm": 1})
    tally.per_instruction.update({"REG-10": 2, "REG-11": 2, "REG-13": 1, "REG-14": 1})
    tally.transitions.add(a_transition())
    tally.sequences = 1
    steps = [f"Ola has just created her profile{text}", "Ola follows the big link in the letter"]
    outcome = "discrepancy" if discrepancy else "as predicted"
    tally.sequence_log.append({"number": sequence, "worker": worker, "steps": steps, "outcome": outcome})
    if discrepancy:
        tally.discrepancies.update({"REG-13": 1, "REG-14": 1})
        gherkin = f"  Scenario: Explored sequence {sequence} of seed 1\n    Given {steps[0]}\n    # evidence: {text}"
        tally.failures.append(gherkin)
        tally.discrepancy_log.append({"sequence": sequence, "worker": worker, "steps": steps, "then": text,
                                      "gherkin": gherkin, "evidence": {
                                          "error": f"ExpectationFailed: Expected the page {text}",
                                          "screenshots": [{"path": "artifacts/explore/sequence-2/ola.jpg",
                                                           "caption": f"Ola's page {text}"}],
                                          "letters": [{"path": "artifacts/explore/sequence-2/letters/a.html",
                                                       "subject": f"Welcome {text}", "to": "ola@example.com"}],
                                          "traces": [{"path": "artifacts/explore/sequence-2/ola-trace.zip",
                                                      "caption": f"Ola's trace {text}"}],
                                          "notes": [f"note {text}"]}})
    return tally


def test_explore_json_holds_the_seed_sequences_transitions_and_instructions() -> None:
    found = explore_results.record(Tally.merged([tally_of(1), tally_of(2, discrepancy=True)]), FACTS)
    assert (found["seed"], found["bounds"]["workers"], found["actions"]) == (1, 2, 6)
    assert found["actions_per_name"] == {"register": 4, "confirm": 2}
    assert [s["number"] for s in found["sequences"]] == [1, 2]
    assert [s["outcome"] for s in found["sequences"]] == ["as predicted", "discrepancy"]
    every = len(transitions())
    assert found["transitions"]["visited"] == 1 and found["transitions"]["of"] == every
    assert len(found["transitions"]["not_visited"]) == every - 1
    assert list(a_transition()) not in found["transitions"]["not_visited"]
    assert set(found["instructions"]) == {i for action in ACTIONS.values() for i in action.ids}
    assert found["instructions"]["REG-14"] == {"actions": 2, "discrepancies": 1}
    assert found["discrepancies"][0]["gherkin"].startswith("  Scenario: Explored sequence 2")
    json.dumps(found)  # plain JSON all the way down


def test_the_traceability_of_an_exploration_has_the_runs_shape_and_says_what_was_explored() -> None:
    table = explored.explored_table({"REG-13": {"actions": 1, "discrepancies": 1},
                                     "REG-14": {"actions": 3, "discrepancies": 0},
                                     "CONF-10": {"actions": 0, "discrepancies": 0}})
    assert list(table) == [instruction.id for instruction in catalogue()]
    assert all({"status", "guide_scenarios", "scenarios", "explored"} <= set(entry) for entry in table.values())
    assert table["REG-14"]["status"] == "passed"
    assert table["REG-14"]["reason"] == "explored: 3 actions, 0 discrepancies"
    assert (table["REG-13"]["status"], table["REG-13"]["reason"]) == ("failed", "explored: 1 action, 1 discrepancy")
    assert (table["CONF-10"]["status"], table["CONF-10"]["reason"]) == ("skipped", explored.NONE_DRAWN)
    assert (table["REG-01"]["status"], table["REG-01"]["reason"]) == ("skipped", explored.NOT_EXPLORED)
    assert table["REG-01"]["explored"] == {"actions": 0, "discrepancies": 0}


def test_the_runs_traceability_gains_the_explored_counts_of_every_instruction() -> None:
    table = {"REG-13": {"status": "passed", "scenarios": []}, "REG-01": {"status": "passed", "scenarios": []}}
    explored.add_to_table(table, {"REG-13": {"actions": 4, "discrepancies": 0}})
    assert table["REG-13"] == {"status": "passed", "scenarios": [], "explored": {"actions": 4, "discrepancies": 0}}
    assert table["REG-01"]["explored"] == {"actions": 0, "discrepancies": 0}


def hostile_record(tmp_path: Path) -> dict:
    shot = tmp_path / "artifacts" / "explore" / "sequence-2" / "ola.jpg"
    shot.parent.mkdir(parents=True)
    shot.write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    tally = Tally.merged([tally_of(1, text=SCRIPT), tally_of(2, discrepancy=True, text=SCRIPT + HANDLER)])
    return explore_results.record(tally, {**FACTS, "target": f"shop {SCRIPT}"})


def test_a_hostile_step_gherkin_or_letter_stays_text_on_the_explore_page(tmp_path: Path, live_parts) -> None:
    page = explored.page(hostile_record(tmp_path), tmp_path)
    parts = live_parts(page)
    assert parts.scripts == ["inline"], "only the report's own script"
    assert not parts.handlers, parts.handlers
    assert "img" in parts.tags and not [link for link in parts.links if link == "x" or link.startswith("javascript:")]
    assert "&lt;script&gt;document.title=" in page and MARK in page, "the target's text is there, as text"
    assert re.search(r'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                     r'script-src \'sha256-', page)
    assert 'src="data:image/jpeg;base64,' in page, "the screenshot is inline, as the policy allows"
    assert 'href="artifacts/explore/sequence-2/letters/a.html"' in page
    assert 'href="artifacts/explore/sequence-2/ola-trace.zip"' in page


def test_the_runs_page_gains_an_explored_section_that_runs_nothing_either(tmp_path: Path, live_parts) -> None:
    run_page = ('<html><head><meta http-equiv="Content-Security-Policy" content="x"><script>own()</script></head>'
                '<body><nav class="mf-nav"><a href="#run-summary">Run summary</a></nav>'
                '<div class="mf-tag-filter" id="scenarios"></div></body></html>')
    page = explored.add_to_page(run_page, hostile_record(tmp_path), tmp_path)
    parts = live_parts(page)
    assert parts.scripts == ["inline"] and not parts.handlers
    assert page.index('id="explored"') < page.index('class="mf-tag-filter"'), "above the scenarios"
    assert 'href="#explored">Explored: 1 discrepancy</a></nav>' in page
    assert page.count("Content-Security-Policy") == 1


def test_the_workers_tallies_merge_into_one_in_sequence_order() -> None:
    first = tally_of(1, worker=1)
    first.sequence_log.append({"number": 3, "worker": 1, "steps": [], "outcome": "as predicted"})
    first.sequences, first.looks_left_out = 2, 1
    second = Tally.from_json(json.loads(json.dumps(tally_of(2, worker=2, discrepancy=True).to_json())))
    whole = Tally.merged([first, second])
    assert [s["number"] for s in whole.sequence_log] == [1, 2, 3]
    assert whole.actions == Counter({"register": 4, "confirm": 2})
    assert whole.per_instruction["REG-10"] == 4 and whole.discrepancies == Counter({"REG-13": 1, "REG-14": 1})
    assert (whole.sequences, whole.looks_left_out, whole.transitions) == (3, 1, {a_transition()})
    assert len(whole.failures) == 1 and whole.discrepancy_log[0]["worker"] == 2


def test_worker_k_of_n_takes_sequences_k_k_plus_n_and_together_they_take_each_once() -> None:
    shares = [list(explore_workers.share(k, 3, 10)) for k in (1, 2, 3)]
    assert shares == [[1, 4, 7, 10], [2, 5, 8], [3, 6, 9]]
    assert sorted(n for s in shares for n in s) == list(range(1, 11))
    unbounded = explore_workers.share(2, 2)
    assert [next(unbounded) for _ in range(3)] == [2, 4, 6]


def test_a_worker_is_started_with_the_runs_seed_bounds_and_its_share(tmp_path: Path) -> None:
    args = for_run(type("Args", (), {"explore": 120.0, "workers": 2})(), "fixtures/targets/reference.toml")
    command = explore_workers.worker_command(args, 2, 2, tmp_path)
    assert command[command.index("--worker") + 1] == "2/2" and command[command.index("--into") + 1] == str(tmp_path)
    assert command[command.index("--budget") + 1] == "120s" and "--sequences" not in command
    assert (args.budget, args.workers, args.seed) == (120.0, 2, 1)


def test_a_discrepancy_counts_once_for_the_instructions_of_the_action_that_differed() -> None:
    from mailflow_specs.run.explore import failed_action_ids

    steps = ["Ola has just created her profile", "the grace period has passed since she registered"]
    assert failed_action_ids(steps) == ACTIONS["grace_passes"].ids
    assert failed_action_ids([]) == ()


def test_a_run_folder_gains_the_explored_counts_and_section_and_a_lone_exploration_its_own(tmp_path: Path) -> None:
    found = hostile_record(tmp_path)
    (tmp_path / "traceability.json").write_text(json.dumps({"REG-14": {"status": "passed", "scenarios": []}}))
    (tmp_path / "index.html").write_text('<html><head></head><body><nav class="mf-nav"></nav>'
                                         '<div class="mf-tag-filter"></div></body></html>')
    explore_results.add_to_run(tmp_path, found)
    table = json.loads((tmp_path / "traceability.json").read_text())
    assert table["REG-14"]["explored"] == {"actions": 2, "discrepancies": 1}
    assert 'id="explored"' in (tmp_path / "index.html").read_text()
    alone = tmp_path / "alone"
    alone.mkdir()
    explore_results.write_record(alone, found)
    explore_results.write_standalone(alone, found)
    assert json.loads((alone / "explore.json").read_text()) == found
    assert json.loads((alone / "traceability.json").read_text())["REG-14"]["reason"] == \
        "explored: 2 actions, 1 discrepancy"
    assert explore_results.point_latest_at(tmp_path, alone) and (tmp_path / "latest").resolve() == alone


def test_a_discrepancy_fails_the_run_unless_it_was_interrupted(capsys) -> None:
    from mailflow_specs.run.cli import with_explored

    assert [with_explored(status, 0) for status in (0, 3, 4)] == [0, 3, 4]
    assert [with_explored(status, 2) for status in (0, 1, 3, 4, 130)] == [1, 1, 1, 1, 130]
    assert "Exploring found 2 discrepancies" in capsys.readouterr().out
    assert with_explored(0, -1) == 1 and "could not run" in capsys.readouterr().out


def test_a_sequence_hypothesis_could_not_replay_is_reported_as_first_found() -> None:
    from hypothesis.errors import FlakyStrategyDefinition

    from mailflow_specs.run.explore import gave_up_shrinking

    assert gave_up_shrinking(FlakyStrategyDefinition("Inconsistent data generation!"))
    assert gave_up_shrinking(ExceptionGroup("replays", [FlakyStrategyDefinition("x"), AssertionError("y")]))
    assert not gave_up_shrinking(AssertionError("explore: the notice that the account is blocked"))
