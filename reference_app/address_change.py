"""Changing an account's address (CHG-07, CHG-08, CHG-09), shared by both ways to start it.

A new address gets a 6-digit code by letter; only a keyed hash of the code is stored and it
is compared in constant time. The code expires, works once, a newer one replaces it, and after
EMAIL_CHANGE_CODE_ATTEMPTS wrong tries it is void. Binding happens only here, after the code
was typed, whoever started the change (the shopper from the old mailbox, or support).

Across requests (see `quotas.py`): code letters per account (EMAIL_CHANGE_CODES_PER_ACCOUNT)
and to one new address from all accounts (EMAIL_CHANGE_CODES_PER_ADDRESS), so guessing codes
costs at most EMAIL_CHANGE_CODE_ATTEMPTS times that many guesses a day; "Verify now" letters
per account (EMAIL_CHANGE_LINKS_PER_ACCOUNT); and the different addresses an account, or a
client, may try on the new-address form, which says "already registered"
(NEW_ADDRESSES_PER_ACCOUNT, NEW_ADDRESSES_PER_CLIENT).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import ColumnElement, delete, func, select, update

from . import mail, tokens
from .accounts import address_taken, email_key
from .extensions import db
from .models import Account, AddressTried, EmailChangeRequest, LinkToken, OutboxLetter, utcnow
from .quotas import longest_window, try_again_at, wait_until
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


class TooOften(Exception):
    """A limit across requests refused the action; the message says from when it works."""


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


def _moments(column: Any, condition: ColumnElement[bool], setting: str, now: datetime) -> list[datetime]:
    return list(db.session.execute(
        select(column).where(condition, column > now - longest_window(setting))).scalars())


def code_letters_refusal(account_id: int, address: str, *, asking: bool) -> str | None:
    """Why no code letter may go to `address` for the account now (with the time it may), or
    None. `asking`: the letter's request is not stored yet (else it is counted among them)."""
    now = utcnow()
    limits = (("EMAIL_CHANGE_CODES_PER_ACCOUNT", EmailChangeRequest.account_id == account_id,
               "email_change.refusals.too_many_codes"),
              ("EMAIL_CHANGE_CODES_PER_ADDRESS", func.lower(EmailChangeRequest.new_email) == email_key(address),
               "email_change.refusals.too_many_codes_to_address"))
    for setting, condition, refusal in limits:
        moments = _moments(EmailChangeRequest.issued_at, condition, setting, now) + ([now] if asking else [])
        until = wait_until(moments, setting, now)
        if until is not None:
            return try_again_at(refusal, until)
    return None


def links_refusal(account_id: int) -> str | None:
    """After a "Verify now" link was issued (not committed): why it may not go out, or None."""
    now = utcnow()
    setting = "EMAIL_CHANGE_LINKS_PER_ACCOUNT"
    condition = (LinkToken.account_id == account_id) & (LinkToken.purpose == tokens.EMAIL_CHANGE)
    until = wait_until(_moments(LinkToken.issued_at, condition, setting, now), setting, now)
    return None if until is None else try_again_at("email_change.refusals.too_many_links", until)


def note_address_tried(account_id: int, address: str, client: str) -> str | None:
    """Count `address` among the different ones the account (and the client) tried on the
    new-address form; beyond a limit, why not (with the time a new one may be tried) and the
    try is not counted. The caller commits either way."""
    now = utcnow()
    key = email_key(address)
    settings = ("NEW_ADDRESSES_PER_ACCOUNT", "NEW_ADDRESSES_PER_CLIENT")
    horizon = now - max(longest_window(setting) for setting in settings)
    if db.session.execute(select(AddressTried.id).where(
            AddressTried.account_id == account_id, AddressTried.email_key == key,
            AddressTried.tried_at > horizon)).first() is not None:
        return None  # the same address again: it told nothing new
    db.session.execute(delete(AddressTried).where(AddressTried.tried_at <= horizon))  # counted no more
    tried = AddressTried(account_id=account_id, email_key=key, client=client[:64], tried_at=now)
    db.session.add(tried)
    db.session.flush()  # counted first, then compared: a burst cannot slip past the limit
    for setting, condition in ((settings[0], AddressTried.account_id == account_id),
                               (settings[1], AddressTried.client == client[:64])):
        if longest_window(setting):
            until = wait_until(_moments(AddressTried.tried_at, condition, setting, now), setting, now)
            if until is not None:
                db.session.delete(tried)
                db.session.flush()
                return try_again_at("email_change.refusals.too_many_addresses", until)
    return None


def request_change(account: Account, new_email: str, via: str) -> OutboxLetter:
    """Replace older requests, store a new one and queue the code letter to the NEW address.
    Must run inside a request (the letter links to the code page); the caller commits, or
    rolls back on TooOften (a limit on code letters, counted with this request stored)."""
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
    refusal = code_letters_refusal(account.id, new_email, asking=False)
    if refusal is not None:
        raise TooOften(refusal)
    code = new_code()
    request.code_hash = code_hash(request.id, code)
    return mail.queue_letter(
        new_email, text("email_change.code_letter.subject"), "email_change_code",
        account_id=account.id, name=account.name, code=code, minutes=minutes,
        link=mail.public_link("email_change.enter_code"),
    )


def check_code(account: Account, code: str) -> CodeCheck:
    """Count one try of `code` against the account's pending request; the caller commits.

    The try is claimed before the code is compared, by one conditional UPDATE (tries below
    the limit, request still open and fresh), so concurrent tries can never compare more than
    EMAIL_CHANGE_CODE_ATTEMPTS codes, and binding claims the request the same way."""
    request = pending_request(account.id)
    if request is None:
        return CodeCheck(CodeOutcome.NONE)
    if request.expires_at <= utcnow():
        return CodeCheck(CodeOutcome.EXPIRED, request=request)
    allowed = int(current_app.config["EMAIL_CHANGE_CODE_ATTEMPTS"])
    tries = claim_try(request.id, allowed)
    if tries is None:
        return CodeCheck(CodeOutcome.VOID if still_open(request.id) else CodeOutcome.NONE)
    if not hmac.compare_digest(request.code_hash, code_hash(request.id, code.strip())):
        if tries >= allowed:
            close_request(request.id, voided_at=utcnow())
            return CodeCheck(CodeOutcome.VOID, request=request)
        return CodeCheck(CodeOutcome.WRONG, attempts_left=allowed - tries, request=request)
    if address_taken(request.new_email, account.id):
        close_request(request.id, voided_at=utcnow())
        return CodeCheck(CodeOutcome.TAKEN, request=request)
    if not close_request(request.id, used_at=utcnow()):
        return CodeCheck(CodeOutcome.NONE)
    notice = bind_new_address(account, request.new_email)
    return CodeCheck(CodeOutcome.OK, request=request, letter=notice)


def _open(request_id: int) -> tuple[Any, ...]:
    return (EmailChangeRequest.id == request_id, EmailChangeRequest.used_at.is_(None),
            EmailChangeRequest.replaced_at.is_(None), EmailChangeRequest.voided_at.is_(None))


def claim_try(request_id: int, allowed: int) -> int | None:
    """Count one try if fewer than `allowed` were made and the request is open; the count."""
    return db.session.execute(
        update(EmailChangeRequest)
        .where(*_open(request_id), EmailChangeRequest.tries < allowed,
               EmailChangeRequest.expires_at > utcnow())
        .values(tries=EmailChangeRequest.tries + 1)
        .returning(EmailChangeRequest.tries)
    ).scalar_one_or_none()


def close_request(request_id: int, **moment: datetime) -> bool:
    """Set `used_at` or `voided_at` if the request is still open; whether this call did."""
    return db.session.execute(
        update(EmailChangeRequest).where(*_open(request_id)).values(**moment)
    ).rowcount == 1


def still_open(request_id: int) -> bool:
    return db.session.execute(select(EmailChangeRequest.id).where(*_open(request_id))).first() is not None


def bind_new_address(account: Account, new_email: str) -> OutboxLetter:
    """The one place an address changes: bind it (now confirmed), end every other session of
    the account (the caller keeps its own by taking the new generation), and queue the notice
    to the old address; the caller commits."""
    old_email = account.email
    account.email = new_email
    account.email_key = email_key(new_email)
    account.confirmed_at = utcnow()
    account.session_generation = account.session_generation + 1
    return mail.queue_letter(
        old_email, text("email_change.notice_letter.subject"), "email_change_notice",
        account_id=account.id, name=account.name, new_email=masked(new_email),
        help_link=mail.public_link("support_chat.chat"),
    )


def masked(address: str) -> str:
    """"o***a@example.com": the old address learns a change happened, not the full new address."""
    local, _, domain = address.partition("@")
    shown = local[0] + "***" + (local[-1] if len(local) > 1 else "")
    return f"{shown}@{domain}"
