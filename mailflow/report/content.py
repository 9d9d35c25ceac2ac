"""What a report says, without what differs between any two runs: for comparing two reports.

``python -m mailflow.report.content A/index.html B/index.html`` prints the differences in
content between two reports (a merged one and a serial one, say) and exits 1 if there are
any. Left out, because they differ between two runs of the same scenarios: times and
durations, the run's addresses and ports, the shoppers' generated addresses, pictures,
the letters' bodies, element ids that are random, and where failure evidence is kept.
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

VOLATILE = (
    (re.compile(r"<head>.*?</head>", re.S), "<head/>"),
    (re.compile(r"base64,[A-Za-z0-9+/=]+"), "base64,…"),
    (re.compile(r'srcdoc="[^"]*"'), 'srcdoc="…"'),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "someone@example"),
    (re.compile(r"https?://127\.0\.0\.1:\d+"), "http://127.0.0.1:PORT"),
    (re.compile(r"\d+(\.\d+)?\s?(s|ms)\b"), "N s"),
    (re.compile(r"\d+ min \d+ s"), "N s"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?"), "DATE"),
    (re.compile(r"(embed|embed_button|table)_[0-9a-f]+\b"), r"\1_ID"),
    (re.compile(r"toggle_hash\('[0-9a-f]{8}'\)"), "toggle_hash('ID')"),
    (re.compile(r'href="[^"]*artifacts/failures/'), 'href="…artifacts/failures/'),
    (re.compile(r"<tr>\s*<th>(Target address|Started|Duration|Mailpit)</th>.*?</tr>", re.S), ""),
    (re.compile(r"(Started|Finished|Duration): [^<]*<"), r"\1: …<"),
    (re.compile(r"\d+ scenarios in \d+ processes|<tr>\s*<th>Shards</th>.*?</tr>", re.S), ""),
)


def content_lines(page: str) -> list[str]:
    """The report's HTML with the volatile parts replaced, one element per line."""
    for pattern, replacement in VOLATILE:
        page = pattern.sub(replacement, page)
    return [line.strip() for line in re.sub(r">\s*<", ">\n<", page).splitlines() if line.strip()]


def differences(first: Path, second: Path) -> list[str]:
    a = content_lines(first.read_text(encoding="utf-8"))
    b = content_lines(second.read_text(encoding="utf-8"))
    return list(difflib.unified_diff(a, b, str(first), str(second), lineterm="", n=1))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python -m mailflow.report.content A/index.html B/index.html\n")
        return 2
    found = differences(Path(argv[0]), Path(argv[1]))
    sys.stdout.write("\n".join(found[:400]) + ("\n" if found else "The two reports say the same.\n"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
