"""The mail outbox: letters are rows committed with the change that caused them, then handed
to the SMTP server by the outbox worker, woken at once by `send_now`. An SMTP outage delays
a letter but never loses it, and a slow or silent SMTP server never holds the request that
queued it: each SMTP step has SMTP_TIMEOUT_SECONDS, a whole letter SMTP_DEADLINE_SECONDS.

A letter's Message-ID is fixed when it is queued, so a letter re-sent after a crash between
the server's "250 accepted" and recording it is the same message (receivers and Mailpit's
--ignore-duplicate-ids keep one). Once delivered, its body (which holds the link or code) is
purged: only the envelope stays, while the tokens themselves are stored hashed.

A letter the SMTP server did not take is tried again after OUTBOX_RETRY_SECONDS, twice as
long after each further attempt (at most OUTBOX_RETRY_MAX_SECONDS). A permanent refusal (a
5xx answer) or OUTBOX_MAX_ATTEMPTS attempts end it: its row gets the status `undeliverable`,
the last error stays in `last_error`, and an ERROR line is logged for the operator. The worker
hands up to OUTBOX_SENDERS letters to SMTP at the same time."""

from __future__ import annotations

import logging
import smtplib
import socket
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from flask import Flask, current_app, render_template, url_for
from sqlalchemy import select, update

from .extensions import db
from .models import OutboxLetter, utcnow

log = logging.getLogger(__name__)

PENDING = "pending"
SENT = "sent"
# Refused for good (a 5xx answer), or not taken after OUTBOX_MAX_ATTEMPTS attempts.
UNDELIVERABLE = "undeliverable"
PURGED = ""  # what a delivered letter's text and HTML are replaced with
# A letter the mail server dropped (only ever set through the test seam /__test__/mail/lose).
LOST = "lost"
# app.extensions key: addresses whose next letter the mail server will lose (test mode only).
LOSSES = "bazaar_mail_losses"
# While one sender works on a letter, nobody else picks it up for this long.
LEASE = timedelta(seconds=60)
WORKER_KEY = "bazaar_outbox_worker"


def public_link(endpoint: str, **values: object) -> str:
    """An absolute link for a letter: PUBLIC_URL and the route's path, never the Host header
    of the request that happened to cause the letter."""
    return str(current_app.config["PUBLIC_URL"]).rstrip("/") + url_for(endpoint, **values)


def queue_letter(recipient: str, subject: str, template: str, account_id: int | None = None,
                 **values: object) -> OutboxLetter:
    """Add a letter to the outbox (not committed: it commits with the caller's change).

    `template` names `templates/mail/<template>.txt` and `.html`; `values` fill them in.
    """
    letter = OutboxLetter(
        account_id=account_id,
        recipient=recipient,
        subject=subject,
        message_id=make_msgid(domain="bazaar.example"),
        text=render_template(f"mail/{template}.txt", subject=subject, **values),
        html=render_template(f"mail/{template}.html", subject=subject, **values),
    )
    db.session.add(letter)
    return letter


def send_now(*letters: OutboxLetter) -> int:
    """Letters the caller has just committed go out now: the outbox worker is woken (the
    request does not wait for SMTP); without a worker (tests, scripts) they are sent here."""
    worker = current_app.extensions.get(WORKER_KEY)
    if worker is not None:
        worker.wake()
        return 0
    return _send_due([letter.id for letter in letters], utcnow())


def send_pending(app: Flask, only: list[int] | None = None, now: datetime | None = None,
                 senders: int = 1) -> int:
    """Try every letter that is due (or just those in `only`), up to `senders` at the same
    time; return how many were sent."""
    moment = now or utcnow()
    with app.app_context():
        due = _due(only, moment)
        if senders <= 1 or len(due) <= 1:
            return sum(_attempt(letter_id, moment) for letter_id in due)
    with ThreadPoolExecutor(min(senders, len(due)), thread_name_prefix="bazaar-sender") as pool:
        return sum(pool.map(lambda letter_id: _attempt_in(app, letter_id, moment), due))


def _attempt_in(app: Flask, letter_id: int, moment: datetime) -> bool:
    with app.app_context():
        return _attempt(letter_id, moment)


def _send_due(only: list[int] | None, moment: datetime) -> int:
    return sum(_attempt(letter_id, moment) for letter_id in _due(only, moment))


def _due(only: list[int] | None, moment: datetime) -> list[int]:
    query = select(OutboxLetter.id).where(
        OutboxLetter.status == PENDING, OutboxLetter.next_attempt_at <= moment
    )
    if only is not None:
        query = query.where(OutboxLetter.id.in_(only))
    due = list(db.session.execute(query.order_by(OutboxLetter.id)).scalars())
    db.session.rollback()
    return due


def _attempt(letter_id: int, now: datetime) -> bool:
    if not _claim(letter_id, now):
        return False
    letter = db.session.get(OutboxLetter, letter_id)
    config = current_app.config
    if _lost_on_the_way(letter):
        return False
    try:
        transmit(config, letter)
    except (OSError, smtplib.SMTPException) as error:
        record_failure(config, letter, error)
        return False
    record_sent(letter)
    return True


def is_permanent(error: Exception) -> bool:
    """A 5xx answer: the server will never take this letter (no such mailbox, refused sender)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def retry_delay(config: Mapping[str, Any], attempts: int) -> timedelta:
    """OUTBOX_RETRY_SECONDS after the first attempt, doubled after each one after it."""
    first, longest = float(config["OUTBOX_RETRY_SECONDS"]), float(config["OUTBOX_RETRY_MAX_SECONDS"])
    return timedelta(seconds=min(first * 2 ** min(max(attempts - 1, 0), 32), longest))


def record_failure(config: Mapping[str, Any], letter: OutboxLetter, error: Exception) -> None:
    """Retry later (backing off), or give the letter up as undeliverable, saying so in the log."""
    letter.last_error = f"{type(error).__name__}: {error}"[:1000]
    if is_permanent(error) or letter.attempts >= int(config["OUTBOX_MAX_ATTEMPTS"]):
        letter.status = UNDELIVERABLE
        db.session.commit()
        log.error("Letter %s to %s is undeliverable after %s attempt(s), given up: %s",
                  letter.id, letter.recipient, letter.attempts, letter.last_error)
        return
    delay = retry_delay(config, letter.attempts)
    letter.next_attempt_at = utcnow() + delay
    db.session.commit()
    log.warning("Letter %s to %s not sent yet (%s); will retry in %ss.",
                letter.id, letter.recipient, letter.last_error, f"{delay.total_seconds():g}")


def record_sent(letter: OutboxLetter) -> None:
    """Mark the letter sent and drop its body: the link or code in it must not stay at rest."""
    letter.status = SENT
    letter.sent_at = utcnow()
    letter.last_error = None
    letter.text = letter.html = PURGED
    db.session.commit()


def lose_next_letter(app: Flask, recipient: str) -> None:
    """Test mode: the next letter to ``recipient`` is lost, as by a mail server that was down
    and dropped it; later letters go out as usual."""
    app.extensions.setdefault(LOSSES, set()).add(recipient.lower())


def _lost_on_the_way(letter: OutboxLetter) -> bool:
    losses = current_app.extensions.get(LOSSES)
    if not losses or letter.recipient.lower() not in losses:
        return False
    losses.discard(letter.recipient.lower())
    letter.status = LOST
    letter.last_error = "lost by the mail server (test seam /__test__/mail/lose)"
    db.session.commit()
    log.warning("Letter %s to %s lost on purpose (test seam).", letter.id, letter.recipient)
    return True


def _claim(letter_id: int, now: datetime) -> bool:
    """Take a lease on the letter so that no other sender sends it at the same time."""
    claimed = db.session.execute(
        update(OutboxLetter)
        .where(OutboxLetter.id == letter_id, OutboxLetter.status == PENDING,
               OutboxLetter.next_attempt_at <= now)
        .values(next_attempt_at=utcnow() + LEASE, attempts=OutboxLetter.attempts + 1)
    ).rowcount
    db.session.commit()
    return claimed == 1


def as_message(config: Mapping[str, Any], letter: OutboxLetter) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = letter.recipient
    message["Subject"] = letter.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = letter.message_id
    message.set_content(letter.text)
    message.add_alternative(letter.html, subtype="html")
    return message


def transmit(config: Mapping[str, Any], letter: OutboxLetter) -> None:
    """Hand one letter to SMTP: every step within SMTP_TIMEOUT_SECONDS and the whole within
    SMTP_DEADLINE_SECONDS (a watchdog cuts a server that drips its answers slowly)."""
    deadline = float(config["SMTP_DEADLINE_SECONDS"])
    smtp = smtplib.SMTP(timeout=float(config["SMTP_TIMEOUT_SECONDS"]))
    expired = threading.Event()
    watchdog = threading.Timer(deadline, _cut, (smtp, expired))
    watchdog.start()
    try:
        smtp.connect(config["SMTP_HOST"], int(config["SMTP_PORT"]))
        smtp.send_message(as_message(config, letter))
    except (OSError, smtplib.SMTPException) as error:
        if expired.is_set():
            raise TimeoutError(f"SMTP took longer than the {deadline:g}s deadline") from error
        raise
    finally:
        watchdog.cancel()
        _quit(smtp)


def _cut(smtp: smtplib.SMTP, expired: threading.Event) -> None:
    expired.set()
    sock = getattr(smtp, "sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye if the server still listens; the letter's fate is decided already."""
    try:
        if smtp.sock is not None:
            smtp.quit()
    except (OSError, smtplib.SMTPException):
        pass
    finally:
        smtp.close()


class OutboxWorker:
    """A daemon thread that sends due letters when woken, and every OUTBOX_RETRY_SECONDS."""

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bazaar-outbox", daemon=True)

    def start(self) -> OutboxWorker:
        self._app.extensions[WORKER_KEY] = self
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._app.extensions.pop(WORKER_KEY, None)
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        interval = max(float(self._app.config["OUTBOX_RETRY_SECONDS"]), 0.5)
        while not self._stop.is_set():
            self._wake.clear()
            try:
                send_pending(self._app, senders=int(self._app.config["OUTBOX_SENDERS"]))
            except Exception:  # the worker must outlive any single failure
                log.exception("The outbox worker failed a round; it will try again.")
            self._wake.wait(interval)


def start_outbox_worker(app: Flask) -> OutboxWorker:
    """Start sending letters in the background (the server does this; tests need not)."""
    return OutboxWorker(app).start()
