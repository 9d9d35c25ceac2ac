"""Fixtures for the reference app: a fresh app on a temporary SQLite file per test, with SMTP
aimed at a closed port (so letters stay in the outbox) unless a test starts an SMTP sink."""

from __future__ import annotations

import contextlib
import html
import http.client
import os
import re
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

from reference_app import create_app, init_db
from reference_app.extensions import db
from reference_app.models import OutboxLetter

CAPTCHA = "ABCDE"
STRONG_PASSWORD = "violet Tractor 81 lemonade"


def free_port() -> int:
    """A port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_config(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'bazaar.sqlite'}",
        "TEST_MODE": True,
        "PASSWORD_HASHING": "test",  # a low Argon2 cost; test_account_seam.py checks both costs
        "WTF_CSRF_ENABLED": False,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": free_port(),
        "SMTP_TIMEOUT_SECONDS": 2,
        "WEBMAIL_URL": "http://webmail.test:8026",
        "PUBLIC_URL": "http://localhost",
    }
    config.update(overrides)
    if not config["TEST_MODE"] and "PASSWORD_HASHING" not in overrides:
        config["PASSWORD_HASHING"] = "production"  # the app refuses the test cost outside test mode
    return config


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Build an app with extra settings: make_app(TEST_MODE=False)."""
    for name in [n for n in os.environ if n.startswith("BAZAAR_")]:
        monkeypatch.delenv(name)

    def build(**overrides: Any) -> Flask:
        app = create_app(app_config(tmp_path, **overrides))
        init_db(app)
        return app

    return build


@pytest.fixture
def app(make_app: Any) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Page:
    """The parts of an HTML page the tests look at: elements by id, and the visible text."""

    def __init__(self, source: str) -> None:
        parser = _Collector()
        parser.feed(source)
        self.html = source
        self.elements = parser.elements
        self.text = " ".join(" ".join(parser.texts).split())

    def attrs(self, element_id: str) -> dict[str, str]:
        return self.elements[element_id]

    def value(self, element_id: str) -> str:
        return self.elements[element_id].get("value", "")

    def description(self, element_id: str) -> str:
        """The text of the element the control's aria-describedby points at ("" if none)."""
        described_by = self.attrs(element_id).get("aria-describedby")
        if not described_by:
            return ""
        match = re.search(rf'id="{re.escape(described_by)}">([^<]*)<', self.html)
        return html.unescape(match.group(1)) if match else ""

    def captcha_src(self) -> str:
        match = re.search(r'<img[^>]*src="(/captcha/[^"]+)"', self.html)
        assert match, "no CAPTCHA picture on the page"
        return match.group(1)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: dict[str, dict[str, str]] = {}
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.elements[values["id"]] = {"tag": tag, **values}

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def page(response: TestResponse) -> Page:
    return Page(response.get_data(as_text=True))


class RegistrationActions:
    """Registering through the form, as the harness does through a browser."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def fix_captcha(self, answer: str = CAPTCHA) -> None:
        response = self.client.post("/__test__/captcha", json={"answer": answer})
        assert response.status_code == 204

    def form_data(self, **overrides: str | None) -> dict[str, str]:
        data = {
            "name": "Ola Nowak",
            "email": "ola@example.com",
            "password": STRONG_PASSWORD,
            "password_repeat": STRONG_PASSWORD,
            "captcha_answer": CAPTCHA,
            "membership": "y",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def register(self, **overrides: str | None) -> TestResponse:
        """Open the form (a fresh CAPTCHA with the fixed answer) and send it."""
        self.fix_captcha()
        self.client.get("/register")
        return self.client.post("/register", data=self.form_data(**overrides))

    def sign_in(self, email: str = "ola@example.com", password: str = STRONG_PASSWORD) -> TestResponse:
        return self.client.post("/sign-in", data={"email": email, "password": password})


@pytest.fixture
def registration(client: FlaskClient) -> RegistrationActions:
    return RegistrationActions(client)


def letters(app: Flask) -> list[OutboxLetter]:
    with app.app_context():
        rows = db.session.execute(db.select(OutboxLetter).order_by(OutboxLetter.id)).scalars().all()
        db.session.expunge_all()
        return list(rows)


def confirm_path(letter: OutboxLetter) -> str:
    """The path of the one confirmation link in the letter."""
    links = re.findall(r'href="([^"]+)"', letter.html)
    assert len(links) == 1, f"expected one link in the letter, found {links}"
    assert links[0].startswith("http://localhost/confirm/")
    return links[0].removeprefix("http://localhost")


@dataclass
class SmtpSink:
    """A tiny real SMTP server on localhost that keeps what it receives."""

    port: int
    received: list[EmailMessage] = field(default_factory=list)


class _SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        sink: SmtpSink = self.server.sink  # type: ignore[attr-defined]
        self.reply("220 sink ready")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith("DATA"):
                self.reply("354 end with .")
                sink.received.append(self.read_data())
                self.reply("250 queued")
            elif command.startswith("QUIT"):
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")

    def read_data(self) -> EmailMessage:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return message_from_bytes(b"".join(lines), policy=policy.default)  # type: ignore[return-value]

    def reply(self, text: str) -> None:
        self.wfile.write(f"{text}\r\n".encode("ascii"))


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
    server.daemon_threads = True
    server.sink = SmtpSink(server.server_address[1])  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.sink  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


# A running server, for tests where the bug is a race: real threads, real sockets.

@dataclass(frozen=True)
class LiveServer:
    """The app served by a threaded WSGI server on loopback (one thread per request)."""

    url: str
    app: Flask

    def request(self, method: str, path: str, *, cookie: str | None = None,
                data: dict[str, str] | None = None, headers: dict[str, str] | None = None,
                timeout: float = 30) -> tuple[int, str]:
        """One request without following redirects: (status, body)."""
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        sent = dict(headers or {})
        body = urlencode(data) if data is not None else None
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie:
            sent["Cookie"] = f"session={cookie}"
        try:
            connection.request(method, path, body, sent)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[LiveServer]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture
def live_server(app: Flask) -> Iterator[LiveServer]:
    with serving(app) as live:
        yield live


def session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None, "Expected the client to hold a session cookie; it has none."
    return cookie.value


def all_at_once(count: int, action: Callable[[], tuple[int, str]]) -> list[tuple[int, str]]:
    """Run `action` in `count` threads released together; their results."""
    barrier = threading.Barrier(count)

    def run() -> tuple[int, str]:
        barrier.wait()
        return action()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: run(), range(count)))


@dataclass
class SilentSmtp:
    """A loopback server that accepts connections and never says a word until released."""

    port: int
    accepted: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def silent_smtp() -> Iterator[SilentSmtp]:
    listener = socket.create_server(("127.0.0.1", 0))
    silent = SilentSmtp(listener.getsockname()[1])

    def hold() -> None:
        connections = []
        listener.settimeout(0.1)
        while not silent.released.is_set():
            try:
                connections.append(listener.accept()[0])
                silent.accepted.set()
            except TimeoutError:
                continue
        for connection in connections:
            connection.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    yield silent
    silent.released.set()
    thread.join()
    listener.close()
