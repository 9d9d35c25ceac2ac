"""A failure's message in one readable line: the first line of the error, Playwright's own
diagnosis (not found, strict mode, timeout) and the locator it waited for, with the harness's
own fallbacks said in words."""

from __future__ import annotations

import re

# Playwright's diagnosis, in the order a reader needs it.
DIAGNOSES = (
    re.compile(r"strict mode violation.*", re.IGNORECASE),
    re.compile(r"Actual value: .*"),
    re.compile(r"element\(s\) not found.*"),
    re.compile(r"Timeout \d+ms exceeded.*"),
)
LOCATOR = re.compile(r"waiting for (.+)")
EXCEPTION_LINE = re.compile(r"^(?:[\w.]+\.)?(\w*(?:Error|Exception|Failed|Missing|Unreachable|"
                            r"Mismatch|Checked|Applicable))(?:: (.*))?$")


def describe(error_text: str) -> tuple[str, str]:
    """(first line of the error with Playwright's diagnosis, the locator it waited for)."""
    lines = [line.strip() for line in _exception_part(error_text).splitlines() if line.strip()]
    if not lines:
        return "", ""
    headline = lines[0]
    diagnosis = next((m.group(0) for line in lines[1:] for p in DIAGNOSES if (m := p.search(line))), "")
    locator = readable(next((m.group(1).strip() for line in lines if (m := LOCATOR.search(line))), ""))
    text = headline if not diagnosis or diagnosis in headline else f"{headline} ({diagnosis})"
    return text, locator


# The landmark fallback of the pages, as Playwright spells it, and how a reader says it.
LANDMARK_FALLBACK = re.compile(
    r'locator\("body"\)\.filter\(has_not=get_by_role\("(\w+)"\)\)\.or_\(get_by_role\("\1"\)\)')
TOLERANT_NAME = re.compile(r're\.compile\(r"\^\\s\*(.*?)\(\\s\*\[\^\\w\\s\]\{1,2\}\)\?\\s\*\\\*\?\\s\*\$", re\.IGNORECASE\)')
EXACT_NAME = re.compile(r're\.compile\(r"\^\\s\*(.*?)\(\\s\*\[\^\\w\\s\]\{1,2\}\)\?\\s\*\\\*\?\\s\*\$"\)')
# The any-case fallback of a name matched exactly first (mailflow_specs.pages.screen: Screen.by_role).
CASE_FALLBACK = '.or_(locator("html").filter(has_not='


def readable(locator: str) -> str:
    """Playwright's locator with the harness's own fallbacks said in words."""
    locator = _without_case_fallbacks(locator)
    locator = LANDMARK_FALLBACK.sub(lambda m: f"{m.group(1)}-landmark-or-whole-page", locator)
    locator = TOLERANT_NAME.sub(lambda m: repr(m.group(1).replace("\\", "")), locator)
    locator = EXACT_NAME.sub(lambda m: repr(m.group(1).replace("\\", "")), locator)
    return locator[:300]


def _without_case_fallbacks(locator: str) -> str:
    """``A.or_(locator("html").filter(has_not=A)…A-in-any-case)`` said as ``A``: the name, exactly
    so where the page has it, else in any case."""
    start = locator.find(CASE_FALLBACK)
    while start >= 0:
        end = _closing(locator, start + len(".or_"))
        if end < 0:
            return locator
        locator = locator[:start] + locator[end + 1:]
        start = locator.find(CASE_FALLBACK)
    return locator


def _closing(text: str, opening: int) -> int:
    """The index of the parenthesis closing the one at ``opening`` (quotes skipped), or -1."""
    depth, quote, escaped = 0, "", False
    for index in range(opening, len(text)):
        char = text[index]
        if quote:
            escaped = char == "\\" and not escaped
            if char == quote and not escaped:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _exception_part(text: str) -> str:
    """A traceback's exception and message; any other text as it is."""
    text = text.strip()
    for prefix in ("Assertion Failed: ", "HOOK-ERROR in before_scenario: "):
        text = text.removeprefix(prefix)
    if not text.startswith("Traceback"):
        return text
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = EXCEPTION_LINE.match(line)
        if match and not line.startswith(" "):
            return "\n".join([match.group(2) or match.group(1), *lines[index + 1:]])
    return lines[-1]


def clip(text: str, limit: int = 300) -> str:
    """A reason for one line: whole, or cut at ``limit`` with an ellipsis that says so."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
