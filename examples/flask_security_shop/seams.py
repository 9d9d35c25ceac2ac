"""Test seams of the shop's TEST build (``--test-mode``); outside test mode they do not exist.

- ``POST /__test__/accounts`` ``{"email", "password", "name", "confirmed", "age_hours"}``
  creates an account (201 ``{"email"}``). An unconfirmed one is left as right after
  registration: the same welcome letter with its confirmation link is sent.
- ``POST /__test__/accounts/age`` ``{"email", "hours"}`` makes one account and its links
  look that many hours older. Links are signed tokens with their time inside, so the
  seam keeps an age per account and the token check counts it (``AgingSerializer``).

There is no CAPTCHA seam: the shop has no CAPTCHA.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask_security import hash_password
from flask_security.confirmable import generate_confirmation_link
from flask_security.utils import _config_value as config_value
from flask_security.utils import send_mail

bp = Blueprint("test_seams", __name__, url_prefix="/__test__")


class AgingSerializer:
    """Wraps the library's token serializer: an aged account's tokens are that much older."""

    def __init__(self, wrapped, ages: dict[str, float]) -> None:
        self.wrapped, self.ages = wrapped, ages

    def dumps(self, *args, **kwargs):
        return self.wrapped.dumps(*args, **kwargs)

    def loads(self, token, max_age=None, **kwargs):
        _, data = self.wrapped.loads_unsafe(token)
        age = self.ages.get(str(data[0]), 0.0) if isinstance(data, list) and data else 0.0
        if max_age is not None and age:
            max_age = max_age - age  # negative: already expired
        return self.wrapped.loads(token, max_age=max_age, **kwargs)

    def __getattr__(self, name):
        return getattr(self.wrapped, name)


def install_seams(app: Flask) -> None:
    ages: dict[str, float] = {}
    app.extensions["test_account_ages"] = ages
    security = app.security
    for name in ("confirm_serializer", "change_email_serializer"):
        setattr(security, name, AgingSerializer(getattr(security, name), ages))
    app.register_blueprint(bp)
    # Seams are called by a test harness, not by a form: no CSRF token.
    csrf = app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(bp)


def _datastore():
    return current_app.security.datastore


def _age(user, hours: float) -> None:
    ages = current_app.extensions["test_account_ages"]
    ages[user.fs_uniquifier] = ages.get(user.fs_uniquifier, 0.0) + hours * 3600
    user.create_datetime = user.create_datetime - timedelta(hours=hours)


@bp.post("/accounts")
def create_account():
    body = request.get_json(silent=True) or {}
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return jsonify(error='Expected JSON {"email": str, "password": str, ...}'), 400
    if _datastore().find_user(email=email):
        return jsonify(error=f"{email} is already registered"), 409
    first, _, last = str(body.get("name", "")).partition(" ")
    confirmed = bool(body.get("confirmed", False))
    user = _datastore().create_user(
        email=email, password=hash_password(password), first_name=first, last_name=last,
        confirmed_at=datetime.now(UTC).replace(tzinfo=None) if confirmed else None)
    _datastore().commit()
    if not confirmed:  # as right after registration: the welcome letter with its link
        link, token = generate_confirmation_link(user)
        send_mail(config_value("EMAIL_SUBJECT_REGISTER"), user.email,
                  config_value("REGISTER_EMAIL_TEMPLATE"), user=user,
                  confirmation_link=link, confirmation_token=token)
    if body.get("age_hours"):
        _age(user, float(body["age_hours"]))
        _datastore().commit()
    return jsonify(email=user.email), 201


@bp.post("/accounts/age")
def age_account():
    body = request.get_json(silent=True) or {}
    user = _datastore().find_user(email=body.get("email", ""))
    if user is None:
        abort(404)
    _age(user, float(body.get("hours", 0)))
    _datastore().commit()
    return jsonify(email=user.email, hours=body.get("hours")), 200
