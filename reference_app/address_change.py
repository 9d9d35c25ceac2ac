"""Changing an account's address (CHG-07, CHG-08, CHG-09), shared by both ways to start it.

A new address gets a 6-digit code by letter; only a keyed hash of the code is stored and it
is compared in constant time. The code expires, works once, a newer one replaces it, and after
EMAIL_CHANGE_CODE_ATTEMPTS wrong tries it is void. Binding happens only here, after the code
was typed, whoever started the change (the shopper from the old mailbox, or support).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import select, update

from . import mail
from .accounts import address_taken, email_key
from .extensions import db
from .models import Account, EmailChangeRequest, OutboxLetter, utcnow
from .texts import text

SELF_SERVICE = "self"
SUPPORT = "support"
CODE_DIGITS = 6


class CodeOutcome(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    VOID = "void"          # too many wrong codes
    EXPIRED = "expired"
    NONE = "none"          # nothing pending (used, replaced, or never asked)
    TAKEN = "taken"        # the address was registered by someone else meanwhile


@dataclass(frozen=True, slots=True)
class CodeCheck:
    outcome: CodeOutcome
    attempts_left: int = 0
    request: EmailChangeRequest | None = None
    letter: OutboxLetter | None = None


def code_hash(request_id: int, code: str) -> str:
    """HMAC of the code, keyed by the app's secret and bound to its request."""
    key = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(key, f"{request_id}:{code}".encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"


def pending_request(account_id: int) -> EmailChangeRequest | None:
    """The newest request of the account that was neither used, replaced nor voided."""
    return db.session.execute(
        select(EmailChangeRequest)
        .where(EmailChangeRequest.account_id == account_id, EmailChangeRequest.used_at.is_(None),
               EmailChangeRequest.replaced_at.is_(None), EmailChangeRequest.voided_at.is_(None))
        .order_by(EmailChangeRequest.id.desc())
    ).scalars().first()


def request_change(account: Account, new_email: str, via: str) -> OutboxLetter:
    """Replace older requests, store a new one and queue the code letter to the NEW address.
    Must run inside a request (the letter links to the code page); the caller commits."""
    now = utcnow()
    db.session.execute(
        update(EmailChangeRequest)
        .where(EmailChangeRequest.account_id == account.id, EmailChangeRequest.used_at.is_(None),
               EmailChangeRequest.replaced_at.is_(None))
        .values(replaced_at=now)
    )
    minutes = current_app.config["EMAIL_CHANGE_CODE_LIFETIME_MINUTES"]
    request = EmailChangeRequest(account_id=account.id, new_email=new_email, code_hash="", via=via,
                                 issued_at=now, expires_at=now + timedelta(minutes=minutes))
    db.session.add(request)
    db.session.flush()
    code = new_code()
    request.code_hash = code_hash(request.id, code)
    return mail.queue_letter(
        new_email, text("email_change.code_letter.subject"), "email_change_code",
        account_id=account.id, name=account.name, code=code, minutes=minutes,
        link=url_for("email_change.enter_code", _external=True),
    )


def check_code(account: Account, code: str) -> CodeCheck:
    """Count one try of `code` against the account's pending request; the caller commits."""
    request = pending_request(account.id)
    if request is None:
        return CodeCheck(CodeOutcome.NONE)
    if request.expires_at <= utcnow():
        return CodeCheck(CodeOutcome.EXPIRED, request=request)
    allowed = int(current_app.config["EMAIL_CHANGE_CODE_ATTEMPTS"])
    if not hmac.compare_digest(request.code_hash, code_hash(request.id, code.strip())):
        request.failed_attempts += 1
        left = allowed - request.failed_attempts
        if left <= 0:
            request.voided_at = utcnow()
            return CodeCheck(CodeOutcome.VOID, request=request)
        return CodeCheck(CodeOutcome.WRONG, attempts_left=left, request=request)
    if address_taken(request.new_email, account.id):
        request.voided_at = utcnow()
        return CodeCheck(CodeOutcome.TAKEN, request=request)
    request.used_at = utcnow()
    notice = bind_new_address(account, request.new_email)
    return CodeCheck(CodeOutcome.OK, request=request, letter=notice)


def bind_new_address(account: Account, new_email: str) -> OutboxLetter:
    """The one place an address changes: bind it (now confirmed) and queue the notice to the
    old address; the caller commits."""
    old_email = account.email
    account.email = new_email
    account.email_key = email_key(new_email)
    account.confirmed_at = utcnow()
    return mail.queue_letter(
        old_email, text("email_change.notice_letter.subject"), "email_change_notice",
        account_id=account.id, name=account.name, new_email=masked(new_email),
        help_link=url_for("support_chat.chat", _external=True),
    )


def masked(address: str) -> str:
    """"o***a@example.com": the old address learns a change happened, not the full new address."""
    local, _, domain = address.partition("@")
    shown = local[0] + "***" + (local[-1] if len(local) > 1 else "")
    return f"{shown}@{domain}"
