"""`python -m reference_app` serves with waitress, announces its address and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
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


HALF_OPEN = 150  # more than waitress's default connection limit (100), which took the shop offline


def start_server(tmp_path: Path, **settings: str) -> tuple[subprocess.Popen, str]:
    environment = {
        **os.environ,
        "BAZAAR_SQLALCHEMY_DATABASE_URI": f'"sqlite:///{tmp_path / "served.sqlite"}"',
        "BAZAAR_SECRET_KEY": '"served"',
        "BAZAAR_SMTP_PORT": "9",
        **{f"BAZAAR_{name}": value for name, value in settings.items()},
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "reference_app", "--port", "0", "--test-mode"],
        cwd=Path(__file__).parents[3], env=environment, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    line = server.stdout.readline().strip()  # type: ignore[union-attr]
    assert line.startswith("Bazaar listening on http://127.0.0.1:"), line
    return server, line.removeprefix("Bazaar listening on ")


@pytest.mark.timeout(90)
def test_slow_clients_neither_take_the_shop_offline_nor_keep_their_connections(tmp_path: Path) -> None:
    server, base = start_server(tmp_path, SERVER_CHANNEL_TIMEOUT_SECONDS="3")
    port = int(base.rsplit(":", 1)[1])
    slow: list[socket.socket] = []
    try:
        for _ in range(HALF_OPEN):  # each sends half a request and then nothing
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(connection)
        started = time.monotonic()
        with urllib.request.urlopen(f"{base}/", timeout=5) as response:
            assert response.status == 200
        assert time.monotonic() - started < 5
        slow[0].settimeout(15)
        started = time.monotonic()
        closed = slow[0].recv(1) == b""  # the server closes a silent connection: recv returns nothing
        assert closed and time.monotonic() - started < 15, "Expected the silent connection closed by the server"
    finally:
        for connection in slow:
            connection.close()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
            server.stdout.close()  # type: ignore[union-attr]
