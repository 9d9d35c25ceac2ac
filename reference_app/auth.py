"""Signing in and out (the views; the session itself is `sessions`)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from .accounts import find_account
from .extensions import limiter
from .forms import SignInForm
from .passwords import verify_password
from .sessions import end_session, start_session
from .texts import text

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: never another host (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def sign_in_key() -> str:
    """Rate-limit key: the address tried and the client's IP address together."""
    address = (request.form.get("email") or "").strip().lower()
    return f"{request.remote_addr}|{address}"


def sign_in_limit() -> str:
    """SIGN_IN_RATE_LIMIT, e.g. \"10 per minute\" per address and IP."""
    return str(current_app.config["SIGN_IN_RATE_LIMIT"])


@bp.route("/sign-in", methods=("GET", "POST"))
@limiter.limit(sign_in_limit, key_func=sign_in_key, methods=["POST"])
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
