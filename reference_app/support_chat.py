"""The live chat with customer support, the shopper's side (CHG-09).

Messages are rows; both sides' pages show them at once and a small script
(`static/support_chat.js`) sends new ones and fetches the others' every second,
so nobody reloads. The agent's side is `support_console.py`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from .auth import current_account, login_required
from .extensions import db
from .forms import ChatMessageForm
from .models import ChatMessage, SupportChat
from .texts import text

bp = Blueprint("support_chat", __name__, url_prefix="/support/chat")

SHOPPER = "shopper"
STAFF = "staff"


def open_chat_of(account_id: int) -> SupportChat | None:
    return db.session.execute(
        select(SupportChat).where(SupportChat.account_id == account_id, SupportChat.closed_at.is_(None))
        .order_by(SupportChat.id.desc())
    ).scalars().first()


def messages_after(chat_id: int, after: int = 0) -> list[ChatMessage]:
    return list(db.session.execute(
        select(ChatMessage).where(ChatMessage.chat_id == chat_id, ChatMessage.id > after)
        .order_by(ChatMessage.id)
    ).scalars())


def as_json(message: ChatMessage) -> dict[str, Any]:
    return {"id": message.id, "author": message.author,
            "author_label": text(f"support.author.{message.author}"), "body": message.body}


def add_message(chat: SupportChat, author: str, body: str) -> ChatMessage:
    """Add a message (committed by the caller)."""
    message = ChatMessage(chat_id=chat.id, author=author, body=body)
    db.session.add(message)
    return message


def after_id() -> int:
    value = request.args.get("after", "0")
    return int(value) if value.isdigit() else 0


def wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def post_message(chat: SupportChat, author: str, back: str) -> Response | tuple[Response, int]:
    """Store a message from the chat form; JSON for the script, a redirect without it."""
    form = ChatMessageForm()
    if not form.validate_on_submit():
        error = next(iter(form.errors.values()), [text("errors.bad_request")])[0]
        return jsonify(error=error), 400
    message = add_message(chat, author, form.body.data or "")
    db.session.commit()
    if wants_json():
        return jsonify(as_json(message)), 201
    return redirect(back)


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
