"""Shoppers' accounts: finding one by address, whether an address is taken, creating an
unconfirmed account with its confirmation letter, and confirming the address."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import select

from . import mail, tokens
from .extensions import db
from .models import Account, OutboxLetter, utcnow
from .passwords import hash_password
from .texts import text


def email_key(address: str) -> str:
    """The address as compared: "already registered" is case-insensitive."""
    return address.strip().lower()


def find_account(address: str) -> Account | None:
    return db.session.execute(
        select(Account).where(Account.email_key == email_key(address))
    ).scalar_one_or_none()


def address_taken(address: str, except_account_id: int | None = None) -> bool:
    """Whether an account (other than `except_account_id`) is registered with the address."""
    found = db.session.execute(select(Account.id).where(Account.email_key == email_key(address))).first()
    return found is not None and found[0] != except_account_id


def create_account(name: str, address: str, password: str) -> Account:
    """An unconfirmed account (added and flushed, not committed)."""
    account = Account(name=name, email=address, email_key=email_key(address),
                      password_hash=hash_password(password))
    db.session.add(account)
    db.session.flush()
    return account


def queue_confirmation_letter(account: Account) -> OutboxLetter:
    """Issue a confirmation link (voiding older ones) and queue the letter; the caller commits.
    Must run inside a request, since the link is an absolute URL to this site."""
    hours = current_app.config["CONFIRMATION_LINK_LIFETIME_HOURS"]
    token = tokens.issue(account.id, tokens.CONFIRM, timedelta(hours=hours))
    return mail.queue_letter(
        account.email, text("letter.subject"), "confirm", account_id=account.id,
        name=account.name, link=url_for("registration.confirm", token=token, _external=True),
        hours=hours,
    )


def confirm_address(account: Account) -> None:
    """Mark the address confirmed (once; a second confirmation keeps the first date)."""
    if account.confirmed_at is None:
        account.confirmed_at = utcnow()
