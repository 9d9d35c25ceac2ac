"""CAPTCHA challenges: a picture of five letters; the letters stay on the server.

Showing the form writes nothing: a challenge is a nonce (the moment it was made and a random
part) kept in the browser's session, and its letters are an HMAC of the nonce under the app's
secret key, so only the server can draw or check them, and an anonymous visitor opening the
form any number of times costs no row. Every answer, right or wrong, uses the nonce up: it is
recorded as used (one row per answer, kept MAX_AGE), so a solved picture cannot be answered
again from a copied cookie. Only the session's current challenge is drawn, and none older than
MAX_AGE is drawn or accepted.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from datetime import timedelta

from captcha.image import ImageCaptcha
from flask import current_app, session
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import UsedCaptcha, utcnow

# Upper-case letters without the easily confused I, O and Q.
ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ"
LENGTH = 5
NONCE_KEY = "captcha_nonce"
FIXED_ANSWER_KEY = "captcha_fixed_answer"
MAX_AGE = timedelta(hours=2)
NONCE = re.compile(r"(\d{1,12})\.[A-Za-z0-9_-]{16,32}")


def new_challenge() -> str:
    """Make a new challenge for this browser session and return its nonce (nothing stored)."""
    nonce = f"{int(time.time())}.{secrets.token_urlsafe(16)}"
    session[NONCE_KEY] = nonce
    return nonce


def is_current(nonce: str) -> bool:
    """A nonce this app could have made, less than MAX_AGE ago."""
    match = NONCE.fullmatch(nonce)
    return match is not None and 0 <= time.time() - int(match.group(1)) <= MAX_AGE.total_seconds()


def answer_for(nonce: str) -> str:
    """The letters of the nonce's picture; in test mode, the answer fixed by the seam, if any."""
    if current_app.config["TEST_MODE"] and session.get(FIXED_ANSWER_KEY):
        return str(session[FIXED_ANSWER_KEY])
    key = str(current_app.config["SECRET_KEY"]).encode("utf-8")
    digest = hmac.new(key, f"captcha:{nonce}".encode(), hashlib.sha256).digest()
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:LENGTH])


def check_answer(typed: str | None) -> bool:
    """Compare the typed letters (case-insensitively) with the current picture; use it up."""
    nonce = session.pop(NONCE_KEY, None)
    if not isinstance(nonce, str) or not is_current(nonce) or not use_up(nonce):
        return False
    expected = answer_for(nonce).encode("utf-8")
    given = (typed or "").strip().upper().encode("utf-8")
    return hmac.compare_digest(expected, given)


def use_up(nonce: str) -> bool:
    """Record the nonce as answered; False if it was answered before."""
    db.session.execute(delete(UsedCaptcha).where(UsedCaptcha.used_at < utcnow() - MAX_AGE))
    db.session.add(UsedCaptcha(nonce=nonce))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def picture(nonce: str) -> bytes | None:
    """The PNG of this browser's current challenge, freshly drawn; None for any other nonce
    (an answered or replaced picture, or one of another session)."""
    if nonce != session.get(NONCE_KEY) or not is_current(nonce):
        return None
    return ImageCaptcha(width=220, height=80).generate(answer_for(nonce)).getvalue()


def fix_answer(answer: str) -> None:
    """Test seam: every challenge in this browser session uses `answer`."""
    session[FIXED_ANSWER_KEY] = answer
