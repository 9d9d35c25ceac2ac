"""The shopper's session: who is signed in, `login_required`, starting and ending a session.

Every blueprint that needs the signed-in account asks here; the sign-in views themselves
are the `auth` blueprint. The session cookie is signed, not stored, so to end sessions on the
server a session also carries its account's `session_generation`: signing out (or the account
being blocked, or reactivated) moves the generation on, and a cookie of an older generation,
even a copy taken before, signs nobody in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import flash, g, redirect, request, session, url_for
from sqlalchemy import update

from .extensions import db
from .models import Account
from .passwords import hash_password, needs_rehash
from .texts import text

ACCOUNT_KEY = "account_id"
GENERATION_KEY = "account_generation"


def current_account() -> Account | None:
    """The signed-in account of this request, or None."""
    if "account" not in g:
        g.account = signed_in(Account, ACCOUNT_KEY, GENERATION_KEY)
    return g.account


def signed_in(model: type[Any], id_key: str, generation_key: str) -> Any:
    """The row (an Account or a StaffMember) this session signed in to, if the session is of
    the row's current generation."""
    row_id = session.get(id_key)
    row = db.session.get(model, row_id) if isinstance(row_id, int) else None
    if row is None or session.get(generation_key) != row.session_generation:
        return None
    return row


def end_every_session(model: type[Any], row_id: int) -> None:
    """Void every session of the row, wherever its cookie is (commits)."""
    db.session.execute(update(model).where(model.id == row_id)
                       .values(session_generation=model.session_generation + 1))
    db.session.commit()


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send a visitor who is not signed in to the sign-in page, then back here."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_account() is None:
            flash(text("sign_in.please_sign_in"))
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapped


def start_session(account: Account, password: str) -> None:
    """A fresh session for the account (no session fixation)."""
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
        db.session.commit()
    session.clear()
    session[ACCOUNT_KEY] = account.id
    session[GENERATION_KEY] = account.session_generation
    g.account = account


def end_session() -> None:
    """Sign the shopper out: every session of the account ends on the server, and this
    browser's cookie is emptied."""
    account = current_account()
    if account is not None:
        end_every_session(Account, account.id)
    session.clear()
    g.pop("account", None)
