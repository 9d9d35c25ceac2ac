"""What ``mailflow explore`` found, as the report shows it: traceability per instruction and the
"Explored" section, drawn from the plain record the explorer writes as ``explore.json``.

The record (``mailflow_specs.run.explore_results.record``) holds the seed and bounds, the actions
counted per name, every sequence with its steps and outcome, the transitions of the lifecycle model
visited and not visited, per instruction ``{"actions": N, "discrepancies": M}`` and each
discrepancy with its Gherkin and evidence. Everything in it that came from the target (error
messages, letter subjects, the shoppers' steps) is drawn as text; pictures are ``data:`` URLs;
the page carries the report's own Content-Security-Policy (``page_policy``).

``explored_table`` is ``traceability.json`` of an exploration, in the run's shape: every
catalogued instruction with a ``status`` (``failed`` with a discrepancy, ``passed`` when explored
without one, ``skipped`` when no action of it was drawn), a ``reason`` ("explored: 12 actions, 0
discrepancies"), ``explored`` with the two counts, and no scenarios.
"""

from __future__ import annotations

import base64
from pathlib import Path

from dominate import document, tags
from dominate.util import raw

from mailflow_specs.report import page_policy, views
from mailflow_specs.report.traceability import catalogue

SECTION_ID = "explored"
# The stand-alone page has no pretty formatter around it: its body's type and width.
PAGE_STYLE = "body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 72rem; padding: 0 1rem; }"
NOT_EXPLORED = "not explored: no action of the model exercises this instruction"
NONE_DRAWN = "not explored: no action of this instruction was drawn"
# Where the section goes in the run's page: before the tag filter that opens the scenarios.
RUN_PAGE_ANCHOR = '<div class="mf-tag-filter"'


def explored_words(counts: dict) -> str:
    """ "explored: 12 actions, 0 discrepancies" (singular where one)."""
    actions, discrepancies = counts.get("actions", 0), counts.get("discrepancies", 0)
    return (f"explored: {actions} action{'s' if actions != 1 else ''}, "
            f"{discrepancies} discrepanc{'ies' if discrepancies != 1 else 'y'}")


def explored_table(instructions: dict[str, dict]) -> dict[str, dict]:
    """traceability.json of an exploration: every catalogued instruction, as the run's file has them."""
    table = {}
    for instruction in catalogue():
        counts = instructions.get(instruction.id)
        if counts is None:
            entry = {"status": "skipped", "reason": NOT_EXPLORED, "explored": {"actions": 0, "discrepancies": 0}}
        else:
            status = "failed" if counts["discrepancies"] else ("passed" if counts["actions"] else "skipped")
            entry = {"status": status, "reason": explored_words(counts) if counts["actions"] else NONE_DRAWN,
                     "explored": {"actions": counts["actions"], "discrepancies": counts["discrepancies"]}}
        table[instruction.id] = {**entry, "guide_scenarios": [], "scenarios": []}
    return table


def add_to_table(table: dict[str, dict], instructions: dict[str, dict]) -> dict[str, dict]:
    """The run's traceability with ``"explored": {"actions": N, "discrepancies": M}`` per instruction."""
    for instruction_id, entry in table.items():
        counts = instructions.get(instruction_id, {"actions": 0, "discrepancies": 0})
        entry["explored"] = {"actions": counts["actions"], "discrepancies": counts["discrepancies"]}
    return table


def page(record: dict, folder: Path) -> str:
    """``index.html`` of an exploration: the report's style and policy, the Explored section."""
    title = f"{record.get('target', 'a target')}: {outcome_words(record)} · Mailflow Specs explore"
    doc = document(title=title)
    doc.head.add(raw(views.head_elements()))
    doc.head.add(tags.style(PAGE_STYLE))
    with doc, tags.main(cls="mf-explore-page"):
        tags.h1(title)
        explored_section(record, folder)
    return page_policy.secure(doc.render())


def add_to_page(run_page: str, record: dict, folder: Path) -> str:
    """The run's page with the Explored section before its scenarios and a link in its navigation.
    The section holds no script, so the page's policy (its own scripts by hash) still covers it."""
    section = tags.div()
    with section:
        explored_section(record, folder)
    drawn = "".join(child.render() for child in section.children)
    at = run_page.find(RUN_PAGE_ANCHOR)
    if at < 0:
        at = run_page.rfind("</body>")
    run_page = run_page[:at] + drawn + run_page[at:]
    link = tags.a(f"Explored: {outcome_words(record)}", href=f"#{SECTION_ID}").render()
    return run_page.replace("</nav>", link + "</nav>", 1)


def outcome_words(record: dict) -> str:
    found = len(record.get("discrepancies", []))
    if found:
        return f"{found} discrepanc{'ies' if found != 1 else 'y'}"
    return f"{record.get('actions', 0)} actions as the model predicts"


def explored_section(record: dict, folder: Path) -> None:
    """The sequences with their steps, the transitions, the instructions and the discrepancies."""
    transitions = record.get("transitions", {})
    with tags.section(id=SECTION_ID, cls="mf-section mf-explored"):
        tags.h2("Explored")
        bounds = record.get("bounds", {})
        count = len(record.get("sequences", []))
        tags.p(f"Seed {record.get('seed')}; {count} sequence{'s' if count != 1 else ''}, "
               f"{record.get('actions', 0)} actions in {record.get('seconds', 0):.0f} s "
               f"({bounds_words(bounds)}). ", outcome_words(record).capitalize() + ".", cls="mf-note")
        _actions(record.get("actions_per_name", {}))
        tags.h3(f"Transitions visited: {transitions.get('visited', 0)}/{transitions.get('of', 0)}")
        not_visited = transitions.get("not_visited", [])
        if not_visited:
            with tags.details():
                tags.summary(f"Not visited ({len(not_visited)})")
                with tags.ul(cls="mf-transitions"):
                    for before, action, after in not_visited:
                        tags.li(f"{before} —{action}→ {after}")
        left_out = record.get("not_explored", {})
        if left_out:  # actions this target never gets: an absent feature, a deviation, a rule, a seam
            with tags.details():
                tags.summary(f"Actions not explored on this target ({len(left_out)})")
                with tags.ul(cls="mf-transitions"):
                    for action, why in sorted(left_out.items()):
                        tags.li(f"{action}: {why}")
        _instructions(record.get("instructions", {}))
        _discrepancies(record.get("discrepancies", []), folder)
        _sequences(record.get("sequences", []))


def bounds_words(bounds: dict) -> str:
    said = []
    if bounds.get("sequences"):
        said.append(f"at most {bounds['sequences']} sequences")
    if bounds.get("budget_seconds"):
        said.append(f"a budget of {bounds['budget_seconds']:.0f} s")
    said.append(f"up to {bounds.get('steps', '?')} actions each")
    said.append(f"{bounds.get('workers', 1)} worker{'s' if bounds.get('workers', 1) != 1 else ''}")
    return ", ".join(said)


def _actions(per_name: dict[str, int]) -> None:
    if per_name:
        tags.p("Actions: " + ", ".join(f"{name} {count}" for name, count in per_name.items()), cls="mf-note")


def _instructions(instructions: dict[str, dict]) -> None:
    tags.h3("Per instruction")
    with tags.table(cls="mf-trace mf-explored-instructions"):
        with tags.thead(), tags.tr():
            for heading in ("ID", "What it means", "Actions", "Discrepancies"):
                tags.th(heading)
        with tags.tbody():
            meanings = {instruction.id: instruction.meaning for instruction in catalogue()}
            for instruction_id, counts in instructions.items():
                status = "failed" if counts["discrepancies"] else ("passed" if counts["actions"] else "skipped")
                with tags.tr(cls=f"mf-instruction mf-row-{status}", data_status=status):
                    tags.td(instruction_id, cls="mf-id")
                    tags.td(meanings.get(instruction_id, ""), cls="mf-meaning")
                    tags.td(str(counts["actions"]))
                    tags.td(str(counts["discrepancies"]), cls=f"mf-status mf-{status}")


def _discrepancies(found: list[dict], folder: Path) -> None:
    tags.h3(f"Discrepancies: {len(found)}")
    for number, discrepancy in enumerate(found, start=1):
        with tags.div(cls="mf-discrepancy", id=f"discrepancy-{number}"):
            tags.h4(f"Sequence {discrepancy.get('sequence')}: {len(discrepancy.get('steps', []))} actions "
                    "after shrinking, as a scenario to paste into a feature file")
            tags.pre(discrepancy.get("gherkin", ""), cls="mf-gherkin")
            evidence = discrepancy.get("evidence", {})
            tags.div("The error, as the check said it:", cls="mf-note")
            tags.pre(evidence.get("error", ""), cls="mf-reason mf-evidence")
            for shot in evidence.get("screenshots", []):
                tags.div(tags.a(shot.get("caption", shot["path"]), href=shot["path"]), cls="mf-note")
                picture = _data_url(folder / shot["path"])
                if picture:
                    tags.img(src=picture, alt=shot.get("caption", "screenshot"), cls="mf-shot")
            for trace in evidence.get("traces", []):
                tags.div(tags.a(trace.get("caption", trace["path"]), href=trace["path"]), cls="mf-note")
            letters = evidence.get("letters", [])
            if letters:
                with tags.ul(cls="mf-letters"):
                    for letter in letters:
                        tags.li(tags.a(letter.get("subject") or letter["path"], href=letter["path"]),
                                f" to {letter.get('to', '')}" if letter.get("to") else "")
            for note in evidence.get("notes", []):
                tags.div(note, cls="mf-note")


def _sequences(sequences: list[dict]) -> None:
    tags.h3(f"Sequences: {len(sequences)}")
    with tags.ol(cls="mf-sequences"):
        for sequence in sequences:
            outcome = sequence.get("outcome", "")
            status = "failed" if outcome == "discrepancy" else "passed"
            opened = {"open": "open"} if status == "failed" else {}
            with tags.li(value=str(sequence.get("number", 0)), cls=f"mf-sequence mf-row-{status}"), \
                    tags.details(**opened):
                tags.summary(tags.span(outcome, cls=f"mf-badge mf-{status}"),
                             f" sequence {sequence.get('number')}: {len(sequence.get('steps', []))} actions"
                             + (f" (worker {sequence['worker']})" if sequence.get("worker") else ""))
                with tags.ol(cls="mf-steps"):
                    for step in sequence.get("steps", []):
                        tags.li(step)


def _data_url(path: Path) -> str:
    """A picture as a ``data:`` URL (the page's policy allows no other), or "" if it is not there."""
    if not path.is_file():
        return ""
    kind = "png" if path.suffix == ".png" else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
