"""The support console: the agents' side of the chat (CHG-09).

Staff sign in here with accounts of their own (a separate table); a shopper's session
gets 403 on every console page. An agent sees the waiting chats, talks live, compares
what the shopper says with what the account holds (never the password) and may start an
address change, which mails a code to the new address: only the shopper's code binds it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, session, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from . import address_change, mail
from .accounts import email_key
from .chats import STAFF, add_message, after_id, as_json, messages_after, post_message
from .extensions import db
from .forms import ChatMessageForm, NewAddressForm, StaffSignInForm
from .limits import limit_sign_in
from .models import Account, EmailChangeRequest, StaffMember, SupportChat, utcnow
from .passwords import verify_password
from .sessions import current_account, end_every_session, signed_in
from .texts import text

bp = Blueprint("support_console", __name__, url_prefix="/support/console")

STAFF_KEY = "staff_id"
STAFF_GENERATION_KEY = "staff_generation"


def current_staff() -> StaffMember | None:
    if "staff" not in g:
        g.staff = signed_in(StaffMember, STAFF_KEY, STAFF_GENERATION_KEY)
    return g.staff


def staff_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Staff only: a shopper gets 403, anyone else the console's sign-in page."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_staff() is None:
            if current_account() is not None:
                abort(403)
            return redirect(url_for(".sign_in"))
        return view(*args, **kwargs)

    return wrapped


@bp.route("/sign-in", methods=("GET", "POST"))
@limit_sign_in("STAFF_SIGN_IN_RATE_LIMIT")
def sign_in() -> Response | str:
    form = StaffSignInForm()
    refused = False
    if form.validate_on_submit():
        staff = db.session.execute(
            select(StaffMember).where(StaffMember.email_key == email_key(form.email.data or ""))
        ).scalar_one_or_none()
        if verify_password(staff.password_hash if staff else None, form.password.data or ""):
            session.clear()
            session[STAFF_KEY] = staff.id
            session[STAFF_GENERATION_KEY] = staff.session_generation
            return redirect(url_for(".waiting"))
        refused = True
    return render_template("auth/sign_in.html", form=form, refused=refused,
                           heading_key="support.console.sign_in_heading")


@bp.post("/sign-out")
def sign_out() -> Response:
    staff = current_staff()
    if staff is not None:
        end_every_session(StaffMember, staff.id)
    session.pop(STAFF_KEY, None)
    session.pop(STAFF_GENERATION_KEY, None)
    return redirect(url_for(".sign_in"))


@bp.get("/")
@staff_required
def waiting() -> str:
    chats = db.session.execute(
        select(SupportChat, Account).join(Account, Account.id == SupportChat.account_id)
        .where(SupportChat.closed_at.is_(None)).order_by(SupportChat.id)
    ).all()
    return render_template("support/console_waiting.html", chats=chats)


def chat_or_404(chat_id: int) -> tuple[SupportChat, Account]:
    chat = db.get_or_404(SupportChat, chat_id)
    return chat, db.session.get(Account, chat.account_id)


def waiting_request(account_id: int) -> EmailChangeRequest | None:
    """The change still waiting for its code: open and not expired (an expired code binds nothing,
    so the console does not show its address as waiting)."""
    pending = address_change.pending_request(account_id)
    return pending if pending is not None and pending.expires_at > utcnow() else None


def render_chat(chat: SupportChat, account: Account, change_form: NewAddressForm) -> str:
    return render_template(
        "support/console_chat.html", chat=chat, account=account, change_form=change_form,
        pending=waiting_request(account.id), messages=messages_after(chat.id),
        form=ChatMessageForm(), messages_url=url_for(".messages", chat_id=chat.id),
        post_url=url_for(".send", chat_id=chat.id),
    )


@bp.get("/chats/<int(max=2147483647):chat_id>")
@staff_required
def chat(chat_id: int) -> str:
    chat, account = chat_or_404(chat_id)
    if chat.staff_id is None:
        chat.staff_id = current_staff().id
        db.session.commit()
    return render_chat(chat, account, NewAddressForm(account, formdata=None))


@bp.get("/chats/<int(max=2147483647):chat_id>/messages")
@staff_required
def messages(chat_id: int) -> Response:
    return jsonify(messages=[as_json(m) for m in messages_after(chat_id, after_id())])


@bp.post("/chats/<int(max=2147483647):chat_id>/messages")
@staff_required
def send(chat_id: int) -> Response | tuple[Response, int]:
    chat, _ = chat_or_404(chat_id)
    return post_message(chat, STAFF, url_for(".chat", chat_id=chat_id))


@bp.post("/chats/<int(max=2147483647):chat_id>/email-change")
@staff_required
def start_email_change(chat_id: int) -> Response | str:
    """Mail a code to the new address the shopper gave; nothing is bound until it is typed."""
    chat, account = chat_or_404(chat_id)
    form = NewAddressForm(account)
    if not form.validate_on_submit():
        return render_chat(chat, account, form)
    try:
        letter = address_change.request_change(account, form.normalized_email, address_change.SUPPORT)
    except address_change.TooOften as refusal:
        db.session.rollback()
        form.new_email.errors = [str(refusal)]
        return render_chat(chat, account, form)
    add_message(chat, STAFF, text("support.console.change_started_message", email=form.normalized_email))
    db.session.commit()
    mail.send_now(letter)
    flash(text("support.console.change_started", email=form.normalized_email))
    return redirect(url_for(".chat", chat_id=chat_id))
