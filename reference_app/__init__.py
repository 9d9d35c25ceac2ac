"""Bazaar, the reference marketplace: `create_app()` builds it."""

from __future__ import annotations

import os
import secrets
from typing import Any

import click
from flask import Flask
from flask.cli import with_appcontext
from werkzeug.middleware.proxy_fix import ProxyFix

from . import blocking, errors, localized_routes, passwords, sessions, settings, texts
from .extensions import csrf, db, limiter
from .settings import DEFAULTS, SettingError

__all__ = ["DEFAULTS", "SettingError", "create_app", "init_db"]

def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Defaults, then BAZAAR_* environment variables, then `config` (tests, the launcher);
    a setting of the wrong kind raises SettingError naming it."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        DEFAULTS,
        SQLALCHEMY_DATABASE_URI="sqlite:///" + os.path.join(app.instance_path, "bazaar.sqlite"),
    )
    app.config.from_prefixed_env("BAZAAR")
    if config:
        app.config.from_mapping(config)
    given = {name.removeprefix("BAZAAR_") for name in os.environ if name.startswith("BAZAAR_")}
    settings.check(app.config, given | set(config or {}))
    configure_secret_key(app)
    configure_database(app)
    passwords.init_app(app)

    texts.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    errors.init_app(app)
    blocking.init_app(app)
    register_blueprints(app)
    localized_routes.localize_routes(app)
    app.cli.add_command(init_db_command)
    if app.config["TRUSTED_PROXIES"]:
        proxies = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    return app


def configure_secret_key(app: Flask) -> None:
    """Without SECRET_KEY, the key kept in SECRET_KEY_FILE (made once, readable by the owner
    only): sessions and pending codes survive a restart either way."""
    if app.config["SECRET_KEY"]:
        return
    path = app.config["SECRET_KEY_FILE"] or os.path.join(app.instance_path, "secret_key")
    try:
        with open(path, "x", encoding="ascii", opener=lambda p, f: os.open(p, f, 0o600)) as stream:
            stream.write(secrets.token_hex(32))
        app.logger.warning("SECRET_KEY is not set: made a new one and kept it in %s.", path)
    except FileExistsError:
        pass
    except OSError as error:
        raise SettingError(f"Expected BAZAAR_SECRET_KEY, or a writable BAZAAR_SECRET_KEY_FILE; "
                           f"could not write {path!r} ({error.strerror}).") from None
    with open(path, encoding="ascii") as stream:
        key = stream.read().strip()
    if not key:
        raise SettingError(f"Expected the secret key in {path!r}; the file is empty.")
    app.config["SECRET_KEY"] = key


def configure_database(app: Flask) -> None:
    """SQLite: wait for a busy database instead of failing (the outbox worker writes too)."""
    if str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        options = app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
        options.setdefault("connect_args", {}).setdefault("timeout", 15)


def register_blueprints(app: Flask) -> None:
    from . import (
        account,
        appeal,
        auth,
        confirmation,
        email_change,
        registration,
        support_chat,
        support_console,
    )

    app.register_blueprint(registration.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(email_change.bp)
    app.register_blueprint(support_chat.bp)
    app.register_blueprint(support_console.bp)
    app.register_blueprint(confirmation.bp)
    app.register_blueprint(appeal.bp)
    app.jinja_env.globals["current_account"] = sessions.current_account
    if app.config["TEST_MODE"]:
        from . import test_seams

        app.register_blueprint(test_seams.bp)


def init_db(app: Flask) -> None:
    """Create every table that does not exist yet."""
    with app.app_context():
        db.create_all()


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database tables."""
    db.create_all()
    click.echo("Initialized the database.")
