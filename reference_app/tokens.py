"""One-time link tokens, reused by every flow that mails a link ("confirm", "activate", ...).

The token itself goes into the letter; the database keeps only its SHA-256. A token works
once, expires, and issuing a new one for the same account and purpose replaces the older ones.
`redeem_link` is how a view uses (or checks) the token of a link it received, and
`refuse_link` the page that says why a link no longer works.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import render_template
from sqlalchemy import select, update

from .extensions import db
from .models import LinkToken, utcnow
from .texts import text

# What a token is for: each flow's links work only for their own purpose.
CONFIRM = "confirm"            # the registration letter's "Confirm" (REG-13, CONF-06)
ACTIVATE = "activate"          # the appeal's activation letter (CONF-11)
EMAIL_CHANGE = "email_change"  # "Verify now", the link to the old address (CHG-05)
PURPOSES = (CONFIRM, ACTIVATE, EMAIL_CHANGE)
# Longer "tokens" in a URL are refused as unknown without touching the database.
LONGEST_TOKEN = 200


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


def redeem_link(token: str, purpose: str, *, account_id: int | None = None,
                use: bool = True) -> Redemption:
    """Use (or with `use=False` only check) the token of a link a shopper followed.

    A token that is too long, of another purpose, or (with `account_id`) of another account is
    UNKNOWN. A refused redemption leaves nothing behind (rolled back); after a successful one the
    caller applies its change and commits."""
    if len(token) > LONGEST_TOKEN:
        return Redemption(Outcome.UNKNOWN)
    result = redeem(token, purpose) if use else peek(token, purpose)
    if account_id is not None and result.account_id not in (None, account_id):
        result = Redemption(Outcome.UNKNOWN)
    if use and not result.is_ok:
        db.session.rollback()
    return result


def refuse_link(outcome: Outcome, reasons: str, *, signed_in: bool) -> tuple[str, int]:
    """The page saying why a link does not work: 404 if unknown, 410 if used, replaced or
    expired. `reasons` is the catalogue table holding one text per outcome."""
    status = 404 if outcome is Outcome.UNKNOWN else 410
    return render_template("registration/link_unusable.html", signed_in=signed_in,
                           reason=text(f"{reasons}.{outcome.value}")), status
