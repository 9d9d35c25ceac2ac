"""Signing in and out, and the account pages behind it (My account → Profile settings →
Change settings)."""

from __future__ import annotations

import pytest
from conftest import STRONG_PASSWORD, RegistrationActions, page
from flask import Flask
from flask.testing import FlaskClient


@pytest.fixture
def registered(registration: RegistrationActions) -> RegistrationActions:
    registration.register()
    return registration


@pytest.mark.parametrize(("email", "password"), [
    ("ola@example.com", "wrong password"),
    ("nobody@example.com", STRONG_PASSWORD),
])
def test_a_wrong_address_or_password_gets_one_generic_message(
    registered: RegistrationActions, email: str, password: str,
) -> None:
    response = registered.sign_in(email, password)
    assert response.status_code == 200
    form = page(response)
    assert '<p class="form-error" role="alert">Wrong email address or password.</p>' in form.html
    assert form.value("email") == email
    assert form.value("password") == ""


def test_signing_in_leads_to_my_account_and_the_settings_path(registered: RegistrationActions) -> None:
    response = registered.sign_in("OLA@example.com")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/"
    client = registered.client
    mine = client.get("/account/").get_data(as_text=True)
    assert "<h1>My account</h1>" in mine
    assert 'href="/account/profile-settings">Profile settings</a>' in mine
    settings = client.get("/account/profile-settings").get_data(as_text=True)
    assert "<h1>Profile settings</h1>" in settings
    assert 'href="/account/profile-settings/change">Change settings</a>' in settings
    change = client.get("/account/profile-settings/change").get_data(as_text=True)
    assert "<h1>Change settings</h1>" in change


def test_the_header_of_a_signed_in_shopper_offers_my_account_and_sign_out(
    registered: RegistrationActions,
) -> None:
    registered.sign_in()
    html = registered.client.get("/").get_data(as_text=True)
    header = html[html.index("<header"):html.index("</header>")]
    assert ">My account</a>" in header
    assert 'action="/sign-out"' in header and ">Sign out</button>" in header
    assert ">Register</a>" not in header


def test_signing_out_ends_the_session(registered: RegistrationActions) -> None:
    registered.sign_in()
    response = registered.client.post("/sign-out")
    assert response.headers["Location"] == "/"
    assert registered.client.get("/account/").status_code == 302


def test_the_account_pages_ask_a_visitor_to_sign_in_first(client: FlaskClient) -> None:
    response = client.get("/account/profile-settings")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/account/profile-settings"


def test_after_signing_in_the_shopper_returns_to_the_page_asked_for(
    registered: RegistrationActions,
) -> None:
    response = registered.client.post(
        "/sign-in?next=/account/profile-settings",
        data={"email": "ola@example.com", "password": STRONG_PASSWORD})
    assert response.headers["Location"] == "/account/profile-settings"


def test_signing_in_never_redirects_to_another_site(registered: RegistrationActions) -> None:
    response = registered.client.post(
        "/sign-in?next=//evil.example/", data={"email": "ola@example.com", "password": STRONG_PASSWORD})
    assert response.headers["Location"] == "/account/"


def test_signing_in_starts_a_fresh_session(registered: RegistrationActions) -> None:
    client = registered.client
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    registered.sign_in()
    with client.session_transaction() as session:
        assert "planted" not in session
        assert "account_id" in session


def test_change_settings_lists_the_links_other_flows_add(app: Flask, registered: RegistrationActions) -> None:
    from reference_app.settings_menu import add_settings_link

    add_settings_link(app, "account.profile_settings", "account.profile_settings")
    registered.sign_in()
    html = registered.client.get("/account/profile-settings/change").get_data(as_text=True)
    assert '<li><a href="/account/profile-settings">Profile settings</a></li>' in html


def test_too_many_sign_in_attempts_are_refused_politely(make_app) -> None:
    app = make_app(SIGN_IN_RATE_LIMIT="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert client.post("/sign-in", data={"email": "a@example.com", "password": "x"}).status_code == 200
    refused = client.post("/sign-in", data={"email": "A@example.com", "password": "x"})
    assert refused.status_code == 429
    assert "<h1>Too many attempts</h1>" in refused.get_data(as_text=True)
    other = client.post("/sign-in", data={"email": "b@example.com", "password": "x"})
    assert other.status_code == 200
