"""Confirming the address later (CONF-03..CONF-08): the personal data page behind
My account → Profile settings → Change settings → Edit profile.

The page opens read-only with the label "Unconfirmed email" beside the address and
"Click here to confirm", which sends a new confirmation letter at once (voiding the older
link); asking again within CONFIRMATION_RESEND_SECONDS is refused, saying when it is
possible again. "Edit" at the bottom makes the name editable, with the rules of registration.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask.blueprints import BlueprintSetupState
from sqlalchemy import or_, update
from werkzeug.wrappers import Response

from . import mail
from .accounts import queue_confirmation_letter
from .blocking import seconds_to_wait
from .extensions import db
from .forms import ActionForm, ProfileForm
from .models import Account, utcnow
from .sessions import current_account, login_required
from .settings_menu import add_settings_link
from .texts import text

bp = Blueprint("confirmation", __name__, url_prefix="/account/profile-settings/change/profile")


@bp.record_once
def list_on_change_settings(state: BlueprintSetupState) -> None:
    add_settings_link(state.app, "confirmation.personal_data", "profile.edit_profile", order=10)


@bp.get("")
@login_required
def personal_data() -> str:
    return render_personal_data()


def render_personal_data(refusal: str | None = None) -> str:
    return render_template("confirmation/personal_data.html", account=current_account(),
                           form=ActionForm(), refusal=refusal)


@bp.route("/edit", methods=("GET", "POST"))
@login_required
def edit() -> Response | str:
    account = current_account()
    form = ProfileForm(data={"name": account.name})
    if form.validate_on_submit():
        account.name = form.name.data
        db.session.commit()
        flash(text("profile.saved"))
        return redirect(url_for(".personal_data"))
    return render_template("confirmation/edit.html", account=account, form=form)


@bp.post("/confirm-email")
@login_required
def ask_for_confirmation() -> Response | str:
    form = ActionForm()
    account = current_account()
    if not form.validate_on_submit() or account.is_confirmed:
        return redirect(url_for(".personal_data"))
    interval = float(current_app.config["CONFIRMATION_RESEND_SECONDS"])
    if not claim_resend(account, interval):
        return render_personal_data(refusal=too_soon(account, interval))
    letter = queue_confirmation_letter(account)
    db.session.commit()
    mail.send_now(letter)
    flash(text("profile.confirmation_sent", email=account.email))
    return redirect(url_for(".personal_data"))


def claim_resend(account: Account, interval_seconds: float) -> bool:
    """Record this request unless the last one was less than the interval ago. One conditional
    UPDATE, so two quick clicks cannot both send a letter."""
    now = utcnow()
    claimed = db.session.execute(
        update(Account)
        .where(Account.id == account.id,
               or_(Account.confirmation_asked_at.is_(None),
                   Account.confirmation_asked_at <= now - timedelta(seconds=interval_seconds)))
        .values(confirmation_asked_at=now)
    ).rowcount
    db.session.refresh(account)
    return claimed == 1


def too_soon(account: Account, interval_seconds: float) -> str:
    """The refusal, saying when asking again is possible (in seconds, and the UTC time)."""
    seconds = max(1, seconds_to_wait(account.confirmation_asked_at, interval_seconds))
    moment = utcnow() + timedelta(seconds=seconds)
    return text("profile.resend_too_soon", seconds=seconds, time=moment.strftime("%H:%M:%S"))
