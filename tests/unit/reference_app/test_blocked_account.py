"""CONF-01/02 and CONF-09..CONF-11: the grace period, the block, and the appeal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import STRONG_PASSWORD, RegistrationActions, letters, page
from flask import Flask
from flask.testing import FlaskClient

from reference_app.blocking import is_blocked
from reference_app.models import Account, utcnow

GRACE_HOURS = 7 * 24


def age(client: FlaskClient, hours: float) -> None:
    response = client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": hours})
    assert response.status_code == 204


def link_path(html: str) -> str:
    [link] = re.findall(r'href="http://localhost([^"]+)"', html)
    return link


@pytest.fixture
def blocked(registration: RegistrationActions) -> RegistrationActions:
    registration.register()
    age(registration.client, GRACE_HOURS + 1)
    return registration


def appeal(client: FlaskClient, password: str = STRONG_PASSWORD) -> None:
    client.get("/appeal")
    assert client.post("/appeal", data={"password": password}).status_code == 302
    assert client.post("/appeal/activation-letter").status_code == 302


@pytest.mark.parametrize(("age_seconds", "blocked_now"), [
    (GRACE_HOURS * 3600 - 1, False),
    (GRACE_HOURS * 3600 + 1, True),
])
def test_an_unconfirmed_account_is_blocked_only_after_the_grace_period(
    app: Flask, age_seconds: int, blocked_now: bool,
) -> None:
    now = utcnow()
    account = Account(created_at=now - timedelta(seconds=age_seconds))
    with app.app_context():
        assert is_blocked(account, now) is blocked_now
        account.confirmed_at = account.created_at
        assert not is_blocked(account, now)


def test_the_grace_period_is_a_setting(make_app) -> None:
    app = make_app(GRACE_PERIOD_DAYS=1)
    now = utcnow()
    with app.app_context():
        assert is_blocked(Account(created_at=now - timedelta(hours=25)), now)
        assert not is_blocked(Account(created_at=now - timedelta(hours=23)), now)


def test_an_unconfirmed_account_is_usable_just_before_the_grace_period_ends(
    registration: RegistrationActions,
) -> None:
    registration.register()
    age(registration.client, GRACE_HOURS - 0.01)
    assert registration.sign_in().headers["Location"] == "/account/"
    assert registration.client.get("/account/").status_code == 200


def test_signing_in_to_a_blocked_account_shows_the_notice_and_why(blocked: RegistrationActions) -> None:
    response = blocked.sign_in()
    notice = blocked.client.get(response.headers["Location"], follow_redirects=True)
    text = page(notice).text
    assert "Your account is blocked" in text
    assert "was not confirmed within 7 days" in text
    assert 'href="/appeal">Appeal for reactivation</a>' in notice.get_data(as_text=True)
    assert "My account" not in text


def test_a_wrong_password_does_not_reveal_that_the_account_is_blocked(blocked: RegistrationActions) -> None:
    response = blocked.sign_in(password="not the password")
    assert "Wrong email address or password." in page(response).text
    assert "blocked" not in page(response).text


def test_a_session_opened_before_the_block_ends_with_the_notice(registration: RegistrationActions) -> None:
    registration.register()
    registration.sign_in()
    client = registration.client
    assert client.get("/account/").status_code == 200
    age(client, GRACE_HOURS + 1)
    ended = client.get("/account/profile-settings")
    assert ended.headers["Location"] == "/account-blocked"
    assert client.get("/account/").status_code == 302
    assert "/sign-in" in client.get("/account/").headers["Location"]


def test_a_blocked_account_cannot_ask_for_a_confirmation_letter(
    app: Flask, blocked: RegistrationActions,
) -> None:
    blocked.sign_in()
    response = blocked.client.post("/account/profile-settings/change/profile/confirm-email")
    assert response.status_code == 302
    assert len(letters(app)) == 1


def test_the_appeal_pages_need_a_blocked_sign_in_first(client: FlaskClient) -> None:
    for path in ("/account-blocked", "/appeal", "/appeal/activation-letter", "/appeal/letter-sent"):
        assert client.get(path).headers["Location"] == "/sign-in"


def test_the_appeal_refuses_a_wrong_password_beside_the_field(blocked: RegistrationActions) -> None:
    blocked.sign_in()
    blocked.client.get("/account/")
    refused = page(blocked.client.post("/appeal", data={"password": "not the password"}))
    assert refused.description("password") == "This password is not right. Enter the password of this account."
    assert blocked.client.get("/appeal/activation-letter").headers["Location"] == "/appeal"


def test_the_appeal_sends_an_activation_letter_whose_link_reactivates_the_account(
    app: Flask, blocked: RegistrationActions,
) -> None:
    blocked.sign_in()
    client = blocked.client
    client.get("/account/")
    assert client.post("/appeal", data={"password": STRONG_PASSWORD}).headers["Location"] \
        == "/appeal/activation-letter"
    assert "ola@example.com" in page(client.get("/appeal/activation-letter")).text
    appeal(client)
    letter = letters(app)[-1]
    assert letter.subject == "Reactivate your Bazaar account"
    assert ">Reactivate my account</a>" in letter.html
    reactivated = client.get(link_path(letter.html))
    assert "Your account is active again" in page(reactivated).text
    assert blocked.sign_in().headers["Location"] == "/account/"
    data = page(client.get("/account/profile-settings/change/profile"))
    assert "Unconfirmed email" not in data.text


def test_an_activation_link_works_once(app: Flask, blocked: RegistrationActions) -> None:
    blocked.sign_in()
    blocked.client.get("/account/")
    appeal(blocked.client)
    link = link_path(letters(app)[-1].html)
    assert blocked.client.get(link).status_code == 200
    again = blocked.client.get(link)
    assert again.status_code == 410
    assert "This link has already been used." in page(again).text


def test_an_expired_activation_link_is_refused(app: Flask, blocked: RegistrationActions) -> None:
    blocked.sign_in()
    blocked.client.get("/account/")
    appeal(blocked.client)
    age(blocked.client, 25)
    refused = blocked.client.get(link_path(letters(app)[-1].html))
    assert refused.status_code == 410
    assert "This link has expired." in page(refused).text


def test_asking_for_a_second_activation_letter_at_once_is_refused(
    app: Flask, blocked: RegistrationActions,
) -> None:
    blocked.sign_in()
    blocked.client.get("/account/")
    appeal(blocked.client)
    again = page(blocked.client.post("/appeal/activation-letter"))
    assert "You can ask for another in" in again.text
    assert len(letters(app)) == 2


def test_the_aging_seam_still_answers_a_session_whose_account_is_blocked(
    registration: RegistrationActions,
) -> None:
    registration.register()
    registration.sign_in()
    age(registration.client, GRACE_HOURS + 1)
    age(registration.client, 1)
    assert registration.client.get("/account/").headers["Location"] == "/account-blocked"
