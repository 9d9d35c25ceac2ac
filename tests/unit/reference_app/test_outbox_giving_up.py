"""The outbox gives up in the open: a permanent SMTP refusal ends a letter at once, a passing
one is retried with a growing wait up to a number of attempts; either way the letter's row says
`undeliverable` and the log has an ERROR line. Letters go out several at a time."""

from __future__ import annotations

import logging
import socketserver
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from conftest import RegistrationActions, letters
from flask import Flask

from reference_app.mail import retry_delay, send_pending
from reference_app.models import utcnow


@dataclass
class RefusingSmtp:
    """A loopback SMTP server that answers every recipient with `answer` (550: for good)."""

    port: int
    answer: str
    recipients_seen: int = 0


class _RefusingHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        server: RefusingSmtp = self.server.refusing  # type: ignore[attr-defined]
        self.wfile.write(b"220 refusing ready\r\n")
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith("RCPT"):
                server.recipients_seen += 1
                self.wfile.write(f"{server.answer}\r\n".encode("ascii"))
            elif command.startswith("QUIT"):
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def refusing_server(answer: str) -> Iterator[RefusingSmtp]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RefusingHandler)
    server.daemon_threads = True
    server.refusing = RefusingSmtp(server.server_address[1], answer)  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.refusing  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


@pytest.fixture
def refusing_for_good() -> Iterator[RefusingSmtp]:
    yield from refusing_server("550 5.1.1 No such mailbox here")


@pytest.fixture
def refusing_for_now() -> Iterator[RefusingSmtp]:
    yield from refusing_server("451 4.3.0 Try again later")


def test_a_permanent_refusal_makes_the_letter_undeliverable_at_once_and_says_so_in_the_log(
    make_app, refusing_for_good: RefusingSmtp, caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(SMTP_PORT=refusing_for_good.port)
    with caplog.at_level(logging.ERROR, logger="reference_app.mail"):
        assert RegistrationActions(app.test_client()).register().status_code == 302
    [letter] = letters(app)
    assert (letter.status, letter.attempts) == ("undeliverable", 1)
    assert "550" in letter.last_error and "No such mailbox" in letter.last_error
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert line.startswith(f"Letter {letter.id} to ola@example.com is undeliverable after 1 attempt(s)"), line
    assert send_pending(app, now=utcnow() + timedelta(days=30)) == 0
    assert refusing_for_good.recipients_seen == 1, "Expected no retry of a letter refused for good"


def test_a_passing_refusal_is_retried_with_a_growing_wait_then_given_up(
    make_app, refusing_for_now: RefusingSmtp, caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(SMTP_PORT=refusing_for_now.port, OUTBOX_MAX_ATTEMPTS=4, OUTBOX_RETRY_SECONDS=5,
                   OUTBOX_RETRY_MAX_SECONDS=15)
    RegistrationActions(app.test_client()).register()
    waits = []
    for _ in range(3):
        [letter] = letters(app)
        assert letter.status == "pending"
        waits.append(round((letter.next_attempt_at - utcnow()).total_seconds()))
        assert send_pending(app, now=letter.next_attempt_at - timedelta(seconds=1)) == 0  # not due yet
        with caplog.at_level(logging.ERROR, logger="reference_app.mail"):
            send_pending(app, now=letter.next_attempt_at)
    assert waits == [5, 10, 15], "Expected the wait doubled after each attempt, at most 15 s"
    [letter] = letters(app)
    assert (letter.status, letter.attempts, refusing_for_now.recipients_seen) == ("undeliverable", 4, 4)
    assert any("undeliverable after 4 attempt(s)" in r.getMessage() for r in caplog.records)


def test_the_wait_between_attempts_doubles_up_to_its_longest(app: Flask) -> None:
    waits = [retry_delay(app.config, attempts).total_seconds() for attempts in (1, 2, 3, 10, 1000)]
    assert waits == [5, 10, 20, 2560, 3600]


@dataclass
class HoldingSmtp:
    """Accepts connections and says nothing: each sender waits out its SMTP timeout."""

    port: int
    accepted_at: list[float] = field(default_factory=list)


@pytest.mark.timeout(60)
def test_letters_go_out_several_at_a_time_but_no_more_than_the_senders(make_app) -> None:
    holding = HoldingSmtp(0)

    class Hold(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            holding.accepted_at.append(time.monotonic())
            self.request.settimeout(10)
            try:
                while self.request.recv(1024):
                    pass
            except OSError:
                pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Hold)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = make_app(SMTP_TIMEOUT_SECONDS=1.5)  # SMTP down while the letters are queued
        client = app.test_client()
        for number in range(5):
            client.post("/__test__/accounts", json={"email": f"s{number}@example.com", "password": "pw",
                                                    "name": "Some One"})
        app.config["SMTP_PORT"] = server.server_address[1]
        started = time.monotonic()
        send_pending(app, now=utcnow() + timedelta(minutes=1), senders=2)
        took = time.monotonic() - started
    finally:
        server.shutdown()
        server.server_close()
    first = holding.accepted_at[0]
    at_once = [moment for moment in holding.accepted_at if moment - first < 1.0]
    assert len(holding.accepted_at) == 5 and len(at_once) == 2, holding.accepted_at
    assert 4.0 <= took < 7.0, f"Expected three rounds of 1.5 s with two senders; took {took:.1f} s"
