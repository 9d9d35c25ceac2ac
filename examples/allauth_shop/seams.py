"""Test seams of the shop's TEST build (``--test-mode``); outside test mode they are not routed.

- ``POST /__test__/accounts`` ``{"email", "password", "name", "confirmed", "age_hours"}``
  creates an account (201 ``{"email"}``). An unconfirmed one is left as right after
  sign-up: the same letter with its confirmation link is sent.
- ``POST /__test__/accounts/age`` ``{"email", "hours"}`` makes one account and its
  confirmation links look that many hours older (the confirmations are rows with their
  "sent" time: ``ACCOUNT_EMAIL_CONFIRMATION_HMAC = False``).

There is no CAPTCHA seam: the shop has no CAPTCHA.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


def _body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _age(user, hours: float) -> None:
    delta = timedelta(hours=hours)
    user.date_joined -= delta
    user.save(update_fields=["date_joined"])
    for confirmation in EmailConfirmation.objects.filter(email_address__user=user):
        confirmation.created -= delta
        if confirmation.sent:
            confirmation.sent -= delta
        confirmation.save(update_fields=["created", "sent"])


@csrf_exempt
@require_POST
def create_account(request):
    body = _body(request)
    email, password = body.get("email"), body.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return JsonResponse({"error": 'Expected JSON {"email": str, "password": str, ...}'}, status=400)
    if EmailAddress.objects.filter(email__iexact=email).exists():
        return JsonResponse({"error": f"{email} is already registered"}, status=409)
    first, _, last = str(body.get("name", "")).partition(" ")
    user = get_user_model().objects.create_user(
        username=uuid.uuid4().hex[:30], email=email, password=password, first_name=first, last_name=last)
    confirmed = bool(body.get("confirmed", False))
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=confirmed)
    if not confirmed:  # as right after sign-up: the letter with its confirmation link
        EmailConfirmation.create(address).send(request, signup=True)
    if body.get("age_hours"):
        _age(user, float(body["age_hours"]))
    return JsonResponse({"email": email}, status=201)


@csrf_exempt
@require_POST
def age_account(request):
    body = _body(request)
    address = EmailAddress.objects.filter(email__iexact=str(body.get("email", ""))).first()
    if address is None:
        return JsonResponse({"error": "no such account"}, status=404)
    _age(address.user, float(body.get("hours", 0)))
    return JsonResponse({"email": address.email, "hours": body.get("hours")}, status=200)


urlpatterns = [
    path("__test__/accounts", create_account),
    path("__test__/accounts/age", age_account),
]
