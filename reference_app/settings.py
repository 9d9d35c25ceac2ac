"""Bazaar's settings: the defaults, and strict checks of what the environment or the caller set.

Settings come from `DEFAULTS`, then `BAZAAR_<NAME>` environment variables (parsed as JSON
where they are JSON, else taken as text), then the mapping given to `create_app`. `check`
then refuses, at start, a value of the wrong kind, naming the setting: a yes/no setting
accepts only the spellings in `TRUE`/`FALSE` (so `BAZAAR_TEST_MODE=False` is off, and
`BAZAAR_TEST_MODE=maybe` stops the app), a number must be a number within its `RANGES`, a
choice one of its `CHOICES`, a limit a rate such as "5 per hour; 10 per day" (or "off" where
`MAY_BE_OFF` allows it), and `PUBLIC_URL` (the address letters link to) must be an absolute
http(s) URL. Each refusal is one line naming the setting, what was expected and what was found.

A few defaults differ in test mode (`TEST_MODE_DEFAULTS`): limits per client IP address would
stop a browser suite that sends everything from 127.0.0.1, so they are off there unless set.
"""

from __future__ import annotations

from collections.abc import Collection, MutableMapping
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from limits import parse_many

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
    # A letter the SMTP server did not take is tried again after OUTBOX_RETRY_SECONDS, then twice
    # as long each time up to OUTBOX_RETRY_MAX_SECONDS; after OUTBOX_MAX_ATTEMPTS tries (or at
    # once, when the server refuses it for good with a 5xx answer) it is marked undeliverable.
    "OUTBOX_RETRY_SECONDS": 5,
    "OUTBOX_RETRY_MAX_SECONDS": 3600,
    "OUTBOX_MAX_ATTEMPTS": 10,
    # Letters handed to SMTP at the same time by the outbox worker.
    "OUTBOX_SENDERS": 4,
    "EMAIL_CHANGE_LINK_LIFETIME_HOURS": 24,
    "EMAIL_CHANGE_CODE_LIFETIME_MINUTES": 30,
    "EMAIL_CHANGE_CODE_ATTEMPTS": 5,
    # Limits that hold across change requests (counted from the database, so a restart keeps
    # them): "Verify now" letters per account, code letters (change requests) per account and
    # to one new address from all accounts, and the different new addresses one account (and,
    # outside test mode, one client IP address) may try on the new-address form.
    "EMAIL_CHANGE_LINKS_PER_ACCOUNT": "5 per hour; 10 per day",
    "EMAIL_CHANGE_CODES_PER_ACCOUNT": "5 per hour; 10 per day",
    "EMAIL_CHANGE_CODES_PER_ADDRESS": "5 per hour; 10 per day",
    "NEW_ADDRESSES_PER_ACCOUNT": "10 per hour; 20 per day",
    "NEW_ADDRESSES_PER_CLIENT": "30 per hour; 100 per day",
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
    # Signs sessions and keys the codes' hashes. Unset, a random key is made once and kept in
    # SECRET_KEY_FILE (default: secret_key in the instance folder), so a restart keeps both.
    "SECRET_KEY": None,
    "SECRET_KEY_FILE": "",
    # `python -m reference_app` (waitress): open connections at most, and how long a connection
    # may stay silent (a slow or half-open client) before it is closed.
    "SERVER_CONNECTION_LIMIT": 1000,
    "SERVER_CHANNEL_TIMEOUT_SECONDS": 15,
    # Reverse proxies in front of the app that append to X-Forwarded-For (0: served directly,
    # the header is ignored). Per-IP limits count the client's address the proxies report.
    "TRUSTED_PROXIES": 0,
}
# The accepted range of every number, both ends included.
RANGES: dict[str, tuple[float, float]] = {
    "SMTP_PORT": (1, 65535),
    "SMTP_TIMEOUT_SECONDS": (0.1, 600),
    "SMTP_DEADLINE_SECONDS": (0.1, 3600),
    "CONFIRMATION_LINK_LIFETIME_HOURS": (0, 24 * 30),
    "OUTBOX_RETRY_SECONDS": (0.1, 3600),
    "OUTBOX_RETRY_MAX_SECONDS": (0.1, 24 * 3600),
    "OUTBOX_MAX_ATTEMPTS": (1, 100),
    "OUTBOX_SENDERS": (1, 32),
    "EMAIL_CHANGE_LINK_LIFETIME_HOURS": (0, 24 * 30),
    "EMAIL_CHANGE_CODE_LIFETIME_MINUTES": (0, 24 * 60),
    "EMAIL_CHANGE_CODE_ATTEMPTS": (1, 10),
    "GRACE_PERIOD_DAYS": (1, 365),
    "CONFIRMATION_RESEND_SECONDS": (0, 24 * 3600),
    "ACTIVATION_LINK_LIFETIME_HOURS": (0, 24 * 30),
    "MAX_CONTENT_LENGTH": (1024, 16 * 1024 * 1024),
    "SERVER_CONNECTION_LIMIT": (10, 10000),
    "SERVER_CHANNEL_TIMEOUT_SECONDS": (1, 3600),
    "TRUSTED_PROXIES": (0, 5),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "PASSWORD_HASHING": ("production", "test"),
}
RATE_LIMITS = ("APPEAL_RATE_LIMIT", "SIGN_IN_RATE_LIMIT", "SIGN_IN_FAILURES_PER_IP", "STAFF_SIGN_IN_RATE_LIMIT",
               "EMAIL_CHANGE_LINKS_PER_ACCOUNT", "EMAIL_CHANGE_CODES_PER_ACCOUNT", "EMAIL_CHANGE_CODES_PER_ADDRESS",
               "NEW_ADDRESSES_PER_ACCOUNT", "NEW_ADDRESSES_PER_CLIENT")
# Limits that may be switched off with "off".
MAY_BE_OFF = frozenset({"NEW_ADDRESSES_PER_CLIENT"})
OFF = "off"
TEST_MODE_DEFAULTS: dict[str, Any] = {"NEW_ADDRESSES_PER_CLIENT": OFF}
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


def as_public_url(value: object, name: str = "PUBLIC_URL") -> str:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or parts.query or parts.fragment:
        raise SettingError(f"Expected BAZAAR_{name} to be a site's address such as "
                           f"https://shop.example (http or https, no query); got {value!r}.")
    return value.rstrip("/")


def as_text(name: str, value: object, example: str) -> str:
    if not isinstance(value, str) or not value.strip() or any(c in value for c in "\r\n\0"):
        raise SettingError(f"Expected BAZAAR_{name} to be one line of text such as {example}; got {value!r}.")
    return value


def as_sender(value: object) -> str:
    address = parseaddr(value)[1] if isinstance(value, str) else ""
    if "@" not in address or not str(value).isascii() or any(c in str(value) for c in "\r\n"):
        raise SettingError("Expected BAZAAR_MAIL_SENDER to be an address such as "
                           f"'Bazaar <no-reply@bazaar.example>'; got {value!r}.")
    return str(value)


def in_range(name: str, value: int | float) -> int | float:
    low, high = RANGES[name]
    if not low <= value <= high:
        raise SettingError(f"Expected BAZAAR_{name} to be a number from {low:g} to {high:g}; got {value!r}.")
    return value


def as_choice(name: str, value: object) -> str:
    if value not in CHOICES[name]:
        raise SettingError(f"Expected BAZAAR_{name} to be one of {', '.join(CHOICES[name])}; got {value!r}.")
    return str(value)


def as_rate_limit(name: str, value: object) -> str:
    """A rate such as "5 per hour; 10 per day" (each amount at least 1), or "off" if allowed."""
    if name in MAY_BE_OFF and isinstance(value, str) and value.strip().lower() == OFF:
        return OFF
    try:
        rates = parse_many(value) if isinstance(value, str) else []
    except ValueError:
        rates = []
    if not rates or any(rate.amount < 1 for rate in rates):
        also = ', or off' if name in MAY_BE_OFF else ''
        raise SettingError(f'Expected BAZAAR_{name} to be a rate such as "5 per hour; 10 per day"{also}; '
                           f"got {value!r}.")
    return value  # type: ignore[return-value]


def as_secret_key(value: object) -> str | None:
    if value is None or (isinstance(value, str | bytes) and len(value.strip()) > 0):
        return value  # type: ignore[return-value]
    raise SettingError(f"Expected BAZAAR_SECRET_KEY to be a long random text (or unset); got {value!r}.")


def check(config: MutableMapping[str, Any], given: Collection[str] = ()) -> None:
    """Normalize every known setting in place, or raise SettingError naming the first bad one.
    `given` names the settings set explicitly; the others take their test-mode default there."""
    config["TEST_MODE"] = as_switch("TEST_MODE", config["TEST_MODE"])
    if config["TEST_MODE"]:
        config.update({name: value for name, value in TEST_MODE_DEFAULTS.items() if name not in given})
    for name, default in DEFAULTS.items():
        if isinstance(default, bool):
            config[name] = as_switch(name, config[name])
        elif isinstance(default, int):
            config[name] = in_range(name, as_number(name, config[name]))
    for name in CHOICES:
        config[name] = as_choice(name, config[name])
    for name in RATE_LIMITS:
        config[name] = as_rate_limit(name, config[name])
    for name in OTHER_SWITCHES:
        if name in config:
            config[name] = as_switch(name, config[name])
    config["SECRET_KEY"] = as_secret_key(config.get("SECRET_KEY"))
    config["PUBLIC_URL"] = as_public_url(config["PUBLIC_URL"])
    config["WEBMAIL_URL"] = as_public_url(config["WEBMAIL_URL"], "WEBMAIL_URL")
    config["SMTP_HOST"] = as_text("SMTP_HOST", config["SMTP_HOST"], "127.0.0.1 or smtp.example")
    config["MAIL_SENDER"] = as_sender(config["MAIL_SENDER"])
    if config["SECRET_KEY_FILE"]:
        config["SECRET_KEY_FILE"] = as_text("SECRET_KEY_FILE", config["SECRET_KEY_FILE"], "/srv/bazaar/secret_key")
    if config["PASSWORD_HASHING"] != "production" and not config["TEST_MODE"]:
        raise SettingError(f"Expected BAZAAR_PASSWORD_HASHING = {config['PASSWORD_HASHING']!r} only with "
                           "TEST_MODE on; a build without test mode hashes at the production cost.")
