"""A small shop built on Flask-Security-Too: a FOREIGN implementation of the guide's flows.

It proves the kit on an implementation that is not ours. Everything a shopper sees is
Flask-Security-Too's own (its registration with confirmation, sign-in, change of address,
its stock templates and letters), configured as a team would configure it. The team added
only: a home page, first and last name on the registration form, and, in a TEST build
only, the test seams of ``seams.py``. It never imports ``mailflow`` nor ``reference_app``.
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from flask import Flask, render_template
from flask_mail import Mail
from flask_security import RegisterFormV2, Security, SQLAlchemyUserDatastore
from flask_security.models import fsqla_v3 as fsqla
from flask_sqlalchemy import SQLAlchemy
from wtforms import StringField
from wtforms.validators import DataRequired

db = SQLAlchemy()
fsqla.FsModels.set_db_info(db)


class Role(db.Model, fsqla.FsRoleMixin):
    pass


class User(db.Model, fsqla.FsUserMixin):
    first_name = db.Column(db.String(80))
    last_name = db.Column(db.String(80))


class ShopRegisterForm(RegisterFormV2):
    """The library's form, with the two name fields the shop asks for."""

    first_name = StringField("First Name", validators=[DataRequired()])
    last_name = StringField("Last Name", validators=[DataRequired()])


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=secrets.token_hex(16),
        SECURITY_PASSWORD_SALT=secrets.token_hex(8),
        SQLALCHEMY_DATABASE_URI="sqlite:///:memory:",
        SECURITY_REGISTERABLE=True,
        SECURITY_CONFIRMABLE=True,
        SECURITY_CHANGE_EMAIL=True,
        SECURITY_EMAIL_SENDER="no-reply@shop.example",
        # The shop's build runs on a closed network: no DNS lookup of the address's domain.
        SECURITY_EMAIL_VALIDATOR_ARGS={"check_deliverability": False},
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=1025,
        MAIL_DEFAULT_SENDER="no-reply@shop.example",
        TEST_MODE=False,
    )
    app.config.from_mapping(config or {})
    db.init_app(app)
    Mail(app)
    app.security = Security(app, SQLAlchemyUserDatastore(db, User, Role),
                            register_form=ShopRegisterForm)

    @app.get("/")
    def home():
        return render_template("home.html")

    if app.config["TEST_MODE"]:
        from examples.flask_security_shop.seams import install_seams

        install_seams(app)
    with app.app_context():
        db.create_all()
    return app


def config_from_environment() -> dict[str, Any]:
    """``SHOP_<NAME>`` variables override the defaults (SMTP, database, test mode)."""
    config: dict[str, Any] = {}
    for name, value in os.environ.items():
        if name.startswith("SHOP_"):
            key = name.removeprefix("SHOP_")
            config[key] = int(value) if value.isdigit() else value
    return config
