"""CONF-01/02: an unconfirmed account is usable for a grace period, then blocked.

"Blocked" is computed from the account's dates, never stored, so it cannot drift:
an account is blocked while its address is unconfirmed and it was created more than
GRACE_PERIOD_DAYS ago. Reactivation (CONF-11) confirms the address, which lifts it.

Every request of a signed-in session checks whether its account is blocked
(`end_blocked_session`, installed app-wide by `init_app`); if so the session ends there and
the shopper sees the notice, so a session opened before the block does not outlive it.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from flask import Flask, current_app, redirect, request, session, url_for
from werkzeug.wrappers import Response

from .extensions import db
from .models import Account, utcnow
from .sessions import ACCOUNT_KEY, end_session

# The blocked account this browser signed in to (the appeal for reactivation works on it).
BLOCKED_KEY = "blocked_account_id"


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


def end_blocked_session() -> Response | None:
    """A signed-in account that is blocked (now, or since the session began) can do nothing:
    the session ends and the shopper is shown the notice."""
    account_id = session.get(ACCOUNT_KEY)
    # Static files and the test seams (test mode only) are not the account's doing.
    if account_id is None or request.endpoint == "static" or request.blueprint == "test_seams":
        return None
    account = db.session.get(Account, account_id)
    if account is None or not is_blocked(account):
        return None
    end_session()
    session[BLOCKED_KEY] = account.id
    return redirect(url_for("appeal.blocked"))


def blocked_account() -> Account | None:
    """The blocked account this browser signed in to, if it is still blocked."""
    account_id = session.get(BLOCKED_KEY)
    account = db.session.get(Account, account_id) if account_id else None
    return account if account is not None and is_blocked(account) else None


def init_app(app: Flask) -> None:
    app.before_request(end_blocked_session)
