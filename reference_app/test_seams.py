"""Test seams under /__test__/, registered only in test mode (elsewhere these URLs are 404).

- POST /__test__/captcha {"answer": "ABCDE"}: every new CAPTCHA in this browser session
  uses that answer (the picture is still drawn afresh).
- POST /__test__/accounts {"email", "password", "name", "confirmed": false, "age_hours": 0}:
  create an account as registering does (unconfirmed: its confirmation letter is sent) or
  an already confirmed one, optionally that many hours old; answers 201 {"email": ...}.
- POST /__test__/accounts/age {"email": "...", "hours": 25}: make one account look that
  much older (its creation, its links and its letters).
- POST /__test__/staff {}: create a customer-support agent; answers {"email": ..., "password": ...}.
- POST /__test__/mail/lose {"email": "..."}: the next letter to that address is lost, as by a
  mail server that was down (CONF-01: "the letter did not come"); later letters arrive.

The seams are exempt from CSRF tokens, so they take JSON bodies only (415 otherwise: a form
on another site cannot send JSON without the browser asking this site first) and refuse any
request a browser marks as cross-site (`Sec-Fetch-Site`) or sends from another origin (403).
"""

from __future__ import annotations

import math
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from . import accounts, challenges, mail
from .accounts import find_account
from .extensions import csrf, db
from .forms import normalized_email
from .models import (
    Account,
    ChatMessage,
    EmailChangeRequest,
    LinkToken,
    OutboxLetter,
    StaffMember,
    SupportChat,
)
from .passwords import hash_password

bp = Blueprint("test_seams", __name__, url_prefix="/__test__")
csrf.exempt(bp)

LONGEST_AGE_HOURS = 24 * 366 * 10


def refuse(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


@bp.before_request
def same_site_json_only() -> tuple[Response, int] | None:
    """No seam answers a cross-site request, nor a body that a plain HTML form could send."""
    origin = request.headers.get("Origin")
    if request.headers.get("Sec-Fetch-Site") == "cross-site" or (
            origin is not None and urlsplit(origin).netloc != request.host):
        return refuse(403, "Expected a request from this site; the test seams refuse cross-site requests.")
    if request.method == "POST" and not request.is_json:
        return refuse(415, "Expected a JSON body (Content-Type: application/json), such as {}; "
                           f"got {request.mimetype or 'no body'!r}.")
    return None


def json_body() -> dict[str, Any] | None:
    """The JSON object sent, or None for anything else (not JSON, not an object, too deep)."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        return None
    return body if isinstance(body, dict) else None


@bp.post("/captcha")
def fix_captcha() -> tuple[str, int] | tuple[Response, int]:
    body = json_body()
    answer = body.get("answer") if body else None
    if not isinstance(answer, str) or not answer.isascii() or not answer.isalpha() \
            or not 1 <= len(answer) <= 10:
        return refuse(400, 'Expected a JSON body such as {"answer": "ABCDE"} (1-10 Latin letters).')
    challenges.fix_answer(answer.upper())
    return "", 204


ACCOUNT_EXAMPLE = ('Expected a JSON body such as {"email": "ola@example.com", "password": "...", '
                   '"name": "Ola Nowak", "confirmed": true, "age_hours": 0}')


@bp.post("/accounts")
def create_account() -> tuple[Response, int]:
    """An account in the state registering (and, with "confirmed", confirming) leaves it in."""
    body = json_body() or {}
    email, password, name = body.get("email"), body.get("password"), body.get("name")
    confirmed, age_hours = body.get("confirmed", False), body.get("age_hours", 0)
    if not all(isinstance(v, str) and v for v in (email, password, name)) \
            or not isinstance(confirmed, bool) or not is_age(age_hours, allow_zero=True):
        return refuse(400, f"{ACCOUNT_EXAMPLE}; got {sorted(body)}.")
    try:
        address = normalized_email(email)
    except ValueError:
        return refuse(400, f"Expected a valid email address; got {email!r}.")
    if find_account(address) is not None:
        return refuse(409, f"Expected a new email address; {address!r} is already registered.")
    account = accounts.create_account(name, address, password)
    letter = None
    if confirmed:
        accounts.confirm_address(account)
    else:
        letter = accounts.queue_confirmation_letter(account)
    db.session.commit()
    if letter is not None:
        mail.send_now(letter)
    if age_hours:
        shift_account_back(account, timedelta(hours=age_hours))
    return jsonify(email=address), 201


def is_age(hours: Any, *, allow_zero: bool = False) -> bool:
    """A number of hours an account can be made older by."""
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not math.isfinite(hours):
        return False
    return (hours >= 0 if allow_zero else hours > 0) and hours <= LONGEST_AGE_HOURS


@bp.post("/accounts/age")
def age_account() -> tuple[str, int] | tuple[Response, int]:
    if not current_app.config["ACCOUNT_AGING_SEAM"]:
        abort(404)
    body = json_body()
    email = body.get("email") if body else None
    hours = body.get("hours") if body else None
    if not isinstance(email, str) or not email or not is_age(hours):
        return refuse(400, 'Expected a JSON body such as {"email": "ola@example.com", "hours": 25} '
                           f"(hours above 0, at most {LONGEST_AGE_HOURS}).")
    account = find_account(email)
    if account is None:
        return refuse(404, f"No account with the email address {email!r}.")
    shift_account_back(account, timedelta(hours=hours))
    return "", 204


def shift_account_back(account: Account, by: timedelta) -> None:
    """Move every timestamp of one account back by `by`, so it looks that much older.
    (Done row by row in Python: SQLite cannot subtract intervals from its date strings.)"""
    rows: list[Any] = [account]
    rows += db.session.execute(select(LinkToken).where(LinkToken.account_id == account.id)).scalars()
    rows += db.session.execute(
        select(OutboxLetter).where(OutboxLetter.account_id == account.id)).scalars()
    for table in (EmailChangeRequest, SupportChat):
        rows += db.session.execute(select(table).where(table.account_id == account.id)).scalars()
    rows += db.session.execute(
        select(ChatMessage).join(SupportChat, SupportChat.id == ChatMessage.chat_id)
        .where(SupportChat.account_id == account.id)).scalars()
    for row in rows:
        for column in AGED_COLUMNS[type(row)]:
            moment = getattr(row, column)
            if moment is not None:
                setattr(row, column, moment - by)
    db.session.commit()


AGED_COLUMNS: dict[type, tuple[str, ...]] = {
    Account: ("created_at", "confirmed_at", "confirmation_asked_at", "reactivated_at",
              "activation_asked_at"),
    LinkToken: ("issued_at", "expires_at", "used_at", "replaced_at"),
    OutboxLetter: ("created_at", "sent_at"),
    EmailChangeRequest: ("issued_at", "expires_at", "used_at", "replaced_at", "voided_at"),
    SupportChat: ("created_at", "closed_at"),
    ChatMessage: ("created_at",),
}


@bp.post("/staff")
def create_staff_member() -> tuple[Response, int]:
    """A new customer-support agent with a random address and password, for one scenario."""
    email = f"agent-{secrets.token_hex(4)}@bazaar.example"
    password = secrets.token_urlsafe(18)
    db.session.add(StaffMember(name="Support agent", email_key=email, password_hash=hash_password(password)))
    db.session.commit()
    return jsonify(email=email, password=password), 201


@bp.post("/mail/lose")
def lose_next_letter() -> tuple[str, int] | tuple[Response, int]:
    body = json_body()
    email = body.get("email") if body else None
    if not isinstance(email, str) or "@" not in email:
        return refuse(400, 'Expected a JSON body such as {"email": "ola@example.com"}.')
    mail.lose_next_letter(current_app._get_current_object(), email)  # type: ignore[attr-defined]
    return "", 204
