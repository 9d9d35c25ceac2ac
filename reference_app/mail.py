"""The mail outbox: letters are rows committed with the change that caused them, then handed
to the SMTP server at once if it answers, or later by a background worker. An SMTP outage
delays a letter but never loses it and never breaks the request that queued it."""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from flask import Flask, current_app, render_template
from sqlalchemy import select, update

from .extensions import db
from .models import OutboxLetter, utcnow

log = logging.getLogger(__name__)

PENDING = "pending"
SENT = "sent"
# While one sender works on a letter, nobody else picks it up for this long.
LEASE = timedelta(seconds=60)


def queue_letter(recipient: str, subject: str, template: str, account_id: int | None = None,
                 **values: object) -> OutboxLetter:
    """Add a letter to the outbox (not committed: it commits with the caller's change).

    `template` names `templates/mail/<template>.txt` and `.html`; `values` fill them in.
    """
    letter = OutboxLetter(
        account_id=account_id,
        recipient=recipient,
        subject=subject,
        text=render_template(f"mail/{template}.txt", subject=subject, **values),
        html=render_template(f"mail/{template}.html", subject=subject, **values),
    )
    db.session.add(letter)
    return letter


def send_now(*letters: OutboxLetter) -> int:
    """Hand letters the caller has just committed to SMTP at once (in the current app
    context); one that cannot go now waits in the outbox for the worker."""
    return _send_due([letter.id for letter in letters], utcnow())


def send_pending(app: Flask, only: list[int] | None = None, now: datetime | None = None) -> int:
    """Try every letter that is due (or just those in `only`); return how many were sent."""
    with app.app_context():
        return _send_due(only, now or utcnow())


def _send_due(only: list[int] | None, moment: datetime) -> int:
    query = select(OutboxLetter.id).where(
        OutboxLetter.status == PENDING, OutboxLetter.next_attempt_at <= moment
    )
    if only is not None:
        query = query.where(OutboxLetter.id.in_(only))
    due = list(db.session.execute(query.order_by(OutboxLetter.id)).scalars())
    db.session.rollback()
    return sum(_attempt(letter_id, moment) for letter_id in due)


def _attempt(letter_id: int, now: datetime) -> bool:
    if not _claim(letter_id, now):
        return False
    letter = db.session.get(OutboxLetter, letter_id)
    config = current_app.config
    try:
        _transmit(config, letter)
    except (OSError, smtplib.SMTPException) as error:
        letter.last_error = f"{type(error).__name__}: {error}"[:1000]
        letter.next_attempt_at = utcnow() + timedelta(seconds=config["OUTBOX_RETRY_SECONDS"])
        db.session.commit()
        log.warning("Letter %s to %s not sent yet (%s); will retry.",
                    letter_id, letter.recipient, letter.last_error)
        return False
    letter.status = SENT
    letter.sent_at = utcnow()
    letter.last_error = None
    db.session.commit()
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


def _transmit(config: Mapping[str, Any], letter: OutboxLetter) -> None:
    message = EmailMessage()
    message["From"] = config["MAIL_SENDER"]
    message["To"] = letter.recipient
    message["Subject"] = letter.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="bazaar.example")
    message.set_content(letter.text)
    message.add_alternative(letter.html, subtype="html")
    with smtplib.SMTP(config["SMTP_HOST"], int(config["SMTP_PORT"]),
                      timeout=float(config["SMTP_TIMEOUT_SECONDS"])) as smtp:
        smtp.send_message(message)


class OutboxWorker:
    """A daemon thread that retries due letters every OUTBOX_RETRY_SECONDS."""

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bazaar-outbox", daemon=True)

    def start(self) -> OutboxWorker:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        interval = max(float(self._app.config["OUTBOX_RETRY_SECONDS"]), 0.5)
        while not self._stop.is_set():
            try:
                send_pending(self._app)
            except Exception:  # the worker must outlive any single failure
                log.exception("The outbox worker failed a round; it will try again.")
            self._stop.wait(interval)


def start_outbox_worker(app: Flask) -> OutboxWorker:
    """Start retrying pending letters in the background (the server does this, tests do not)."""
    return OutboxWorker(app).start()

