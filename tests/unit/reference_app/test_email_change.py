"""Changing the address (CHG-02..CHG-08): the link to the old address, the new address,
the code to the new address, and binding it."""

from __future__ import annotations

import re

import pytest
from conftest import RegistrationActions, letters, page
from flask import Flask
from flask.testing import FlaskClient

from reference_app.extensions import db
from reference_app.models import Account

NEW = "ola.new@example.com"


class EmailChangeActions:
    """The self-service path, as the harness walks it in a browser."""

    def __init__(self, app: Flask, registration: RegistrationActions) -> None:
        self.app = app
        self.registration = registration
        self.client: FlaskClient = registration.client

    def link_path(self) -> str:
        letter = letters(self.app)[-1]
        assert letter.recipient == "ola@example.com"
        path = re.search(r'href="http://localhost(/account/email/new/[^"]+)"', letter.html)
        assert path, letter.html
        return path.group(1)

    def verify_now(self) -> str:
        assert self.client.post("/account/email/verify").status_code == 200
        return self.link_path()

    def request_code(self, new: str = NEW) -> str:
        response = self.client.post(self.verify_now(), data={"new_email": new})
        assert response.headers["Location"] == "/account/email/code"
        letter = letters(self.app)[-1]
        assert letter.recipient == new
        return re.search(r"Your confirmation code is (\d{6})", letter.text).group(1)

    def type_code(self, code: str) -> str:
        return self.client.post("/account/email/code", data={"code": code}).get_data(as_text=True)

    def stored_email(self) -> str:
        with self.app.app_context():
            return db.session.execute(db.select(Account.email)).scalar_one()


@pytest.fixture
def change(app: Flask, registration: RegistrationActions) -> EmailChangeActions:
    registration.register()
    registration.sign_in()
    return EmailChangeActions(app, registration)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_change_settings_offers_the_two_ways_to_change_the_address(change: EmailChangeActions) -> None:
    html = change.client.get("/account/profile-settings/change").get_data(as_text=True)
    assert '<a href="/account/email/">Change email address</a>' in html
    choice = page(change.client.get("/account/email/"))
    assert "Verify now" in choice.text and "Contact support" in choice.text
    assert 'href="/support/chat/"' in choice.html


def test_verify_now_mails_a_link_to_the_old_address_that_opens_the_new_address_form(
    change: EmailChangeActions,
) -> None:
    form = page(change.client.get(change.verify_now()))
    assert "Your new email address" in form.text and "Send request" in form.text


def test_the_code_binds_the_new_address_and_tells_the_old_one(change: EmailChangeActions) -> None:
    code = change.request_code()
    assert change.stored_email() == "ola@example.com"
    assert "Your email address has been changed" in change.type_code(code)
    assert change.stored_email() == NEW
    notice = letters(change.app)[-1]
    assert notice.recipient == "ola@example.com"
    assert notice.subject == "Your email address was changed"
    assert "contact our customer support" in notice.text and NEW not in notice.text
    change.client.post("/sign-out")
    assert change.registration.sign_in(NEW).status_code == 302
    change.client.post("/sign-out")
    assert change.registration.sign_in("ola@example.com").status_code == 200


def test_the_code_is_stored_hashed(change: EmailChangeActions) -> None:
    code = change.request_code()
    with change.app.app_context():
        stored = db.session.execute(db.text("select code_hash from email_change_request")).scalar_one()
    assert code not in stored and len(stored) == 64


@pytest.mark.parametrize(("new", "refusal"), [
    ("not an address", "Enter a valid email address."),
    ("OLA@example.com", "This is already your email address."),
    ("marek@example.com", "This email address is already registered."),
])
def test_an_unusable_new_address_is_refused_and_kept(
    change: EmailChangeActions, new: str, refusal: str,
) -> None:
    other = change.app.test_client()
    RegistrationActions(other).register(email="marek@example.com", name="Marek Nowak")
    form = page(change.client.post(change.verify_now(), data={"new_email": new}))
    assert form.description("new_email").startswith(refusal)
    assert form.value("new_email") == new


def test_a_link_used_twice_is_refused(change: EmailChangeActions) -> None:
    link = change.verify_now()
    change.client.post(link, data={"new_email": NEW})
    again = change.client.get(link)
    assert again.status_code == 410
    assert "This link has already been used" in page(again).text


def test_a_link_of_another_account_is_not_valid_here(app: Flask, change: EmailChangeActions) -> None:
    link = change.verify_now()
    other = app.test_client()
    marek = RegistrationActions(other)
    marek.register(email="marek@example.com", name="Marek Nowak")
    marek.sign_in("marek@example.com")
    assert other.get(link).status_code == 404


def test_a_late_link_is_refused(make_app) -> None:
    app = make_app(EMAIL_CHANGE_LINK_LIFETIME_HOURS=0)
    registration = RegistrationActions(app.test_client())
    registration.register()
    registration.sign_in()
    late = registration.client.get(EmailChangeActions(app, registration).verify_now())
    assert late.status_code == 410 and "This link has expired" in page(late).text


def test_a_wrong_code_is_refused_with_the_attempts_left(change: EmailChangeActions) -> None:
    code = change.request_code()
    html = page(change.client.post("/account/email/code", data={"code": wrong(code)}))
    assert html.description("code") == "This code is not right. Attempts left: 4."
    assert change.stored_email() == "ola@example.com"


def test_after_the_allowed_wrong_codes_the_code_is_void(change: EmailChangeActions) -> None:
    code = change.request_code()
    for _ in range(4):
        change.type_code(wrong(code))
    assert "Too many wrong codes: this code no longer works" in change.type_code(wrong(code))
    assert "This code no longer works" in change.type_code(code)
    assert change.stored_email() == "ola@example.com"


def test_a_new_request_brings_a_fresh_code_after_a_void_one(change: EmailChangeActions) -> None:
    old = change.request_code()
    for _ in range(5):
        change.type_code(wrong(old))
    assert "has been changed" in change.type_code(change.request_code())


def test_an_expired_code_is_refused(make_app) -> None:
    app = make_app(EMAIL_CHANGE_CODE_LIFETIME_MINUTES=0)
    registration = RegistrationActions(app.test_client())
    registration.register()
    registration.sign_in()
    actions = EmailChangeActions(app, registration)
    assert "This code has expired" in actions.type_code(actions.request_code())
    assert actions.stored_email() == "ola@example.com"


def test_a_newer_request_replaces_the_older_code(change: EmailChangeActions) -> None:
    first = change.request_code()
    second = change.request_code("ola.other@example.com")
    if first != second:
        assert "This code is not right" in change.type_code(first)
    assert "has been changed" in change.type_code(second)
    assert change.stored_email() == "ola.other@example.com"


def test_the_change_pages_ask_a_visitor_to_sign_in(client: FlaskClient) -> None:
    for path in ("/account/email/", "/account/email/code", "/account/email/new/whatever"):
        assert client.get(path).headers["Location"].startswith("/sign-in?next=")


def test_the_aging_seam_ages_the_code_too(change: EmailChangeActions) -> None:
    code = change.request_code()
    aged = change.client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 1})
    assert aged.status_code == 204
    assert "This code has expired" in change.type_code(code)
