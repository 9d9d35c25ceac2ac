"""One-time link tokens, reused by every flow that mails a link ("confirm", "activate", ...).

The token itself goes into the letter; the database keeps only its SHA-256. A token works
once, expires, and issuing a new one for the same account and purpose replaces the older ones.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from .extensions import db
from .models import LinkToken, utcnow

CONFIRM = "confirm"
EMAIL_CHANGE = "email_change"


class Outcome(enum.Enum):
    OK = "ok"
    USED = "used"
    EXPIRED = "expired"
    REPLACED = "replaced"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Redemption:
    outcome: Outcome
    account_id: int | None = None

    @property
    def is_ok(self) -> bool:
        return self.outcome is Outcome.OK


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(account_id: int, purpose: str, lifetime: timedelta) -> str:
    """Create a token (added to the session, not committed) and void older ones; return it."""
    now = utcnow()
    db.session.execute(
        update(LinkToken)
        .where(
            LinkToken.account_id == account_id,
            LinkToken.purpose == purpose,
            LinkToken.used_at.is_(None),
            LinkToken.replaced_at.is_(None),
        )
        .values(replaced_at=now)
    )
    token = secrets.token_urlsafe(32)
    db.session.add(
        LinkToken(
            account_id=account_id,
            purpose=purpose,
            token_hash=hash_token(token),
            issued_at=now,
            expires_at=now + lifetime,
        )
    )
    return token


def redeem(token: str, purpose: str) -> Redemption:
    """Use the token once. The claim is one conditional UPDATE, so two concurrent redemptions
    cannot both succeed. The caller applies its change and commits the same transaction."""
    now = utcnow()
    digest = hash_token(token)
    claimed = db.session.execute(
        update(LinkToken)
        .where(
            LinkToken.token_hash == digest,
            LinkToken.purpose == purpose,
            LinkToken.used_at.is_(None),
            LinkToken.replaced_at.is_(None),
            LinkToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(LinkToken.account_id)
    ).scalar_one_or_none()
    if claimed is not None:
        return Redemption(Outcome.OK, claimed)
    return peek(token, purpose)


def peek(token: str, purpose: str) -> Redemption:
    """What redeeming the token would give now, without using it (to show a form first)."""
    row = db.session.execute(
        select(LinkToken).where(LinkToken.token_hash == hash_token(token), LinkToken.purpose == purpose)
    ).scalar_one_or_none()
    if row is None:
        return Redemption(Outcome.UNKNOWN)
    if row.used_at is not None:
        return Redemption(Outcome.USED, row.account_id)
    if row.replaced_at is not None:
        return Redemption(Outcome.REPLACED, row.account_id)
    if row.expires_at <= utcnow():
        return Redemption(Outcome.EXPIRED, row.account_id)
    return Redemption(Outcome.OK, row.account_id)
