"""Signing in and out (the views; the session itself is `sessions`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from .accounts import find_account
from .forms import SignInForm
from .limits import limit_sign_in
from .passwords import verify_password
from .sessions import end_session, start_session
from .texts import text

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host (no open redirect). Browsers drop tabs and
    line breaks from URLs and read a backslash as a slash, so a target with a control
    character, whitespace or backslash is refused whole, before "//" is looked for."""
    if not target or len(target) > LONGEST_NEXT or not target.isprintable() \
            or any(c.isspace() or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return None
    return target


LONGEST_NEXT = 2000


@bp.route("/sign-in", methods=("GET", "POST"))
@limit_sign_in("SIGN_IN_RATE_LIMIT")
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


@bp.post("/sign-out")
def sign_out() -> Response:
    end_session()
    flash(text("sign_in.signed_out"))
    return redirect(url_for("registration.home"))
