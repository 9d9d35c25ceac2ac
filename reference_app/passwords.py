"""Password hashing with Argon2 (memory-hard).

The ``PASSWORD_HASHING`` setting picks the cost: ``production`` (argon2-cffi's defaults,
about 0.2 s of CPU and 64 MiB per hash) or ``test``, a cost low enough that a browser
suite creating hundreds of accounts is not spent hashing. ``test`` is refused unless
``TEST_MODE`` is on, so a build that serves shoppers never hashes cheaply.
"""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app

from .settings import SettingError

HASHERS = {
    "production": PasswordHasher(),
    # Test builds only: one pass over 1 MiB, one lane (still Argon2id, salted, 32-byte hash).
    "test": PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
}


def init_app(app: Flask) -> None:
    """The cost is checked with the other settings (`settings.CHOICES`, test only in test mode)."""
    if app.config["PASSWORD_HASHING"] not in HASHERS:
        raise SettingError(f"Expected BAZAAR_PASSWORD_HASHING to be one of {', '.join(HASHERS)}; "
                           f"got {app.config['PASSWORD_HASHING']!r}.")


def _hasher() -> PasswordHasher:
    return HASHERS[current_app.config.get("PASSWORD_HASHING", "production")]


@cache
def _decoy_hash(hasher: PasswordHasher) -> str:
    """Verified against when no account matches, so a wrong address takes as long as a wrong password."""
    return hasher.hash("decoy password that no account has")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if `password` matches; with no hash, spend the same time and say False."""
    hasher = _hasher()
    try:
        return hasher.verify(password_hash or _decoy_hash(hasher), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
