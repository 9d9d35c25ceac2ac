"""Signing in and out, the signed-in account, and `login_required`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .extensions import db, limiter
from .forms import SignInForm
from .models import Account
from .passwords import hash_password, needs_rehash, verify_password
from .texts import text

bp = Blueprint("auth", __name__)

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


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def sign_in_key() -> str:
    """Rate-limit key: the address tried and the client's IP address together."""
    address = (request.form.get("email") or "").strip().lower()
    return f"{request.remote_addr}|{address}"


@bp.route("/sign-in", methods=("GET", "POST"))
@limiter.limit(lambda: sign_in_limit(), key_func=sign_in_key, methods=["POST"])
def sign_in() -> Response | str:
    form = SignInForm()
    refused = False
    if form.validate_on_submit():
        account = find_account(form.email.data or "")
        password = form.password.data or ""
        if verify_password(account.password_hash if account else None, password):
            start_session(account, password)
            return redirect(safe_next(request.args.get("next")) or url_for("account.my_account"))
        refused = True
    return render_template("auth/sign_in.html", form=form, refused=refused,
                           heading_key="sign_in.heading")


def sign_in_limit() -> str:
    """SIGN_IN_RATE_LIMIT, e.g. \"10 per minute\" per address and IP."""
    return str(current_app.config["SIGN_IN_RATE_LIMIT"])


def find_account(address: str) -> Account | None:
    key = address.strip().lower()
    return db.session.execute(select(Account).where(Account.email_key == key)).scalar_one_or_none()


def start_session(account: Account, password: str) -> None:
    """A fresh session for the account (no session fixation)."""
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
        db.session.commit()
    session.clear()
    session[ACCOUNT_KEY] = account.id
    g.account = account


@bp.post("/sign-out")
def sign_out() -> Response:
    session.clear()
    g.pop("account", None)
    flash(text("sign_in.signed_out"))
    return redirect(url_for("registration.home"))
