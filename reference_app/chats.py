"""Support chats as records: opening, adding and listing messages, and posting one from the
chat form. Shared by the shopper's side (`support_chat`) and the agents' (`support_console`)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, request
from sqlalchemy import select
from werkzeug.wrappers import Response

from .extensions import db
from .forms import ChatMessageForm
from .models import ChatMessage, SupportChat
from .texts import text

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
