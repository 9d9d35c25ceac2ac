"""``mailflow probe --draft``: a first profile drafted from a running target, measured against the
profile written by hand. On Bazaar (started as an external target, as another team's build
would be) it fills the routes, the registration form's texts and the refusals it can provoke
safely, and every value it fills is the hand-written one (or, for a route the hand-written
profile does not need, the page the control opens).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mailflow_specs.run.draft import compare, read_draft

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(5110, 5114)


def test_a_profile_drafted_from_bazaar_fills_its_keys_with_the_hand_written_values(
        external_server, tmp_path: Path) -> None:
    external_server([sys.executable, "-m", "mailflow_specs", "serve", "--port-base", str(PORTS.start)], PORTS,
                    "Bazaar as an external target")
    drafted = tmp_path / "my-shop.toml"
    done = subprocess.run([sys.executable, "-m", "mailflow_specs", "probe", "--draft", str(drafted),
                           f"http://127.0.0.1:{PORTS.start}"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = tomllib.loads(drafted.read_text(encoding="utf-8"))
    filled, equal, differing = compare(read_draft(drafted), ROOT / "fixtures" / "targets" / "reference.toml")
    assert filled >= 15, drafted.read_text(encoding="utf-8")
    assert differing == ["routes.register: drafted '/register', the profile says None"], differing
    assert equal == filled - 1
    for key in ("name_required", "email_invalid", "passwords_differ"):
        assert key in data["refusals"], key
    # Every key left open is there as a comment saying why.
    text = drafted.read_text(encoding="utf-8")
    assert "# confirmation_subject = \"\"  # not on the pages the kit visits" in text
    # Bazaar's form asks for a CAPTCHA the kit cannot answer: nothing is registered, and the draft says so.
    assert "# nothing registered: the form has a CAPTCHA the kit cannot answer" in text
    checked = subprocess.run([sys.executable, "-m", "mailflow_specs", "check-profile", str(drafted)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
