"""The run report: behave-html-pretty-formatter's page, with the run summary and traceability.

``-f mailflow_specs.report.formatter:ReportFormatter -o index.html`` writes one self-contained page
(inline CSS, script and pictures; it opens from disk with no network). The pretty
formatter draws features → scenarios → steps with their status, duration, status
filters and embeds; this subclass adds, above them, the run summary, a filter by tag
and the traceability view, and the hooks use ``embed_*`` below to attach what the
shopper saw (screenshots), the letters she read and the evidence of a failure.
"""

from __future__ import annotations

import base64
import html
import json
import os
import platform
import re
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from behave.model_core import Status
from behave_html_pretty_formatter.html_pretty import Embed, PrettyHTMLFormatter

from mailflow_specs.mail.catchers import open_catcher
from mailflow_specs.report import page_policy, views
from mailflow_specs.report.accessibility_view import accessibility_section
from mailflow_specs.report.traceability import scenario_outcome, table_for
from mailflow_specs.verdicts.ids import said_of

TITLE = "Mailflow Specs: what the marketplace does, scenario by scenario"
TITLE_ELEMENT = re.compile(r"<title>.*?</title>", re.S)


class ReportFormatter(PrettyHTMLFormatter):
    """The pretty HTML formatter, with a run summary, a tag filter and the traceability view."""

    name = "mailflow-report"
    description = "One self-contained HTML page: run summary, traceability, scenarios with evidence"

    def __init__(self, stream, config, _late_registration_feature=None) -> None:
        super().__init__(stream, config, _late_registration_feature)
        self.title_string = TITLE
        self.global_summary = True
        self.show_summary = True
        self.collapse_scenario = True  # a long run reads as a list; a click opens a scenario
        self.collapse_embed = False  # an opened scenario shows its pictures and letters at once
        self.run_info: dict = {}
        self.accessibility = None  # the run's AccessibilityLog, set by evidence.start_scanning
        self._behave_scenarios: list = []
        self._anchors: dict[str, str] = {}
        self._soft_failed: set[int] = set()  # the drawn scenarios a soft check failed
        self.add_html_head_element(views.head_elements())

    def feature(self, feature) -> None:
        super().feature(feature)
        self.current_feature.description = paragraphs(feature.description)

    def scenario(self, scenario) -> None:
        super().scenario(scenario)
        drawn = self.current_feature.scenarios[-1]
        self._behave_scenarios.append(scenario)
        location = f"{scenario.location.filename}:{scenario.location.line}"
        self._anchors[location] = f"f{drawn.feature.counter}-s{drawn.counter}"

    def result(self, step) -> None:
        super().result(step)
        drawn_scenario = self.current_feature.scenarios[-1]
        soft = getattr(step, "soft_failures", None)
        if soft:  # a soft check failed in this step: the step failed, though behave went on
            drawn_step = drawn_scenario.steps[min(drawn_scenario.match_id, len(drawn_scenario.steps) - 1)]
            drawn_step.status = Status.failed
            drawn_step.embed(Embed("text", "\n".join(said_of(i, reason) for i, reason in soft.items()), "Error Message"))
            self._soft_failed.add(id(drawn_scenario))
        if id(drawn_scenario) in self._soft_failed:  # every later step would set the scenario passed
            drawn_scenario.status = Status.failed
            drawn_scenario.feature.status = Status.failed
        # The failure's message first, then what the hooks attached (evidence, screenshot).
        for drawn in drawn_scenario.steps:
            drawn.embeds.sort(key=lambda embed: embed.caption != "Error Message")

    def close(self) -> None:
        results = self.config.userdata.get("results")
        if results and not self._closed:  # a shard: keep each scenario's record for `mailflow merge`
            from mailflow_specs.report.results import write_results

            write_results(self, self._behave_scenarios, Path(results), self._run_record())
        super().close()
        finish_page(self)

    def _run_record(self) -> dict:
        return {"run_info": self.run_info, "started": self.suite_start_time.isoformat(),
                "finished": datetime.now().isoformat(), "paths": [str(p) for p in self.config.paths],
                "selection": json.loads(self.config.userdata.get("shard_selection", "{}"))}

    def _generate_global_summary(self) -> bool:
        table = table_for(self._behave_scenarios, self.config)
        outcomes = [scenario_outcome(s) for s in self._behave_scenarios
                    if not (s.status.name == "untested" and not s.should_skip)]
        duration = (datetime.now() - self.suite_start_time).total_seconds()
        tags = sorted({t for s in self._behave_scenarios for t in s.effective_tags}, key=_tag_order)
        return self._draw_sections(table, outcomes, duration, tags)

    def _draw_sections(self, table: dict, outcomes: list[dict], duration: float, tag_names: list[str]) -> bool:
        """What the page shows above the scenarios; a merged report draws it from the shards' records."""
        self.page_title = f"{self.run_info.get('target', 'a target')}: {views.outcome_words(table)} · Mailflow Specs"
        self.title_string = self.page_title  # the one summary's heading: the target and the outcome
        sections = (
            ("the status filters", lambda: PrettyHTMLFormatter._generate_global_summary(self)),
            ("the page's navigation", lambda: views.page_nav(table)),
            ("the verdict at a glance", lambda: views.verdict_grid(table)),
            ("the search box", views.search_box),
            ("the run summary", lambda: views.run_summary(self.run_info, outcomes, table, duration)),
            ("the traceability view", lambda: views.traceability(table, self._anchors)),
            ("the accessibility section", lambda: accessibility_section(self.accessibility)),
            ("the tag filter", lambda: views.tag_filter(tag_names)),
        )
        for name, draw in sections:
            try:
                draw()
            except Exception as error:  # one broken section never empties the page
                views.section_note(f"{name.capitalize()} could not be drawn ({type(error).__name__}: {error}); "
                                   "traceability.json and junit/ hold the verdicts.")
        return True


def finish_page(formatter: PrettyHTMLFormatter) -> None:
    """The written page with the run's title and its own Content-Security-Policy."""
    path = Path(formatter.stream_opener.name or "")
    if not path.is_file():
        return
    page = path.read_text(encoding="utf-8")
    title = getattr(formatter, "page_title", "")
    if title:
        page = TITLE_ELEMENT.sub(lambda _: f"<title>{html.escape(title)}</title>", page, count=1)
    path.write_text(page_policy.secure(page), encoding="utf-8")


def paragraphs(lines: list[str]) -> str:
    """A feature's description as its paragraphs: the source's line breaks inside a paragraph
    become spaces (the page wraps the sentence), blank lines still separate paragraphs."""
    text = "\n".join(line.strip() for line in lines)
    return "\n\n".join(" ".join(block.split()) for block in text.split("\n\n") if block.strip())


def _tag_order(tag: str) -> tuple:
    return (tag.startswith("needs."), tag)


def html_report(context) -> PrettyHTMLFormatter | None:
    """The run's HTML formatter, if this run writes one."""
    runner = getattr(context, "_runner", None)
    for formatter in getattr(runner, "formatters", None) or []:
        if isinstance(formatter, PrettyHTMLFormatter):
            return formatter
    return None


def describe_run(context) -> dict:
    """What the run summary shows about the run; also kept as artifacts/run-info.json."""
    profile, endpoints = context.profile, context.endpoints
    catcher = open_catcher(endpoints.catcher, endpoints.mail_api)
    try:
        mail = catcher.version()
    except Exception as error:
        mail = f"{endpoints.catcher}, version unknown ({type(error).__name__})"
    finally:
        catcher.close()
    info = {
        "target": profile.name,
        "target_description": profile.description,
        "profile": str(profile.path),
        "base_url": endpoints.base_url,
        "started": f"{datetime.now():%Y-%m-%d %H:%M:%S}",
        "browser": f"{context.browser.browser_type.name} {context.browser.version}",
        "mail": f"{mail} at {endpoints.mail_api}",
        "harness": (f"behave {version('behave')}, Playwright {version('playwright')}, "
                    f"Python {platform.python_version()}"),
        "selection": _selection(context.config),
    }
    context.artifacts.mkdir(parents=True, exist_ok=True)
    (context.artifacts / "run-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    formatter = html_report(context)
    if isinstance(formatter, ReportFormatter):
        formatter.run_info = info
    return info


def _selection(config) -> str:
    paths = ", ".join(os.path.relpath(p) for p in config.paths) or "features/"
    tags = config.tags or ""
    tags = " and ".join(f"({t})" if " " in t and len(tags) > 1 else t for t in tags) if isinstance(tags, list) else tags
    return f"{paths}" + (f"; tags: {tags}" if tags else "")


def embed_jpeg(context, caption: str, picture: bytes) -> None:
    formatter = html_report(context)
    if formatter is None:
        return
    data = base64.b64encode(picture).decode("ascii")
    image = (f'<img class="mf-shot" alt="{html.escape(caption)}" '
             f'src="data:image/jpeg;base64,{data}">')
    formatter.embed("text/html", image, caption, compress=False, download_button=False)


def embed_letter(context, letter) -> None:
    """A letter the scenario read, as the recipient saw it (sandboxed: no script, no link)."""
    formatter = html_report(context)
    if formatter is None:
        return
    recipients = ", ".join(str(a) for a in letter.heading.to)
    caption = f'Letter "{letter.subject}" to {recipients}'
    formatter.embed("text/html", letter_block(letter), caption, compress=False, download_button=False)


def letter_block(letter) -> str:
    """Subject, sender and recipients, then the body in a sandboxed frame (it runs nothing)."""
    recipients = ", ".join(str(a) for a in letter.heading.to)
    body = letter.html or f"<pre>{html.escape(letter.text)}</pre>"
    head = "".join(f"<tr><th>{name}</th><td>{html.escape(value)}</td></tr>" for name, value in
                   (("Subject", letter.subject), ("From", str(letter.heading.sender)), ("To", recipients)))
    return (f'<div class="mf-letter"><table class="mf-letter-head">{head}</table>'
            f'<iframe sandbox="" title="{html.escape(letter.subject)}" '
            f'srcdoc="{html.escape(body, quote=True)}"></iframe></div>')


def embed_links(context, caption: str, files: list[tuple[Path, str]]) -> None:
    """Links to evidence files, relative to the report so they work from disk."""
    formatter = html_report(context)
    if formatter is None:
        return
    base = Path(formatter.stream_opener.name or ".").resolve().parent
    links = [(os.path.relpath(path, base), text) for path, text in files]
    formatter.embed("link", links, caption)


def embed_text(context, caption: str, text: str) -> None:
    formatter = html_report(context)
    if formatter is not None:
        formatter.embed("text/plain", text, caption, download_button=False)
