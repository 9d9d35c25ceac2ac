"""Cucumber Messages from behave (``mailflow_specs.report.messages``), checked with the cucumber-messages models.

behave's ``--dry-run`` walks the selection without a browser, so the formatter's stream
can be checked here: every line an ``Envelope``, and every id a message points at defined
by an earlier message (documents, pickles, step definitions, test cases and their steps).
"""

import json
import subprocess
import sys
from pathlib import Path

import cucumber_messages as cm

from mailflow_specs.report.messages import merge_streams

ROOT = Path(__file__).resolve().parents[3]
FORMATTER = "mailflow_specs.report.messages:MessagesFormatter"


def dry_run(tags: str, out: Path) -> list[cm.Envelope]:
    subprocess.run([sys.executable, "-m", "behave", "--dry-run", "--no-summary", "--tags", tags, "-f", FORMATTER,
                    "-o", str(out), "-f", "null"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return read(out)


def read(file: Path) -> list[cm.Envelope]:
    return [cm.message_converter.from_dict(json.loads(line), cm.Envelope)
            for line in file.read_text(encoding="utf-8").splitlines()]


def ast_ids(document: cm.GherkinDocument) -> set[str]:
    """Every id in a Gherkin document: rules, backgrounds, scenarios, steps, examples rows, tags."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            if isinstance(getattr(value, "id", None), str):
                found.add(value.id)
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(document)
    return found


def check_references(envelopes: list[cm.Envelope]) -> None:
    known: set[str] = set()
    for envelope in envelopes:
        if envelope.gherkin_document:
            known |= ast_ids(envelope.gherkin_document)
        if envelope.pickle:
            pickle = envelope.pickle
            assert set(pickle.ast_node_ids) <= known, pickle.ast_node_ids
            assert all(set(step.ast_node_ids) <= known for step in pickle.steps)
            assert {tag.ast_node_id for tag in pickle.tags} <= known
            known |= {pickle.id, *(step.id for step in pickle.steps)}
        if envelope.step_definition:
            known.add(envelope.step_definition.id)
        if envelope.test_case:
            case = envelope.test_case
            assert case.pickle_id in known
            assert all(s.pickle_step_id in known and set(s.step_definition_ids) <= known for s in case.test_steps)
            known |= {case.id, *(s.id for s in case.test_steps)}
        if envelope.test_case_started:
            assert envelope.test_case_started.test_case_id in known
            known.add(envelope.test_case_started.id)
        if envelope.test_step_finished:
            assert {envelope.test_step_finished.test_case_started_id, envelope.test_step_finished.test_step_id} <= known
        if envelope.test_case_finished:
            assert envelope.test_case_finished.test_case_started_id in known


def test_each_line_is_an_envelope_whose_references_are_defined_before_they_are_used(tmp_path: Path) -> None:
    # REG-08 is a Scenario Outline with Examples; REG-14 has a hardening outline too
    envelopes = dry_run("@REG-08 or @REG-14", tmp_path / "run.ndjson")
    assert envelopes[0].meta and envelopes[0].meta.protocol_version
    assert envelopes[-1].test_run_finished is not None
    check_references(envelopes)
    pickles = [e.pickle for e in envelopes if e.pickle]
    cases = [e.test_case for e in envelopes if e.test_case]
    assert len(pickles) == len(cases) > 3
    assert any(len(p.ast_node_ids) == 2 for p in pickles), "no outline row among the pickles"
    assert all(s.step_definition_ids for c in cases for s in c.test_steps), "a step without its definition"
    finished = [e.test_step_finished for e in envelopes if e.test_step_finished]
    assert len(finished) == sum(len(c.test_steps) for c in cases)


def test_two_shards_streams_merge_into_one_run_with_each_document_once(tmp_path: Path) -> None:
    first = dry_run("@REG-10", tmp_path / "1.ndjson")
    second = dry_run("@REG-12 or @CONF-03", tmp_path / "2.ndjson")
    merge_streams([tmp_path / "1.ndjson", tmp_path / "2.ndjson"], tmp_path / "run.ndjson")
    merged = read(tmp_path / "run.ndjson")
    check_references(merged)
    assert sum(1 for e in merged if e.meta) == sum(1 for e in merged if e.test_run_started) == 1
    assert merged[-1].test_run_finished is not None
    uris = [e.gherkin_document.uri for e in merged if e.gherkin_document]
    assert len(uris) == len(set(uris)) == 2  # registration.feature from both, once; confirm_later.feature
    assert sum(1 for e in merged if e.test_case) == sum(1 for e in first + second if e.test_case) == 3
