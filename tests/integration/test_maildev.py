"""A second mail catcher behind the door: one flow of each part of the guide, with MailDev.

The shop sends its letters to MailDev, the webmail shows them from MailDev, and the harness
waits for them and reads them there; nothing outside ``mailflow_specs/mail/`` knows the difference.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailflow_specs.mail.catchers import server

ROOT = Path(__file__).resolve().parents[2]
# Registration confirmed from the letter; confirming later from the personal data page;
# the change of address through the old mailbox (the link letter, then the code letter).
ONE_FLOW_OF_EACH_PART = ("REG-13", "CONF-07", "CHG-07")

pytestmark = pytest.mark.integration


def test_one_flow_of_each_part_passes_with_maildev_as_the_mail_catcher(tmp_path) -> None:
    maildev = server("maildev")
    if maildev.program() is None:
        maildev.install()  # the set-up installs it where npm is; CI's machine has npm
    tags = " or ".join(f"@{i}" for i in ONE_FLOW_OF_EACH_PART)
    done = subprocess.run(
        [sys.executable, "-m", "mailflow_specs", "run", "--mail", "maildev", "--tags", tags, "--reports", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    report = (tmp_path / "latest").resolve()
    output = f"--- output ---\n{done.stdout[-5000:]}\n{done.stderr[-2000:]}"
    assert done.returncode == 0, output
    info = json.loads((report / "artifacts" / "run-info.json").read_text(encoding="utf-8"))
    assert info["mail"].startswith("MailDev 3.0.0"), info["mail"]
    table = json.loads((report / "traceability.json").read_text(encoding="utf-8"))
    statuses = {i: table[i]["status"] for i in ONE_FLOW_OF_EACH_PART}
    assert statuses == dict.fromkeys(ONE_FLOW_OF_EACH_PART, "passed"), output
    assert (report / "artifacts" / "stack" / "maildev.log").is_file()
    assert not (report / "artifacts" / "stack" / "mailpit.log").exists()
