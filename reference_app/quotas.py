"""Limits that hold across requests and restarts, counted from rows in the database.

Flask-Limiter (`limits.py`) counts sign-in attempts in memory per IP; the limits here are
about purposes ("Verify now" letters and code letters per account, code letters to one new
address, different addresses tried on the new-address form), so they are counted from the
rows those actions leave: a restart or a second process does not reset them. A setting is a
rate in Flask-Limiter's notation ("5 per hour; 10 per day"): every rate must hold.

`wait_until` is given the moments of the events including the one being asked for now, and
says from when that event would be allowed (None: it is allowed now). To be safe against a
burst, callers add their row first and count afterwards in the same transaction (SQLite lets
one writer at a time in), and undo it when refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import current_app
from limits import parse_many

from .settings import OFF
from .texts import text


def windows(setting: str) -> list[tuple[int, timedelta]]:
    """(amount, window) of each rate of the setting; none if it is "off"."""
    value = str(current_app.config[setting])
    if value == OFF:
        return []
    return [(rate.amount, timedelta(seconds=rate.get_expiry())) for rate in parse_many(value)]


def longest_window(setting: str) -> timedelta:
    return max((window for _, window in windows(setting)), default=timedelta(0))


def wait_until(moments: Iterable[datetime], setting: str, now: datetime) -> datetime | None:
    """When the newest of `moments` (the event asked for now) would be within every rate of
    `setting`, or None if it is now."""
    moments = sorted(moments)
    allowed_at = None
    for amount, window in windows(setting):
        recent = [moment for moment in moments if moment > now - window]
        if len(recent) > amount:
            candidate = recent[len(recent) - amount - 1] + window
            allowed_at = candidate if allowed_at is None else max(allowed_at, candidate)
    return allowed_at


def try_again_at(key: str, moment: datetime) -> str:
    """The refusal `key`, saying from when trying again works (UTC, to the minute, rounded up)."""
    rounded = (moment + timedelta(seconds=59)).replace(second=0, microsecond=0)
    return text(key, time=rounded.strftime("%Y-%m-%d %H:%M"))
