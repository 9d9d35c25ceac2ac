"""Rate limits shared by the shoppers' and the support console's sign-in pages.

Each page limits its POSTs per address tried and IP (SIGN_IN_RATE_LIMIT for shoppers,
STAFF_SIGN_IN_RATE_LIMIT for staff), and both share one per-IP budget of refused sign-ins
(SIGN_IN_FAILURES_PER_IP), so trying many addresses from one IP is stopped too. Beyond a
limit the answer is the friendly 429 page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, request
from werkzeug.wrappers import Response

from .extensions import limiter, remote_address

FAILURES_SCOPE = "sign-in-failures"


def sign_in_key() -> str:
    """The address tried and the client's IP address together."""
    address = (request.form.get("email") or "").strip().lower()
    return f"{remote_address()}|{address}"


def was_refused(response: Response) -> bool:
    """Only refused sign-ins count against the per-IP budget (a success redirects)."""
    return response.status_code != 302


def limit_sign_in(setting: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Both limits of a sign-in view: `setting` per address and IP, and refusals per IP."""
    per_address = limiter.limit(lambda: str(current_app.config[setting]), key_func=sign_in_key,
                                methods=["POST"])
    refusals = limiter.shared_limit(lambda: str(current_app.config["SIGN_IN_FAILURES_PER_IP"]),
                                    scope=FAILURES_SCOPE, key_func=remote_address,
                                    methods=["POST"], deduct_when=was_refused)

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        return per_address(refusals(view))

    return decorate
