"""The report's accessibility section: a summary table of rules × pages, then page by page.

Each page state is named as the shopper (or the agent) sees it (its main heading, or
its title), with the screenshot taken when it was scanned and axe-core's violations
grouped by impact: the rule, its help text and the elements that break it.
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

from dominate import tags

from mailflow_specs.report.accessibility import IMPACTS, AccessibilityLog, PageScan, Violation, axe_version


def accessibility_section(log: AccessibilityLog | None) -> None:
    with tags.section(id="accessibility", cls="mf-section"):
        tags.h2("Accessibility: every page state the run visited")
        if log is None or log.mode == "off":
            tags.p("Not scanned on this run (accessibility = \"off\").", cls="mf-note")
            return
        pages = list(log.scans.values())
        serious = sum(len(p.serious) for p in pages)
        verdict = "fails the scenario that sees it" if log.mode == "fail-serious" else "is reported only"
        tags.p(f"{len(pages)} page states scanned with axe-core {axe_version()} (WCAG 2.2 A/AA and best "
               f"practices); {serious} serious or critical rule breaks. A serious or critical violation "
               f"{verdict} (accessibility = \"{log.mode}\"). The scan took {log.seconds:.1f} s of the run "
               f"({log.looks} looks at an open page). Also in accessibility.json.", cls="mf-note")
        _rules_by_pages(pages)
        for number, scan in enumerate(pages, start=1):
            _page(number, scan, log.seen_in.get(scan.key, []))


def _rules_by_pages(pages: list[PageScan]) -> None:
    rules: dict[str, Violation] = {}
    for scan in pages:
        for violation in scan.violations:
            rules.setdefault(violation.rule, violation)
    if not rules:
        tags.p("No violation on any page.", cls="mf-a11y-clean")
        return
    order = sorted(rules.values(), key=lambda v: (IMPACTS.index(v.impact), v.rule))
    with tags.div(cls="mf-a11y-matrix"), tags.table(cls="mf-trace"):
        tags.caption("Rules × pages: how many elements break each rule on each page (pages with none are left out)")
        with tags.thead(), tags.tr():
            tags.th("Page", scope="col")
            for violation in order:
                impact = tags.span(violation.impact, cls=f"mf-impact-{violation.impact}")
                tags.th(tags.span(violation.rule), tags.br(), impact, scope="col", title=violation.help)
        with tags.tbody():
            for number, scan in enumerate(pages, start=1):
                if not scan.violations:
                    continue
                counts = {v.rule: len(v.elements) for v in scan.violations}
                with tags.tr():
                    tags.th(tags.a(scan.name, href=f"#a11y-{number}"), scope="row")
                    for violation in order:
                        tags.td(str(counts.get(violation.rule, "")))


def _page(number: int, scan: PageScan, seen_in: list[str]) -> None:
    state = "clean" if not scan.violations else ("serious" if scan.serious else "minor")
    with tags.details(cls=f"mf-a11y-page mf-a11y-{state}", id=f"a11y-{number}", open=bool(scan.serious)):
        counts = ", ".join(f"{sum(1 for v in scan.violations if v.impact == i)} {i}" for i in IMPACTS
                           if any(v.impact == i for v in scan.violations)) or "no violation"
        tags.summary(f"{scan.name} — {counts} ", tags.span(_where(scan.url), cls="mf-note"))
        tags.p(f"Seen by the {scan.seen_by} at {scan.url}", tags.br(),
               f"Page language: {scan.language or '(none declared)'}; first seen in: {scan.first_seen_in}"
               + (f"; seen in {len(seen_in)} scenarios" if len(seen_in) > 1 else ""), cls="mf-note")
        if scan.error:
            tags.p(scan.error, cls="mf-missing-note")
        if scan.screenshot:
            data = base64.b64encode(scan.screenshot).decode("ascii")
            tags.img(cls="mf-shot", alt=f"What the {scan.seen_by} saw: {scan.name}", src=f"data:image/jpeg;base64,{data}")
        for impact in IMPACTS:
            found = [v for v in scan.violations if v.impact == impact]
            if found:
                tags.h3(f"{impact.capitalize()} ({len(found)})", cls=f"mf-impact-{impact}")
                with tags.ul():
                    for violation in found:
                        _violation(violation)


def _where(url: str) -> str:
    """The page's path, to tell apart two states of one screen (a letter has no path)."""
    parts = urlsplit(url)
    return parts.path if parts.scheme.startswith("http") else ""


def _violation(violation: Violation) -> None:
    with tags.li():
        tags.strong(violation.rule)
        tags.span(f": {violation.help} ")
        if urlsplit(violation.help_url).scheme in ("http", "https"):  # a result's link is the target's word
            tags.a("(how to fix)", href=violation.help_url, rel="noreferrer noopener")
        with tags.ul():
            for element in violation.elements:
                tags.li(tags.code(element.target), " ", tags.code(element.html, cls="mf-a11y-html"))
