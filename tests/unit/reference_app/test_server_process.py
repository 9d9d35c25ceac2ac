"""`python -m reference_app` serves with waitress, announces its address and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest


@pytest.mark.timeout(60)
def test_the_server_announces_its_address_serves_pages_and_stops_on_sigterm(tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "BAZAAR_SQLALCHEMY_DATABASE_URI": f'"sqlite:///{tmp_path / "served.sqlite"}"',
        "BAZAAR_SECRET_KEY": '"served"',
        "BAZAAR_SMTP_PORT": "9",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "reference_app", "--port", "0", "--test-mode"],
        cwd=Path(__file__).parents[3], env=environment, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    try:
        line = server.stdout.readline().strip()  # type: ignore[union-attr]
        assert line.startswith("Bazaar listening on http://127.0.0.1:")
        base = line.removeprefix("Bazaar listening on ")
        with urllib.request.urlopen(f"{base}/register", timeout=10) as response:
            assert "Create your profile" in response.read().decode("utf-8")
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        server.stdout.close()  # type: ignore[union-attr]
