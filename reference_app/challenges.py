"""CAPTCHA challenges: a picture of five letters; the letters stay on the server.

The page knows only a random nonce (the picture's URL). Every rendering of the form makes a
new challenge, and every answer, right or wrong, uses the current one up.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from captcha.image import ImageCaptcha
from flask import current_app, session
from sqlalchemy import delete

from .extensions import db
from .models import CaptchaChallenge, utcnow

# Upper-case letters without the easily confused I, O and Q.
ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ"
LENGTH = 5
NONCE_KEY = "captcha_nonce"
FIXED_ANSWER_KEY = "captcha_fixed_answer"
MAX_AGE = timedelta(hours=2)


def random_answer() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def new_challenge() -> str:
    """Make a new challenge for this browser session and return its nonce."""
    answer = random_answer()
    if current_app.config["TEST_MODE"] and session.get(FIXED_ANSWER_KEY):
        answer = session[FIXED_ANSWER_KEY]
    nonce = secrets.token_urlsafe(16)
    db.session.execute(delete(CaptchaChallenge).where(CaptchaChallenge.created_at < utcnow() - MAX_AGE))
    previous = session.get(NONCE_KEY)
    if previous:
        db.session.execute(delete(CaptchaChallenge).where(CaptchaChallenge.nonce == previous))
    db.session.add(CaptchaChallenge(nonce=nonce, answer=answer))
    db.session.commit()
    session[NONCE_KEY] = nonce
    return nonce


def check_answer(typed: str | None) -> bool:
    """Compare the typed letters (case-insensitively) with the current picture; use it up."""
    nonce = session.pop(NONCE_KEY, None)
    if not nonce:
        return False
    challenge = db.session.get(CaptchaChallenge, nonce)
    if challenge is None:
        return False
    db.session.delete(challenge)
    db.session.commit()
    expected = challenge.answer.encode("utf-8")
    given = (typed or "").strip().upper().encode("utf-8")
    return hmac.compare_digest(expected, given)


def picture(nonce: str) -> bytes | None:
    """The PNG of the challenge with this nonce, freshly drawn; None if there is none."""
    challenge = db.session.get(CaptchaChallenge, nonce)
    if challenge is None:
        return None
    return ImageCaptcha(width=220, height=80).generate(challenge.answer).getvalue()


def fix_answer(answer: str) -> None:
    """Test seam: every new challenge in this browser session uses `answer`."""
    session[FIXED_ANSWER_KEY] = answer
