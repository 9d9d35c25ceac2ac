"""Failing fast: a target whose registration cannot be reached (Bazaar's profile with a "Register"
text that matches nothing, and no account seam) ends within 2 minutes with under 5 MB written.
The first scenario that needs the form fails REG-02 alone (REG-01 fails its own soft check,
REG-03 is not reached); every later scenario that relies on the form is "not checked" at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_a_run_where_registration_cannot_be_reached_ends_fast_and_small(tmp_path: Path) -> None:
    source = (ROOT / "fixtures" / "targets" / "reference.toml").read_text(encoding="utf-8")
    unreachable = source.replace('register = "Register"', 'register = "Join the club"', 1)
    unreachable = "\n".join(line for line in unreachable.splitlines() if not line.startswith("account_seam"))
    profile = tmp_path / "unreachable.toml"
    profile.write_text(unreachable, encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "mailflow_specs", "run", "--target", str(profile), "--workers", "1",
                           "--reports", str(tmp_path / "reports")], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    took = time.monotonic() - started
    run = (tmp_path / "reports" / "latest").resolve()
    table = json.loads((run / "traceability.json").read_text(encoding="utf-8"))
    written = sum(f.stat().st_size for f in run.rglob("*") if f.is_file() and "stack" not in f.parts)
    assert took < 120, (took, done.stdout[-3000:])
    assert written < 5e6, written
    assert table["REG-01"]["status"] == "failed"
    assert table["REG-02"]["status"] == "failed"
    assert table["REG-03"]["status"] == "skipped"
    fast = [i for i, entry in table.items()
            if "did not work here (in an earlier scenario)" in json.dumps(entry["scenarios"])]
    assert len(fast) >= 25, fast
    assert all(table[i]["status"] == "skipped" for i in fast)
