"""The shopper's mailbox site: a small webmail over the mail catcher (Mailpit or MailDev).

REG-12/13 send the shopper to "the site of their mailbox" to find the letter from the
marketplace and open it. This site is part of the reference environment (not of any
target): it lists the letters the catcher caught for one address and shows a letter as
its recipient sees it, in a sandboxed frame whose links open in the whole tab; the letter's
own HTML is always served with a CSP `sandbox` header, so opened directly it is no less boxed.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Flask, abort, redirect, render_template, request, url_for

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.mail.catcher import Catcher, LetterNotFound
from mailflow_specs.mail.catchers import open_catcher

_BASE_TAG = '<base target="_top">'
# A letter's own HTML is served only sandboxed, even when its URL is opened directly: no
# scripts, no access to this site's origin; links may still open in the whole tab (the same
# flags as the frame in letter.html).
SANDBOX_FLAGS = "allow-top-navigation-by-user-activation allow-popups"
BODY_HEADERS = {"Content-Security-Policy": f"sandbox {SANDBOX_FLAGS}", "X-Content-Type-Options": "nosniff"}
# The site's own pages: no scripts at all, its one inline <style>, the letter's frame from this
# site only, and no other site may frame them.
PAGE_HEADERS = {
    "Content-Security-Policy": ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                                "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def create_app(mail_api: str, catcher: str = "mailpit") -> Flask:
    app = Flask(__name__)
    client = open_catcher(catcher, mail_api)

    @app.get("/")
    def home():
        address = request.args.get("address", "").strip()
        if address:
            return redirect(url_for("inbox", address=address))
        return render_template("home.html")

    @app.get("/inbox/<path:address>")
    def inbox(address: str):
        letters = list(reversed(client.headings(address)))  # the newest first, as mailboxes list
        return render_template("inbox.html", address=address, letters=letters)

    @app.get("/inbox/<path:address>/letters/<message_id>")
    def letter(address: str, message_id: str):
        message = _owned_message(client, address, message_id)
        return render_template("letter.html", address=address, letter=message,
                               sandbox_flags=SANDBOX_FLAGS)

    @app.get("/inbox/<path:address>/letters/<message_id>/body")
    def letter_body(address: str, message_id: str):
        message = _owned_message(client, address, message_id)
        if message.html.strip():
            return _with_links_in_whole_tab(message.html), BODY_HEADERS
        return render_template("plain_body.html", text=message.text), BODY_HEADERS

    @app.errorhandler(TargetUnreachable)
    def catcher_unreachable(error: TargetUnreachable):
        return render_template("error.html", error=str(error)), 502

    @app.after_request
    def add_page_headers(response):
        if "Content-Security-Policy" not in response.headers:  # a letter's body keeps its sandbox
            response.headers.update(PAGE_HEADERS)
        return response

    @app.template_filter("quoted")
    def quoted(value: str) -> str:
        return quote(value, safe="@")

    return app


def _owned_message(client: Catcher, address: str, message_id: str):
    if not re.fullmatch(r"[A-Za-z0-9_-]+", message_id):
        abort(404)
    try:
        letter = client.letter(message_id)
    except LetterNotFound:
        abort(404)
    if not letter.heading.is_addressed_to(address):
        abort(404)
    return letter


def _with_links_in_whole_tab(html: str) -> str:
    """The letter's HTML, with its links opening in the whole tab rather than the frame."""
    head = re.search(r"<head[^>]*>", html, flags=re.IGNORECASE)
    if head:
        return html[: head.end()] + _BASE_TAG + html[head.end():]
    return _BASE_TAG + html
