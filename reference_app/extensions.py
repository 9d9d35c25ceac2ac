"""Extensions created unbound; `create_app` binds them to an app."""

from flask import request
from flask_limiter import Limiter
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def remote_address() -> str:
    """The client's IP address: the peer's, or behind TRUSTED_PROXIES reverse proxies the one
    they report in X-Forwarded-For (ProxyFix, set up in `create_app`)."""
    return request.remote_addr or "unknown"


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
limiter = Limiter(key_func=remote_address, default_limits=[])
