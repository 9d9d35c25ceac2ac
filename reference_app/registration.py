"""Registration (REG-01..REG-14): home page, the form, the CAPTCHA picture, transliteration,
the success window and the confirmation link."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from flask import (
    Blueprint, abort, current_app, make_response, redirect, render_template, request, session,
    url_for,
)
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from . import challenges, mail, tokens
from .auth import current_account
from .extensions import db
from .forms import RegistrationForm, TransliterationForm, latin_spelling, suggested_name
from .models import Account, OutboxLetter, utcnow
from .passwords import hash_password
from .texts import text

bp = Blueprint("registration", __name__)

REGISTERED_EMAIL_KEY = "registered_email"
LONGEST_TOKEN = 200


@bp.get("/")
def home() -> str:
    return render_template("registration/home.html")


@bp.route("/register", methods=("GET", "POST"))
def register() -> Response | str:
    form = RegistrationForm()
    if request.method == "POST" and "use_suggestion" in request.form:
        # Without JavaScript, "Use this spelling" sends the form back to fill the name in.
        form.name.data = suggested_name(form.name.data or "")
        return render_form(form)
    if form.validate_on_submit():
        try:
            letter_id = create_account(form)
        except IntegrityError:  # someone registered the same address a moment ago
            db.session.rollback()
            form.email.errors = [text("refusals.email_taken")]
        else:
            mail.send_pending(current_app._get_current_object(), only=[letter_id])
            session[REGISTERED_EMAIL_KEY] = form.normalized_email
            return redirect(url_for(".success"))
    return render_form(form)


def render_form(form: RegistrationForm) -> str:
    """The form with a new CAPTCHA picture; passwords and the old answer are not sent back."""
    form.captcha_answer.data = ""
    form.captcha_answer.raw_data = []
    nonce = challenges.new_challenge()
    return render_template("registration/register.html", form=form, captcha_nonce=nonce)


def create_account(form: RegistrationForm) -> int:
    """Create the unconfirmed account and queue its letter in one transaction; the letter's id."""
    address = form.normalized_email
    account = Account(
        name=form.name.data,
        email=address,
        email_key=address.lower(),
        password_hash=hash_password(form.password.data),
    )
    db.session.add(account)
    db.session.flush()
    letter = queue_confirmation_letter(account)
    db.session.commit()
    return letter.id


def queue_confirmation_letter(account: Account) -> OutboxLetter:
    """Issue a confirmation link (voiding older ones) and queue the letter; the caller commits.
    Must run inside a request, since the link is an absolute URL to this site."""
    hours = current_app.config["CONFIRMATION_LINK_LIFETIME_HOURS"]
    token = tokens.issue(account.id, tokens.CONFIRM, timedelta(hours=hours))
    return mail.queue_letter(
        account.email,
        text("letter.subject"),
        "confirm",
        account_id=account.id,
        name=account.name,
        link=url_for("registration.confirm", token=token, _external=True),
        hours=hours,
    )


@bp.get("/register/success")
def success() -> Response | str:
    address = session.get(REGISTERED_EMAIL_KEY)
    if not address:
        return redirect(url_for(".register"))
    webmail = str(current_app.config["WEBMAIL_URL"]).rstrip("/")
    mailbox_url = f"{webmail}/inbox/{quote(address, safe='')}"
    return render_template("registration/success.html", email=address, mailbox_url=mailbox_url)


@bp.get("/captcha/<nonce>.png")
def captcha_picture(nonce: str) -> Response:
    png = challenges.picture(nonce)
    if png is None:
        abort(404)
    response = make_response(png)
    response.headers["Content-Type"] = "image/png"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/transliterate", methods=("GET", "POST"))
def transliterate() -> str:
    form = TransliterationForm()
    spelling = None
    if form.validate_on_submit():
        spelling = latin_spelling(form.source.data or "")
    return render_template("registration/transliterate.html", form=form, spelling=spelling)


@bp.get("/confirm/<token>")
def confirm(token: str) -> tuple[str, int] | str:
    if len(token) > LONGEST_TOKEN:
        result = tokens.Redemption(tokens.Outcome.UNKNOWN)
    else:
        result = tokens.redeem(token, tokens.CONFIRM)
    if result.is_ok:
        account = db.session.get(Account, result.account_id)
        if account.confirmed_at is None:
            account.confirmed_at = utcnow()
        db.session.commit()
        return render_template("registration/confirmed.html", signed_in=current_account() is not None)
    db.session.rollback()
    status = 404 if result.outcome is tokens.Outcome.UNKNOWN else 410
    reason = text(f"confirmation.{result.outcome.value}")
    return render_template("registration/link_unusable.html", reason=reason,
                           signed_in=current_account() is not None), status
