"""Registration (REG-01..REG-14): home page, the form, the CAPTCHA picture, transliteration,
the success window and the confirmation link."""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from . import accounts, challenges, mail, tokens
from .extensions import db
from .forms import RegistrationForm, TransliterationForm, latin_spelling, suggested_name
from .models import Account, OutboxLetter
from .sessions import current_account
from .texts import text

bp = Blueprint("registration", __name__)

REGISTERED_EMAIL_KEY = "registered_email"


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
            letter = create_account(form)
        except IntegrityError:  # someone registered the same address a moment ago
            db.session.rollback()
            form.email.errors = [text("refusals.email_taken")]
        else:
            mail.send_now(letter)
            session[REGISTERED_EMAIL_KEY] = form.normalized_email
            return redirect(url_for(".success"))
    return render_form(form)


def render_form(form: RegistrationForm) -> str:
    """The form with a new CAPTCHA picture; passwords and the old answer are not sent back."""
    form.captcha_answer.data = ""
    form.captcha_answer.raw_data = []
    nonce = challenges.new_challenge()
    return render_template("registration/register.html", form=form, captcha_nonce=nonce)


def create_account(form: RegistrationForm) -> OutboxLetter:
    """Create the unconfirmed account and queue its letter in one transaction."""
    account = accounts.create_account(form.name.data, form.normalized_email, form.password.data)
    letter = accounts.queue_confirmation_letter(account)
    db.session.commit()
    return letter


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
    signed_in = current_account() is not None
    result = tokens.redeem_link(token, tokens.CONFIRM)
    if not result.is_ok:
        return tokens.refuse_link(result.outcome, "confirmation", signed_in=signed_in)
    accounts.confirm_address(db.session.get(Account, result.account_id))
    db.session.commit()
    return render_template("registration/confirmed.html", signed_in=signed_in)
