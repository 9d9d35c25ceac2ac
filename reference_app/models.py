"""The tables: accounts, one-time link tokens, answered CAPTCHAs, the mail outbox, address
changes and the support chat."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, Index, String, Text, column
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db


def utcnow() -> datetime:
    """The current time in UTC, naive (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Account(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(320))
    # The address folded to lower case: "already registered" is case-insensitive.
    email_key: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(default=None)
    # CONF: when the shopper last asked for a confirmation letter from the personal data page
    # (the resend interval counts from it), and when an appeal reactivated the account.
    confirmation_asked_at: Mapped[datetime | None] = mapped_column(default=None)
    reactivated_at: Mapped[datetime | None] = mapped_column(default=None)
    # When the appeal's activation letter was last asked for (the resend interval counts from it).
    activation_asked_at: Mapped[datetime | None] = mapped_column(default=None)
    # Sessions carry the generation they began in; signing out or being blocked moves it on,
    # so every session cookie issued before is worthless, even a copied one.
    session_generation: Mapped[int] = mapped_column(default=0)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class LinkToken(db.Model):
    """A one-time link sent by letter. Only the SHA-256 of the token is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    replaced_at: Mapped[datetime | None] = mapped_column(default=None)


class UsedCaptcha(db.Model):
    """A CAPTCHA nonce that was answered (right or wrong): it is never accepted again. Showing
    the form stores nothing (see challenges.py)."""

    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class OutboxLetter(db.Model):
    """A letter waiting to be (or already) handed to the SMTP server."""


    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(200))
    # Fixed when queued, so a re-sent letter is the same message.
    message_id: Mapped[str] = mapped_column(String(255), default="")
    # The body; emptied once delivered (it holds a link or code).
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    # "pending", "sent", "undeliverable" (refused for good, or OUTBOX_MAX_ATTEMPTS failed), "lost" (test seam).
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)


# CHG: changing the address, and the support chat.

class EmailChangeRequest(db.Model):
    """A new address waiting for its confirmation code. Only a keyed hash of the code is kept.
    `via` says who started it: "self" (link from the old mailbox) or "support" (an agent)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    new_email: Mapped[str] = mapped_column(String(320))
    code_hash: Mapped[str] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(16), default="self")
    # Codes typed so far, right or wrong: at most EMAIL_CHANGE_CODE_ATTEMPTS are compared.
    tries: Mapped[int] = mapped_column(default=0)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    replaced_at: Mapped[datetime | None] = mapped_column(default=None)
    voided_at: Mapped[datetime | None] = mapped_column(default=None)


class AddressTried(db.Model):
    """A new address one account (from one client IP address) tried on the new-address form:
    the form answers "already registered", so the different addresses tried are limited
    (NEW_ADDRESSES_PER_ACCOUNT, NEW_ADDRESSES_PER_CLIENT). Trying one again within the day
    adds no row."""

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    email_key: Mapped[str] = mapped_column(String(320))
    client: Mapped[str] = mapped_column(String(64), index=True)
    tried_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class StaffMember(db.Model):
    """A customer-support agent: a separate table, so no shopper's account can ever be staff."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email_key: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    session_generation: Mapped[int] = mapped_column(default=0)


class SupportChat(db.Model):
    """One conversation between a shopper and customer support; at most one open per account."""

    __table_args__ = (
        Index("one_open_chat_per_account", "account_id", unique=True,
              sqlite_where=column("closed_at").is_(None), postgresql_where=column("closed_at").is_(None)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)


class ChatMessage(db.Model):
    """One message of a chat; `author` is "shopper" or "staff"."""

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("support_chat.id"), index=True)
    author: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
