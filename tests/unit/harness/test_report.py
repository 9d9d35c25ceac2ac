"""The report's own views, drawn without a browser: traceability and letters."""

from datetime import UTC, datetime

from dominate.tags import div

from mailflow_specs.mail.letter import Heading, Letter, Mailer
from mailflow_specs.report.formatter import letter_block
from mailflow_specs.report.traceability import catalogue
from mailflow_specs.report.views import traceability


def drawn_traceability(table: dict) -> str:
    with div() as page:
        traceability(table, {"features/registration.feature:10": "f1-s1"})
    return page.render()


def test_an_instruction_without_scenario_is_flagged_missing() -> None:
    first, second = catalogue()[0], catalogue()[1]
    passed = {"name": "The form opens", "status": "passed", "location": "features/registration.feature:10"}
    page = drawn_traceability({first.id: {"status": "passed", "scenarios": [passed]},
                               second.id: {"status": "missing", "scenarios": []}})
    missing_row = page.split(f'id="i-{second.id}"')[1].split("</tr>")[0]
    assert "MISSING" in missing_row and "No scenario transcribes this instruction yet." in missing_row
    assert 'class="mf-instruction mf-row-missing"' in page.split(f'id="i-{second.id}"')[0].rsplit("<tr", 1)[1]
    assert 'href="#f1-s1"' in page and "The form opens" in page


def test_every_instruction_shows_the_guides_polish_and_its_meaning() -> None:
    page = drawn_traceability({})
    for instruction in catalogue():
        assert f'id="i-{instruction.id}"' in page
    assert page.count('lang="pl"') == len(catalogue())


def test_a_letter_is_shown_in_a_sandbox_with_subject_sender_and_recipient() -> None:
    heading = Heading("A1", "Confirm your email address", Mailer("no-reply@bazaar.example", "Bazaar"),
                      (Mailer("ola@example.com", "Ola"),), datetime(2026, 12, 6, tzinfo=UTC))
    letter = Letter.of(heading, "", '<p>Hello</p><script>alert("x")</script><a href="http://x">Confirm</a>')
    block = letter_block(letter)
    assert 'sandbox=""' in block and "<script>" not in block
    assert "Confirm your email address" in block and "Bazaar &lt;no-reply@bazaar.example&gt;" in block
    assert "Ola &lt;ola@example.com&gt;" in block


def test_a_feature_description_keeps_its_paragraphs_and_no_line_break_inside_a_sentence() -> None:
    from mailflow_specs.report.formatter import paragraphs

    lines = ["To buy on the marketplace a shopper needs an account: it tracks an order's status",
             "and whereabouts, opens disputes.", "", "A second paragraph", "of two lines."]
    assert paragraphs(lines) == ("To buy on the marketplace a shopper needs an account: it tracks an order's status"
                                 " and whereabouts, opens disputes.\n\nA second paragraph of two lines.")


def test_a_feature_whose_scenarios_sit_in_rules_takes_the_time_of_its_scenarios(tmp_path) -> None:
    from behave.parser import parse_file

    from mailflow_specs.report.durations import count_scenarios_in_rules

    source = tmp_path / "f.feature"
    source.write_text("Feature: F\n  Rule: R\n    Scenario: S\n      Given a step\n    Scenario: T\n      Given a step\n")
    feature = parse_file(str(source))
    for step in (s for scenario in feature.walk_scenarios() for s in scenario.all_steps):
        step.duration = 1.5
    count_scenarios_in_rules()
    assert feature.duration == 3.0 and feature.rules[0].duration == 3.0

def test_each_scenario_says_whether_it_transcribes_the_guide_or_hardens_it() -> None:
    first = catalogue()[0]
    guide = {"name": "The form opens", "status": "passed", "kind": "guide"}
    hardening = {"name": "A link used twice", "status": "passed", "kind": "hardening"}
    page = drawn_traceability({first.id: {"status": "passed", "scenarios": [guide, hardening]}})
    row = page.split(f'id="i-{first.id}"')[1].split("</tr>")[0]
    assert "guide 1/1 passed, hardening 1/1 passed" in row
    assert 'data-kind="guide"' in row and 'data-kind="hardening"' in row


def test_an_instruction_without_a_guide_scenario_shows_why_it_is_not_passed() -> None:
    first = catalogue()[0]
    hardening = {"name": "A link used twice", "status": "passed", "kind": "hardening"}
    page = drawn_traceability({first.id: {"status": "missing", "reason": "no guide scenario: only hardening",
                                          "scenarios": [hardening]}})
    row = page.split(f'id="i-{first.id}"')[1].split("</tr>")[0]
    assert "no guide scenario: only hardening" in row
