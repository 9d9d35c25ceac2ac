"""Bazaar's settings: the defaults, and strict checks of what the environment or the caller set.

Settings come from `DEFAULTS`, then `BAZAAR_<NAME>` environment variables (parsed as JSON
where they are JSON, else taken as text), then the mapping given to `create_app`. `check`
then refuses, at start, a value of the wrong kind, naming the setting: a yes/no setting
accepts only the spellings in `TRUE`/`FALSE` (so `BAZAAR_TEST_MODE=False` is off, and
`BAZAAR_TEST_MODE=maybe` stops the app), a number must be a number, and `PUBLIC_URL` (the
address letters link to) must be an absolute http(s) URL.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

TRUE = frozenset({"true", "yes", "on", "1"})
FALSE = frozenset({"false", "no", "off", "0"})

DEFAULTS: dict[str, Any] = {
    "SMTP_HOST": "127.0.0.1",
    "SMTP_PORT": 1025,
    # Each SMTP read or write may take this long, a whole letter at most SMTP_DEADLINE_SECONDS;
    # letters go out from the outbox worker, so neither ever holds a shopper's request.
    "SMTP_TIMEOUT_SECONDS": 5,
    "SMTP_DEADLINE_SECONDS": 15,
    "MAIL_SENDER": "Bazaar <no-reply@bazaar.example>",
    # Where links in letters point (never the request's Host header). `python -m reference_app`
    # sets it to its own address when this is not set.
    "PUBLIC_URL": "http://127.0.0.1:5000",
    "WEBMAIL_URL": "http://127.0.0.1:8026",
    "TEST_MODE": False,
    # In test mode: whether /__test__/accounts/age exists (a target without it skips aging scenarios).
    "ACCOUNT_AGING_SEAM": True,
    "LANGUAGE": "en",
    # "test": a low Argon2 cost for test builds (refused without TEST_MODE); see passwords.py.
    "PASSWORD_HASHING": "production",
    "CONFIRMATION_LINK_LIFETIME_HOURS": 24,
    "OUTBOX_RETRY_SECONDS": 5,
    "EMAIL_CHANGE_LINK_LIFETIME_HOURS": 24,
    "EMAIL_CHANGE_CODE_LIFETIME_MINUTES": 30,
    "EMAIL_CHANGE_CODE_ATTEMPTS": 5,
    # CONF: an unconfirmed account is blocked this long after registering; a new confirmation
    # letter can be asked for this often; an activation link works this long.
    "GRACE_PERIOD_DAYS": 7,
    "CONFIRMATION_RESEND_SECONDS": 60,
    "ACTIVATION_LINK_LIFETIME_HOURS": 24,
    "APPEAL_RATE_LIMIT": "10 per minute",
    "SIGN_IN_RATE_LIMIT": "10 per minute",
    # Refused sign-ins from one IP address, whatever addresses they try (password spraying).
    "SIGN_IN_FAILURES_PER_IP": "20 per minute",
    "STAFF_SIGN_IN_RATE_LIMIT": "10 per minute",
    # Explicit in every app: Flask-Limiter's one `limiter` keeps the last app's choice otherwise.
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": False,
    # A whole request body at most this many bytes (413 beyond); every field has its own limit.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
}
# Yes/no settings of Flask and its extensions that Bazaar does not default.
OTHER_SWITCHES = ("TESTING", "DEBUG", "WTF_CSRF_ENABLED")


class SettingError(ValueError):
    """A setting with a value Bazaar cannot use; the message names it."""


def as_switch(name: str, value: object) -> bool:
    """A yes/no setting from a bool, 0/1, or one of the known spellings (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        return value.strip().lower() in TRUE
    spellings = ", ".join(sorted(TRUE)) + " or " + ", ".join(sorted(FALSE))
    raise SettingError(f"Expected BAZAAR_{name} to be one of {spellings}; got {value!r}.")


def as_number(name: str, value: object) -> int | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            pass
    raise SettingError(f"Expected BAZAAR_{name} to be a number; got {value!r}.")


def as_public_url(value: object) -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or parts.query or parts.fragment:
        raise SettingError("Expected BAZAAR_PUBLIC_URL to be the site's address such as "
                           f"https://shop.example (http or https, no query); got {value!r}.")
    return value.rstrip("/")


def check(config: MutableMapping[str, Any]) -> None:
    """Normalize every known setting in place, or raise SettingError naming the first bad one."""
    for name, default in DEFAULTS.items():
        if isinstance(default, bool):
            config[name] = as_switch(name, config[name])
        elif isinstance(default, int):
            config[name] = as_number(name, config[name])
    for name in OTHER_SWITCHES:
        if name in config:
            config[name] = as_switch(name, config[name])
    config["PUBLIC_URL"] = as_public_url(config["PUBLIC_URL"])
