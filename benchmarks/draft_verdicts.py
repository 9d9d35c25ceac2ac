"""How far an untouched drafted profile gets: keys filled, and real verdicts of a whole run.

    .venv/bin/python benchmarks/draft_verdicts.py                    # both in-project examples
    .venv/bin/python benchmarks/draft_verdicts.py --only allauth

For each example (the Flask-Security shop on 5200, the allauth shop on 5300) it starts the shop
with its mail catcher the way the README says (`mailflow serve --mail-only --target-command …`;
a shop already answering on its port is used as it is), drafts a profile with
`mailflow probe --draft`, and runs the whole specification with that draft as it was written.
It prints the keys filled, how many equal the hand-written profile's, the seconds the draft
took, and per instruction the status the draft reached beside the status the final profile
reaches (the expected table of that example's integration test): a *real verdict* is passed,
failed or a deviation; "same" counts the instructions whose real verdict the draft reached.
Prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))

from test_foreign_target import EXPECTED as FLASK_SECURITY  # noqa: E402
from test_second_foreign_target import EXPECTED as ALLAUTH  # noqa: E402

from mailflow_specs.run.draft import compare, read_draft  # noqa: E402

REAL = ("passed", "failed", "deviation")
EXAMPLES = {
    "flask-security": (5200, "examples.flask_security_shop", FLASK_SECURITY),
    "allauth": (5300, "examples.allauth_shop", ALLAUTH),
}


def answering(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def start(port: int, module: str) -> subprocess.Popen | None:
    url = f"http://127.0.0.1:{port}/"
    if answering(url):
        return None
    shop = f"{sys.executable} -m {module} --port {port} --smtp 127.0.0.1:{port + 3} --test-mode"
    server = subprocess.Popen([sys.executable, "-m", "mailflow_specs", "serve", "--mail-only", "--port-base",
                               str(port), "--target-command", shop], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not answering(url):
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            raise SystemExit(f"Expected the shop to answer on {url} within 60 s; it did not.")
        time.sleep(0.2)  # between polls of the shop's port, with a deadline
    return server


def measure(name: str, work: Path) -> None:
    port, module, expected = EXAMPLES[name]
    server = start(port, module)
    try:
        drafted = work / f"{name}-draft.toml"
        clock = time.monotonic()
        subprocess.run([sys.executable, "-m", "mailflow_specs", "probe", "--draft", str(drafted),
                        f"http://127.0.0.1:{port}"], cwd=ROOT, check=True, capture_output=True, text=True)
        drafting = time.monotonic() - clock
        filled, equal, _ = compare(read_draft(drafted), ROOT / "fixtures" / "targets" / f"{name}.toml")
        clock = time.monotonic()
        subprocess.run([sys.executable, "-m", "mailflow_specs", "run", "--target", str(drafted), "--workers", "2",
                        "--reports", str(work / name)], cwd=ROOT, capture_output=True, text=True)
        running = time.monotonic() - clock
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    table = json.loads((work / name / "latest" / "traceability.json").read_text(encoding="utf-8"))
    final = [i for i, (status, *_) in expected.items() if status in REAL]
    same = [i for i in final if table[i]["status"] == expected[i][0]]
    wrong_passes = [i for i, entry in table.items() if entry["status"] == "passed" and expected[i][0] != "passed"]
    print(f"{name}: drafted in {drafting:.0f}s, {filled} keys filled, {equal} equal to the hand-written profile; "
          f"whole run {running:.0f}s")
    print(f"  real verdicts reached untouched: {len(same)}/{len(final)} ({100 * len(same) / len(final):.0f}%); "
          f"wrong passes: {len(wrong_passes)} {wrong_passes or ''}")
    for instruction, (status, *_) in expected.items():
        if table[instruction]["status"] != status:
            print(f"  {instruction:8} final {status:9} draft {table[instruction]['status']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(EXAMPLES), action="append")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mailflow-draft-verdicts-"))
    for name in args.only or sorted(EXAMPLES):
        measure(name, work)
    print(f"drafts and runs in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
