"""What a report says, without what differs between any two runs: for comparing two reports.

``python -m mailflow_specs.report.content A/index.html B/index.html`` prints the differences in
content between two reports (a merged one and a serial one, say) and exits 1 if there are
any; given two run folders, it compares their ``index.html``, ``traceability.json``,
``accessibility.json`` and JUnit files. Left out, because they differ between two runs of
the same scenarios: times and durations, the run's addresses and ports, the shoppers'
generated addresses, pictures, the letters' bodies, element ids that are random, where
failure evidence is kept, the order of the JSON's pages and of the JUnit test cases, and
the JUnit's captured output.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

# What differs between two runs in any text: the shoppers' addresses, ports, times, dates and tokens.
TEXT = (
    (re.compile(r"[\w.+-]+(@|%40| at )[\w-]+(\.[\w-]+)+"), "someone@example"),  # also %40, and " at " typed for "@"
    (re.compile(r"https?://127\.0\.0\.1:\d+"), "http://127.0.0.1:PORT"),
    (re.compile(r"\d+(\.\d+)?\s?(s|ms)\b"), "N s"),
    (re.compile(r"\d+ min \d+ s"), "N s"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?"), "DATE"),
    # a link's token or a letter's id in an address, and the number of a support chat
    (re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=[/\"'<\s?#),]|$)", re.M), "TOKEN"),
    (re.compile(r"/chats/\d+"), "/chats/N"),
)
VOLATILE = (
    (re.compile(r"<head>.*?</head>", re.S), "<head/>"),
    (re.compile(r"base64,[A-Za-z0-9+/=]+"), "base64,…"),
    (re.compile(r'srcdoc="[^"]*"'), 'srcdoc="…"'),
    *TEXT,
    (re.compile(r"(embed|embed_button|table)_[0-9a-f]+\b"), r"\1_ID"),
    (re.compile(r"toggle_hash\('[0-9a-f]{8}'\)"), "toggle_hash('ID')"),
    (re.compile(r'href="[^"]*artifacts/failures/'), 'href="…artifacts/failures/'),
    (re.compile(r"<tr>\s*<th>(Target address|Started|Duration|Mailpit)</th>.*?</tr>", re.S), ""),
    (re.compile(r"(Started|Finished|Duration): [^<]*<"), r"\1: …<"),
    (re.compile(r"\d+ scenarios in \d+ processes|<tr>\s*<th>Shards</th>.*?</tr>", re.S), ""),
)
JSON_FILES = ("traceability.json", "accessibility.json")


def content_lines(page: str) -> list[str]:
    """The report's HTML with the volatile parts replaced, one element per line."""
    for pattern, replacement in VOLATILE:
        page = pattern.sub(replacement, page)
    return [line.strip() for line in re.sub(r">\s*<", ">\n<", page).splitlines() if line.strip()]


def differences(first: Path, second: Path) -> list[str]:
    a = content_lines(first.read_text(encoding="utf-8"))
    b = content_lines(second.read_text(encoding="utf-8"))
    return list(difflib.unified_diff(a, b, str(first), str(second), lineterm="", n=1))


def run_differences(first: Path, second: Path) -> list[str]:
    """Two run folders' report, traceability.json, accessibility.json and JUnit files, compared."""
    found = differences(first / "index.html", second / "index.html")
    for name in JSON_FILES:
        found += _diff(_json_lines(first / name), _json_lines(second / name), first / name, second / name)
    names = sorted({p.name for folder in (first, second) for p in (folder / "junit").glob("*.xml")})
    for name in names:
        a, b = first / "junit" / name, second / "junit" / name
        found += _diff(_junit_lines(a), _junit_lines(b), a, b)
    return found


def _diff(a: list[str], b: list[str], first: Path, second: Path) -> list[str]:
    return list(difflib.unified_diff(a, b, str(first), str(second), lineterm="", n=1))


def _masked(text: str) -> str:
    for pattern, replacement in TEXT:
        text = pattern.sub(replacement, text)
    return text


def _json_lines(path: Path) -> list[str]:
    """A JSON file's content, its volatile parts masked; accessibility.json without its timing,
    its pages sorted by key (and their scenarios by name)."""
    if not path.is_file():
        return ["(no file)"]
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data.get("cost"), dict):
        data["cost"].pop("seconds", None)
    if isinstance(data.get("pages"), list):
        for page in data["pages"]:
            page["seen_in"] = sorted(page.get("seen_in", []))
        data["pages"].sort(key=lambda page: (page.get("key", ""), page.get("page", "")))
    return _masked(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)).splitlines()


def _junit_lines(path: Path) -> list[str]:
    """A JUnit file's suite counts and test cases (name, status, message), sorted by name."""
    if not path.is_file():
        return ["(no file)"]
    suite = ET.parse(path).getroot()
    lines = [" ".join(f"{key}={suite.get(key)}" for key in ("name", "tests", "errors", "failures", "skipped"))]
    cases = []
    for case in suite.iter("testcase"):
        verdicts = [f"{child.tag}: {child.get('message', '')}" for child in case
                    if child.tag in ("failure", "error", "skipped")]
        cases.append(f"{case.get('classname')} / {case.get('name')} [{case.get('status')}] {' '.join(verdicts)}")
    return [_masked(line) for line in lines + sorted(cases)]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python -m mailflow_specs.report.content A/index.html B/index.html  (or two run folders)\n")
        return 2
    first, second = Path(argv[0]), Path(argv[1])
    found = run_differences(first, second) if first.is_dir() else differences(first, second)
    sys.stdout.write("\n".join(found[:400]) + ("\n" if found else "The two reports say the same.\n"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
