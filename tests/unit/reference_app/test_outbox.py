"""The outbox: an SMTP outage delays a letter but never loses it nor breaks registration."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import (
    STRONG_PASSWORD,
    RegistrationActions,
    SilentSmtp,
    SmtpSink,
    letters,
    serving,
)
from flask import Flask

from reference_app import mail
from reference_app.mail import send_pending, start_outbox_worker
from reference_app.models import utcnow


def test_registration_succeeds_while_smtp_is_down_and_the_letter_waits(
    app: Flask, registration: RegistrationActions,
) -> None:
    assert registration.register().status_code == 302
    [letter] = letters(app)
    assert letter.status == "pending"
    assert letter.attempts == 1
    assert "ConnectionRefusedError" in (letter.last_error or "")
    assert letter.next_attempt_at > utcnow()


def test_a_waiting_letter_is_sent_when_smtp_is_back(
    app: Flask, registration: RegistrationActions, smtp_sink: SmtpSink,
) -> None:
    registration.register()
    assert send_pending(app) == 0  # not due yet: it waits OUTBOX_RETRY_SECONDS
    app.config["SMTP_PORT"] = smtp_sink.port
    assert send_pending(app, now=utcnow() + timedelta(seconds=6)) == 1
    [letter] = letters(app)
    assert (letter.status, letter.attempts, letter.last_error) == ("sent", 2, None)
    [message] = smtp_sink.received
    assert message["From"] == "Bazaar <no-reply@bazaar.example>"
    assert message["To"] == "ola@example.com"
    assert message["Subject"] == "Confirm your email address"
    assert message.get_content_type() == "multipart/alternative"
    html = message.get_body(("html",)).get_content()
    assert re.search(r'href="http://localhost/confirm/[^"]+"', html)
    assert STRONG_PASSWORD not in message.as_string()
    assert send_pending(app, now=utcnow() + timedelta(minutes=5)) == 0


def test_a_letter_goes_out_at_once_when_smtp_answers(
    make_app, smtp_sink: SmtpSink,
) -> None:
    app = make_app(SMTP_PORT=smtp_sink.port)
    assert RegistrationActions(app.test_client()).register().status_code == 302
    assert [letter.status for letter in letters(app)] == ["sent"]
    assert len(smtp_sink.received) == 1


def test_the_outbox_worker_starts_and_stops(app: Flask) -> None:
    worker = start_outbox_worker(app)
    worker.stop()
    assert not worker.is_alive()


def test_a_delivered_letter_keeps_no_link_at_rest_and_arrives_as_queued(
    app: Flask, registration: RegistrationActions, smtp_sink: SmtpSink,
) -> None:
    registration.register()
    [queued] = letters(app)
    assert "/confirm/" in queued.html
    app.config["SMTP_PORT"] = smtp_sink.port
    assert send_pending(app, now=utcnow() + timedelta(seconds=6)) == 1
    [sent] = letters(app)
    assert (sent.text, sent.html) == ("", ""), "Expected the body purged once delivered"
    assert (sent.recipient, sent.subject, sent.status) == (queued.recipient, queued.subject, "sent")
    [message] = smtp_sink.received
    for kind, body in (("html", queued.html), ("plain", queued.text)):
        assert lines(message.get_body((kind,)).get_content()) == lines(body)


def lines(text: str) -> list[str]:
    return text.strip().splitlines()


def test_a_letter_sent_again_after_a_crash_is_the_same_message(
    app: Flask, registration: RegistrationActions, smtp_sink: SmtpSink, monkeypatch,
) -> None:
    registration.register()
    app.config["SMTP_PORT"] = smtp_sink.port

    def crash(letter: object) -> None:
        raise SystemExit("killed between the server's 250 and recording it")

    with monkeypatch.context() as patch:
        patch.setattr(mail, "record_sent", crash)
        with pytest.raises(SystemExit):
            send_pending(app, now=utcnow() + timedelta(seconds=6))
    assert send_pending(app, now=utcnow() + mail.LEASE + timedelta(seconds=6)) == 1
    first, second = smtp_sink.received
    assert first["Message-ID"] == second["Message-ID"] == letters(app)[0].message_id


@pytest.mark.timeout(60)
def test_a_silent_smtp_server_does_not_hold_the_shoppers_request(
    make_app, silent_smtp: SilentSmtp,
) -> None:
    app = make_app(SMTP_PORT=silent_smtp.port, SMTP_TIMEOUT_SECONDS=120, SMTP_DEADLINE_SECONDS=120)
    worker = start_outbox_worker(app)
    client = app.test_client()
    registration = RegistrationActions(client)
    registration.fix_captcha()
    client.get("/register")
    try:
        with serving(app) as live:
            status, _ = live.request("POST", "/register", cookie=client.get_cookie("session").value,
                                     data=registration.form_data(), timeout=20)
        assert status == 302
        assert silent_smtp.accepted.wait(20), "Expected the worker to try the silent server"
        assert [letter.status for letter in letters(app)] == ["pending"]
    finally:
        silent_smtp.released.set()
        worker.stop()


@pytest.mark.timeout(60)
def test_a_letter_that_takes_longer_than_the_deadline_is_cut_and_waits(
    make_app, silent_smtp: SilentSmtp,
) -> None:
    app = make_app(SMTP_PORT=silent_smtp.port, SMTP_TIMEOUT_SECONDS=120, SMTP_DEADLINE_SECONDS=1)
    RegistrationActions(app.test_client()).register()
    [letter] = letters(app)
    assert letter.status == "pending"
    assert "deadline" in (letter.last_error or ""), letter.last_error



def test_the_mail_loss_seam_loses_only_the_next_letter_to_that_address(
    make_app, smtp_sink: SmtpSink,
) -> None:
    app = make_app(SMTP_PORT=smtp_sink.port)
    client = app.test_client()
    assert client.post("/__test__/mail/lose", json={"email": "Ola@example.com"}).status_code == 204
    registration = RegistrationActions(client)
    assert registration.register().status_code == 302
    [lost] = letters(app)
    assert lost.status == "lost" and smtp_sink.received == []
    assert send_pending(app, now=utcnow() + timedelta(minutes=5)) == 0  # never retried
    registration.sign_in()
    client.post("/account/profile-settings/change/profile/confirm-email", data={})
    assert [letter.status for letter in letters(app)] == ["lost", "sent"]
    assert len(smtp_sink.received) == 1


def test_the_mail_loss_seam_wants_an_address(app: Flask) -> None:
    response = app.test_client().post("/__test__/mail/lose", json={"mail": "x"})
    assert response.status_code == 400 and "email" in response.get_json()["error"]
