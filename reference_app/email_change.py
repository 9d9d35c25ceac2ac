"""Changing the address through the old mailbox (CHG-02..CHG-08).

"Change email address" offers two ways (CHG-03): "Verify now" mails a link to the current
address (CHG-04, CHG-05); the link opens the form for the new address, whose "Send request"
mails a code to the new address (CHG-06, CHG-07); the code, typed in, binds it (CHG-08).
The other way, "Contact support", is the chat of `support_chat.py`.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, session, url_for
from flask.blueprints import BlueprintSetupState
from werkzeug.wrappers import Response

from . import address_change, mail, tokens
from .extensions import db, remote_address
from .forms import ConfirmationCodeForm, NewAddressForm
from .sessions import GENERATION_KEY, current_account, login_required
from .settings_menu import add_settings_link
from .texts import text

bp = Blueprint("email_change", __name__, url_prefix="/account/email")

CODE_REFUSALS = {
    address_change.CodeOutcome.VOID: "email_change.refusals.code_void",
    address_change.CodeOutcome.EXPIRED: "email_change.refusals.code_expired",
    address_change.CodeOutcome.NONE: "email_change.refusals.code_none",
    address_change.CodeOutcome.TAKEN: "refusals.email_taken",
}


@bp.record_once
def list_on_change_settings(state: BlueprintSetupState) -> None:
    add_settings_link(state.app, "email_change.choose", "email_change.settings_link", order=20)


@bp.get("/")
@login_required
def choose() -> str:
    return render_template("email_change/choose.html")


@bp.post("/verify")
@login_required
def verify_now() -> str | tuple[str, int]:
    account = current_account()
    hours = current_app.config["EMAIL_CHANGE_LINK_LIFETIME_HOURS"]
    token = tokens.issue(account.id, tokens.EMAIL_CHANGE, timedelta(hours=hours))
    refusal = address_change.links_refusal(account.id)
    if refusal is not None:
        db.session.rollback()
        return render_template("email_change/choose.html", refusal=refusal), 429
    letter = mail.queue_letter(
        account.email, text("email_change.link_letter.subject"), "email_change_link",
        account_id=account.id, name=account.name, hours=hours,
        link=mail.public_link("email_change.new_address", token=token),
    )
    db.session.commit()
    mail.send_now(letter)
    return render_template("email_change/link_sent.html", email=account.email)


def link_refused(outcome: tokens.Outcome) -> tuple[str, int]:
    return tokens.refuse_link(outcome, "email_change.link", signed_in=True)


@bp.route("/new/<token>", methods=("GET", "POST"))
@login_required
def new_address(token: str) -> Response | str | tuple[str, int]:
    account = current_account()
    checked = tokens.redeem_link(token, tokens.EMAIL_CHANGE, account_id=account.id, use=False)
    if not checked.is_ok:
        return link_refused(checked.outcome)
    form = NewAddressForm(account, client=remote_address())
    if form.validate_on_submit():
        used = tokens.redeem_link(token, tokens.EMAIL_CHANGE, account_id=account.id)
        if not used.is_ok:
            return link_refused(used.outcome)
        try:
            letter = address_change.request_change(account, form.normalized_email, address_change.SELF_SERVICE)
        except address_change.TooOften as refusal:
            db.session.rollback()  # the link stays usable
            form.new_email.errors = [str(refusal)]
        else:
            db.session.commit()
            mail.send_now(letter)
            return redirect(url_for(".enter_code"))
    db.session.commit()  # the addresses tried count, whatever the answer
    return render_template("email_change/new_address.html", form=form)


@bp.route("/code", methods=("GET", "POST"))
@login_required
def enter_code() -> str:
    account = current_account()
    form = ConfirmationCodeForm()
    if form.validate_on_submit():
        result = address_change.check_code(account, form.code.data or "")
        db.session.commit()
        if result.outcome is address_change.CodeOutcome.OK:
            session[GENERATION_KEY] = account.session_generation  # this session goes on, no other
            mail.send_now(result.letter)
            return render_template("email_change/changed.html", email=account.email)
        if result.outcome is address_change.CodeOutcome.WRONG:
            form.code.errors = [text("email_change.refusals.code_wrong", left=result.attempts_left)]
        else:
            form.code.errors = [text(CODE_REFUSALS[result.outcome])]
    pending = address_change.pending_request(account.id)
    return render_template("email_change/enter_code.html", form=form,
                           new_email=pending.new_email if pending else None)
