"""The live chat with customer support, the shopper's side (CHG-09).

Messages are rows; both sides' pages show them at once and a small script
(`static/support_chat.js`) sends new ones and fetches the others' every second,
so nobody reloads. The agent's side is `support_console.py`; both keep their messages
through `chats`.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for
from werkzeug.wrappers import Response

from .chats import SHOPPER, STAFF, add_message, after_id, as_json, messages_after, open_chat_of, post_message
from .extensions import db
from .forms import ChatMessageForm
from .models import SupportChat
from .sessions import current_account, login_required
from .texts import text

bp = Blueprint("support_chat", __name__, url_prefix="/support/chat")

@bp.get("/")
@login_required
def chat() -> str:
    account = current_account()
    chat = open_chat_of(account.id)
    if chat is None:
        chat = SupportChat(account_id=account.id)
        db.session.add(chat)
        db.session.flush()
        add_message(chat, STAFF, text("support.welcome"))
        db.session.commit()
    return render_template("support/chat.html", messages=messages_after(chat.id), form=ChatMessageForm(),
                           messages_url=url_for(".messages"), post_url=url_for(".send"))


@bp.get("/messages")
@login_required
def messages() -> Response:
    chat = open_chat_of(current_account().id)
    found = messages_after(chat.id, after_id()) if chat else []
    return jsonify(messages=[as_json(m) for m in found])


@bp.post("/messages")
@login_required
def send() -> Response | tuple[Response, int]:
    chat = open_chat_of(current_account().id)
    if chat is None:
        return redirect(url_for(".chat"))
    return post_message(chat, SHOPPER, url_for(".chat"))
