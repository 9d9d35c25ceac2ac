"""CONF-01/02: an unconfirmed account is usable for a grace period, then blocked.

"Blocked" is computed from the account's dates, never stored, so it cannot drift:
an account is blocked while its address is unconfirmed and it was created more than
GRACE_PERIOD_DAYS ago. Reactivation (CONF-11) confirms the address, which lifts it.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from flask import current_app

from .models import Account, utcnow


def grace_period() -> timedelta:
    return timedelta(days=float(current_app.config["GRACE_PERIOD_DAYS"]))


def is_blocked(account: Account, now: datetime | None = None) -> bool:
    """Unconfirmed, and the grace period since registering is over."""
    if account.confirmed_at is not None:
        return False
    return (now or utcnow()) - account.created_at > grace_period()


def seconds_to_wait(last_asked: datetime | None, interval_seconds: float,
                    now: datetime | None = None) -> int:
    """How many whole seconds until a letter may be asked for again (0: now)."""
    if last_asked is None:
        return 0
    remaining = (last_asked + timedelta(seconds=interval_seconds) - (now or utcnow())).total_seconds()
    return max(0, math.ceil(remaining))
