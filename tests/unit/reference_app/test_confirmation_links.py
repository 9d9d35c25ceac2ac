"""REG-11..REG-14: the success window, the letter and its one-time confirmation link."""

from __future__ import annotations

from datetime import timedelta

from conftest import RegistrationActions, confirm_path, letters, page
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from reference_app.extensions import db
from reference_app.models import Account, LinkToken


def account_of(app: Flask, email: str = "ola@example.com") -> Account:
    with app.app_context():
        account = db.session.execute(select(Account).where(Account.email_key == email)).scalar_one()
        db.session.expunge(account)
        return account


def test_a_successful_registration_creates_an_unconfirmed_account_and_one_pending_letter(
    app: Flask, registration: RegistrationActions,
) -> None:
    response = registration.register()
    assert response.status_code == 302
    assert response.headers["Location"] == "/register/success"
    account = account_of(app)
    assert account.name == "Ola Nowak"
    assert not account.is_confirmed
    assert account.password_hash.startswith("$argon2")
    [letter] = letters(app)
    assert (letter.recipient, letter.status, letter.account_id) == ("ola@example.com", "pending", account.id)
    assert letter.subject == "Confirm your email address"
    assert "Hello Ola Nowak," in letter.text
    assert confirm_path(letter) in letter.text
    assert ">Confirm my email address</a>" in letter.html


def test_the_confirmation_token_is_stored_only_as_its_hash(
    app: Flask, registration: RegistrationActions,
) -> None:
    registration.register()
    token = confirm_path(letters(app)[0]).removeprefix("/confirm/")
    with app.app_context():
        stored = db.session.execute(select(LinkToken.token_hash)).scalars().all()
    assert len(stored) == 1 and token not in stored[0] and len(stored[0]) == 64


def test_the_success_window_names_the_address_and_links_to_its_mailbox(
    registration: RegistrationActions,
) -> None:
    registration.register(email="Ola.Nowak@Example.com")
    window = page(registration.client.get("/register/success"))
    assert 'role="dialog"' in window.html
    assert window.attrs("success-heading")["tag"] == "h1"
    assert 'aria-labelledby="success-heading"' in window.html
    assert "Registration successful" in window.text
    assert ("We have sent a letter to confirm your registration to Ola.Nowak@example.com."
            in window.text)
    assert 'href="http://webmail.test:8026/inbox/Ola.Nowak%40example.com">View</a>' in window.html


def test_the_success_page_without_a_registration_leads_to_the_form(client: FlaskClient) -> None:
    response = client.get("/register/success")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register"


def test_the_confirmation_link_confirms_the_address_once(
    app: Flask, registration: RegistrationActions, client: FlaskClient,
) -> None:
    registration.register()
    link = confirm_path(letters(app)[0])
    first = page(client.get(link))
    assert "<h1>Your email address is confirmed</h1>" in first.html
    assert account_of(app).is_confirmed
    second = client.get(link)
    assert second.status_code == 410
    assert "<h1>This link cannot be used</h1>" in second.get_data(as_text=True)
    assert "This link has already been used." in page(second).text


def test_an_expired_link_is_refused_and_the_address_stays_unconfirmed(
    app: Flask, registration: RegistrationActions, client: FlaskClient,
) -> None:
    registration.register()
    link = confirm_path(letters(app)[0])
    aged = client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 25})
    assert aged.status_code == 204
    response = client.get(link)
    assert response.status_code == 410
    assert "This link has expired." in page(response).text
    assert not account_of(app).is_confirmed


def test_a_link_still_works_just_before_it_expires(
    app: Flask, registration: RegistrationActions, client: FlaskClient,
) -> None:
    registration.register()
    client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 23.9})
    assert client.get(confirm_path(letters(app)[0])).status_code == 200


def test_a_newer_letter_makes_the_older_link_void(
    app: Flask, registration: RegistrationActions, client: FlaskClient,
) -> None:
    from reference_app.accounts import queue_confirmation_letter

    registration.register()
    with app.test_request_context():
        queue_confirmation_letter(db.session.get(Account, account_of(app).id))
        db.session.commit()
    older, newer = letters(app)
    refused = client.get(confirm_path(older))
    assert refused.status_code == 410
    assert "This link has been replaced by a newer one." in page(refused).text
    assert client.get(confirm_path(newer)).status_code == 200


def test_an_unknown_link_is_refused_politely(client: FlaskClient) -> None:
    for token in ("not-a-token", "x" * 500):
        response = client.get(f"/confirm/{token}")
        assert response.status_code == 404
        assert "This link is not valid." in page(response).text


def test_redeeming_a_token_twice_succeeds_only_once(app: Flask, registration: RegistrationActions) -> None:
    from reference_app import tokens

    registration.register()
    with app.app_context():
        account_id = account_of(app).id
        token = tokens.issue(account_id, "activate", timedelta(hours=1))
        db.session.commit()
        outcomes = [tokens.redeem(token, "activate").outcome for _ in range(2)]
        db.session.commit()
        wrong_purpose = tokens.redeem(token, tokens.CONFIRM).outcome
    assert outcomes == [tokens.Outcome.OK, tokens.Outcome.USED]
    assert wrong_purpose is tokens.Outcome.UNKNOWN
