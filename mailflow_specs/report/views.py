"""The report's own sections, drawn with dominate inside the pretty formatter's page.

``run_summary`` (what ran, against what, with which browser and Mailpit, and the counts),
``tag_filter`` (show only the scenarios with one tag) and ``traceability`` (every
instruction of the guide, in Polish and in English, its scenarios and their status).
"""

from __future__ import annotations

from collections import Counter

from dominate import tags

from mailflow_specs.paths import REPORT_ASSETS
from mailflow_specs.report.traceability import GUIDE, NOT_SELECTED, SECTIONS, catalogue, coverage
from mailflow_specs.verdicts.messages import clip

ASSETS = REPORT_ASSETS
STATUSES = ("failed", "deviation", "missing", "absent", "skipped", "passed")
STATUS_WORDS = {
    "passed": "passed", "failed": "FAILED", "skipped": "skipped",
    "deviation": "known deviation", "missing": "MISSING: no scenario",
    "absent": "absent from the target",
}


def head_elements() -> str:
    """The report's CSS and script, inlined so the page opens from disk with no network."""
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    return f"<style>{css}</style><script>{script}</script>"


def page_nav(table: dict[str, dict]) -> None:
    missing = sum(1 for entry in table.values() if entry["status"] == "missing")
    with tags.nav(cls="mf-nav"):
        tags.a("Run summary", href="#run-summary")
        tags.a(f"Traceability: {len(table)} instructions"
          + (f", {missing} missing" if missing else ""), href="#traceability")
        tags.a("Accessibility", href="#accessibility")
        tags.a("Features and scenarios", href="#scenarios")


def run_summary(info: dict, outcomes: list[dict], table: dict[str, dict], duration: float) -> None:
    """The run at a glance: counts, duration, target, browser and Mailpit versions."""
    instruction_counts = Counter(entry["status"] for entry in table.values())
    with tags.section(id="run-summary", cls="mf-section"):
        tags.h2("Run summary")
        with tags.div(cls="mf-counts"):  # the scenarios are counted once, in the status filters above
            _count_box("Instructions", instruction_counts, len(table))
        rows = [
            ("Target", f"{info.get('target', '?')} ({info.get('target_description', '')})"),
            ("Target address", info.get("base_url", "?")),
            ("Started", info.get("started", "?")),
            ("Duration", _duration(duration)),
            ("Browser", info.get("browser", "?")),
            ("Mail catcher", info.get("mail") or info.get("mailpit", "?")),
            ("Harness", info.get("harness", "?")),
            ("Selection", info.get("selection", "every scenario")),
        ]
        with tags.table(cls="mf-facts"), tags.tbody():
            for name, value in rows:
                with tags.tr():
                    tags.th(name)
                    tags.td(str(value))
        tags.p("Also in this folder: ", tags.a("traceability.json", href="traceability.json"), ", ",
          tags.a("accessibility.json", href="accessibility.json"), ", ",
          tags.a("junit/", href="junit/"), " (for CI), ", tags.a("artifacts/", href="artifacts/"),
          " (process logs and the evidence of each failure).", cls="mf-note")


def _count_box(title: str, counts: Counter, total: int) -> None:
    with tags.div(cls="mf-count-box"):
        tags.div(f"{title}: {total}", cls="mf-count-title")
        for status in STATUSES:
            if counts.get(status):
                tags.span(f"{counts[status]} {STATUS_WORDS[status].split(':')[0].lower()}",
                     cls=f"mf-badge mf-{status}")


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{seconds:.1f} s"


def verdict_grid(table: dict[str, dict]) -> None:
    """The verdict at a glance: every instruction, grouped by the guide's parts, one coloured
    cell each that leads to its row of the traceability view."""
    parts: dict[str, list] = {}
    for instruction in catalogue():
        parts.setdefault(instruction.section, []).append(instruction)
    with tags.section(id="verdict-grid", cls="mf-section mf-grid", aria_label="Every instruction's status"):
        for part in SECTIONS:
            instructions = parts.get(part, [])
            if not instructions:
                continue
            with tags.div(cls="mf-grid-part"):
                tags.h3(instructions[0].section_title, cls="mf-grid-title")
                with tags.ul(cls="mf-grid-cells"):
                    for instruction in instructions:
                        status = table.get(instruction.id, {}).get("status", "missing")
                        tags.li(tags.a(instruction.id, href=f"#i-{instruction.id}",
                                       title=f"{instruction.id}: {STATUS_WORDS[status]}: {instruction.meaning}"),
                                cls=f"mf-cell mf-{status}")


def search_box() -> None:
    with tags.div(cls="mf-search", role="search"):
        tags.label("Find a scenario or an instruction ", fr="mf-search-input")
        tags.input_(type="search", id="mf-search-input", placeholder="words of its name, or an ID such as CHG-07",
                    autocomplete="off")


def outcome_words(table: dict[str, dict]) -> str:
    """The run's outcome in a few words, for the page's title."""
    counts = Counter(entry["status"] for entry in table.values())
    if counts["failed"]:
        return f"{counts['failed']} of {len(table)} instructions failed"
    checked = counts["passed"]
    return f"{checked} of {len(table)} instructions passed" + (
        f", {len(table) - checked} not checked" if checked < len(table) else "")


def tag_filter(tag_names: list[str]) -> None:
    with tags.div(cls="mf-tag-filter", id="scenarios"):
        tags.label("Show the scenarios tagged ", fr="mf-tag-select")
        with tags.select(id="mf-tag-select", onchange="mf_filter_by_tag(this.value)"):
            tags.option("(any tag)", value="")
            for tag in tag_names:
                tags.option(f"@{tag}", value=f"@{tag}")
        tags.span(" Filter by status with the boxes in the summary above; click a scenario to open it.",
             cls="mf-note")


def traceability(table: dict[str, dict], anchors: dict[str, str]) -> None:
    """Every instruction: the guide's Polish, its meaning, its scenarios and their status here."""
    with tags.section(id="traceability", cls="mf-section"):
        tags.h2("Traceability: the guide, instruction by instruction")
        with tags.div(cls="mf-status-filter"):
            tags.span("Show: ")
            for status in STATUSES:
                count = sum(1 for entry in table.values() if entry["status"] == status)
                if count:
                    tags.label(tags.input_(type="checkbox", value=status, checked=True,
                                 onchange="mf_filter_instructions()"),
                          f" {STATUS_WORDS[status].split(':')[0].lower()} ({count})",
                          cls=f"mf-badge mf-{status}")
        with tags.table(cls="mf-trace"):
            with tags.thead(), tags.tr():
                for heading in ("ID", "The guide says (Polish)", "What it means", "Scenarios on this run", "Status"):
                    tags.th(heading)
            with tags.tbody():
                section_title = None
                for instruction in catalogue():
                    if instruction.section_title != section_title:
                        section_title = instruction.section_title
                        tags.tr(tags.td(section_title, colspan="5"), cls="mf-trace-section")
                    entry = table.get(instruction.id, {"status": "missing", "scenarios": []})
                    _instruction_row(instruction, entry, anchors)


def _instruction_row(instruction, entry: dict, anchors: dict[str, str]) -> None:
    status = entry["status"]
    with tags.tr(cls=f"mf-instruction mf-row-{status}", data_status=status, id=f"i-{instruction.id}"):
        tags.td(instruction.id, cls="mf-id")
        tags.td(instruction.polish, lang="pl", cls="mf-polish")
        tags.td(instruction.meaning, cls="mf-meaning")
        with tags.td(cls="mf-covering"):
            if not entry["scenarios"]:
                tags.span("No scenario transcribes this instruction yet.", cls="mf-missing-note")
            else:
                tags.div(coverage(entry["scenarios"]), cls="mf-coverage")
            if instruction.reading:
                tags.div(f"Our reading: {instruction.reading}", cls="mf-reading")
            with tags.ul(cls="mf-scenarios"):
                for outcome in entry["scenarios"]:
                    kind = outcome.get("kind", GUIDE)
                    with tags.li(cls=f"mf-kind-{kind}", data_kind=kind):
                        not_run = outcome.get("reason") == NOT_SELECTED
                        tags.span("not run" if not_run else outcome["status"],
                                  cls=f"mf-badge mf-{outcome['status']}")
                        tags.span(kind, cls=f"mf-kind mf-kind-badge-{kind}",
                                  title="transcribes the guide's sentence" if kind == GUIDE
                                  else "goes beyond the guide's sentence")
                        anchor = anchors.get(outcome.get("location", ""))
                        if anchor:
                            tags.a(outcome["name"], href=f"#{anchor}", cls="mf-scenario-link",
                              data_target=anchor)
                        else:
                            tags.span(outcome["name"])
                        if outcome.get("reason") and outcome["status"] != "passed" and not not_run:
                            tags.div(clip(outcome["reason"]), cls="mf-reason")
        with tags.td(STATUS_WORDS[status], cls=f"mf-status mf-{status}"):
            if entry.get("reason"):
                tags.div(entry["reason"], cls="mf-reason")


def section_note(text: str) -> None:
    """In place of a section that could not be drawn: what happened, and where the verdicts are."""
    tags.p(text, cls="mf-note mf-section-note", role="note")
