"""Test seams under /__test__/, registered only in test mode (elsewhere these URLs are 404).

- POST /__test__/captcha {"answer": "ABCDE"}: every new CAPTCHA in this browser session
  uses that answer (the picture is still drawn afresh).
- POST /__test__/accounts/age {"email": "...", "hours": 25}: make one account look that
  much older (its creation, its links and its letters).
- POST /__test__/staff {}: create a customer-support agent; answers {"email": ..., "password": ...}.
"""

from __future__ import annotations

import math
import secrets
from datetime import timedelta
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from . import challenges
from .accounts import find_account
from .extensions import csrf, db
from .models import (
    Account, ChatMessage, EmailChangeRequest, LinkToken, OutboxLetter, StaffMember, SupportChat,
)
from .passwords import hash_password

bp = Blueprint("test_seams", __name__, url_prefix="/__test__")
csrf.exempt(bp)

LONGEST_AGE_HOURS = 24 * 366 * 10


def refuse(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def json_body() -> dict[str, Any] | None:
    body = request.get_json(silent=True)
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


@bp.post("/accounts/age")
def age_account() -> tuple[str, int] | tuple[Response, int]:
    if not current_app.config["ACCOUNT_AGING_SEAM"]:
        abort(404)
    body = json_body()
    email = body.get("email") if body else None
    hours = body.get("hours") if body else None
    if not isinstance(email, str) or not email or isinstance(hours, bool) \
            or not isinstance(hours, int | float) or not math.isfinite(hours) \
            or not 0 < hours <= LONGEST_AGE_HOURS:
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
    Account: ("created_at", "confirmed_at", "confirmation_asked_at", "reactivated_at"),
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
