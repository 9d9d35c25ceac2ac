"""A blocked account and the appeal for reactivation (CONF-02, CONF-09..CONF-11).

Signing in to a blocked account (or using a session whose account became blocked, see
`blocking`) leads to the notice, which offers "Appeal for reactivation": prove it is you with
the password, choose to send the activation letter to the registered address, open its link.
The link reactivates the account and confirms the address.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from . import accounts, mail, tokens
from .blocking import BLOCKED_KEY, blocked_account, seconds_to_wait
from .extensions import db, limiter
from .forms import ActionForm, AppealPasswordForm
from .models import Account, LinkToken, utcnow
from .passwords import verify_password
from .texts import text

bp = Blueprint("appeal", __name__)

# The blocked account whose appeal proved the password.
PROVEN_KEY = "appeal_proven_id"


@bp.get("/account-blocked")
def blocked() -> Response | str:
    account = blocked_account()
    if account is None:
        return redirect(url_for("auth.sign_in"))
    days = current_app.config["GRACE_PERIOD_DAYS"]
    return render_template("appeal/blocked.html", days=days)


def appeal_key() -> str:
    return f"appeal|{session.get(BLOCKED_KEY)}|{request.remote_addr}"


@bp.route("/appeal", methods=("GET", "POST"))
@limiter.limit(lambda: str(current_app.config["APPEAL_RATE_LIMIT"]), key_func=appeal_key,
               methods=["POST"])
def prove_identity() -> Response | str:
    account = blocked_account()
    if account is None:
        return redirect(url_for("auth.sign_in"))
    form = AppealPasswordForm()
    if form.validate_on_submit():
        if verify_password(account.password_hash, form.password.data or ""):
            session[PROVEN_KEY] = account.id
            return redirect(url_for(".choose_letter"))
        form.password.errors = [text("appeal.wrong_password")]
    return render_template("appeal/prove.html", form=form)


@bp.route("/appeal/activation-letter", methods=("GET", "POST"))
def choose_letter() -> Response | str:
    account = blocked_account()
    if account is None or session.get(PROVEN_KEY) != account.id:
        return redirect(url_for(".prove_identity" if account else "auth.sign_in"))
    form = ActionForm()
    refusal = None
    if form.validate_on_submit():
        wait = seconds_to_wait(last_activation_letter(account),
                               float(current_app.config["CONFIRMATION_RESEND_SECONDS"]))
        if not wait:
            send_activation_letter(account)
            return redirect(url_for(".letter_sent"))
        refusal = text("appeal.too_soon", seconds=wait)
    return render_template("appeal/choose.html", form=form, email=account.email, refusal=refusal)


def last_activation_letter(account: Account):  # noqa: ANN201 (datetime | None)
    return db.session.execute(
        select(LinkToken.issued_at).where(LinkToken.account_id == account.id,
                                          LinkToken.purpose == tokens.ACTIVATE)
        .order_by(LinkToken.issued_at.desc()).limit(1)
    ).scalar_one_or_none()


def send_activation_letter(account: Account) -> None:
    hours = current_app.config["ACTIVATION_LINK_LIFETIME_HOURS"]
    token = tokens.issue(account.id, tokens.ACTIVATE, timedelta(hours=hours))
    letter = mail.queue_letter(
        account.email, text("activation_letter.subject"), "activate", account_id=account.id,
        name=account.name, link=url_for(".activate", token=token, _external=True), hours=hours,
    )
    db.session.commit()
    mail.send_now(letter)


@bp.get("/appeal/letter-sent")
def letter_sent() -> Response | str:
    account = blocked_account()
    if account is None or session.get(PROVEN_KEY) != account.id:
        return redirect(url_for("auth.sign_in"))
    return render_template("appeal/sent.html", email=account.email)


@bp.get("/activate/<token>")
def activate(token: str) -> tuple[str, int] | str:
    result = tokens.redeem_link(token, tokens.ACTIVATE)
    if not result.is_ok:
        return tokens.refuse_link(result.outcome, "activation", signed_in=False)
    account = db.session.get(Account, result.account_id)
    account.reactivated_at = utcnow()
    accounts.confirm_address(account)
    db.session.commit()
    session.pop(BLOCKED_KEY, None)
    session.pop(PROVEN_KEY, None)
    return render_template("appeal/reactivated.html")
