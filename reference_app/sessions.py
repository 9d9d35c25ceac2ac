"""The shopper's session: who is signed in, `login_required`, starting and ending a session.

Every blueprint that needs the signed-in account asks here; the sign-in views themselves
are the `auth` blueprint.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import flash, g, redirect, request, session, url_for

from .extensions import db
from .models import Account
from .passwords import hash_password, needs_rehash
from .texts import text

ACCOUNT_KEY = "account_id"


def current_account() -> Account | None:
    """The signed-in account of this request, or None."""
    if "account" not in g:
        account_id = session.get(ACCOUNT_KEY)
        g.account = db.session.get(Account, account_id) if account_id else None
    return g.account


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
    g.account = account


def end_session() -> None:
    """Forget whoever was signed in, in this request and in the browser's cookie."""
    session.clear()
    g.pop("account", None)
