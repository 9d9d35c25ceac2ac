"""The outbox: an SMTP outage delays a letter but never loses it nor breaks registration."""

from __future__ import annotations

from datetime import timedelta

from conftest import (
    STRONG_PASSWORD,
    RegistrationActions,
    SmtpSink,
    confirm_path,
    letters,
)
from flask import Flask

from reference_app.mail import send_pending
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
    assert confirm_path(letter) in html
    assert STRONG_PASSWORD not in message.as_string()
    assert send_pending(app, now=utcnow() + timedelta(minutes=5)) == 0


def test_a_letter_goes_out_at_once_when_smtp_answers(
    make_app, smtp_sink: SmtpSink,  # noqa: ANN001
) -> None:
    app = make_app(SMTP_PORT=smtp_sink.port)
    assert RegistrationActions(app.test_client()).register().status_code == 302
    assert [letter.status for letter in letters(app)] == ["sent"]
    assert len(smtp_sink.received) == 1


def test_the_outbox_worker_starts_and_stops(app: Flask) -> None:
    from reference_app.mail import start_outbox_worker

    worker = start_outbox_worker(app)
    worker.stop()
    assert not worker._thread.is_alive()


def test_the_mail_loss_seam_loses_only_the_next_letter_to_that_address(
    make_app, smtp_sink: SmtpSink,  # noqa: ANN001
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
