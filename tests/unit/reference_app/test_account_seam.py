"""The account seam (an account as registering leaves it, without the form) and the
test-build password hashing cost."""

from __future__ import annotations

import pytest
from conftest import STRONG_PASSWORD, RegistrationActions, confirm_path, letters
from flask import Flask
from flask.testing import FlaskClient

from reference_app.extensions import db
from reference_app.models import Account

OLA = {"email": "Ola@Example.com", "password": STRONG_PASSWORD, "name": "Ola Nowak"}


def account(app: Flask, email: str = "ola@example.com") -> Account:
    with app.app_context():
        found = db.session.execute(db.select(Account).where(Account.email_key == email)).scalar_one()
        db.session.expunge(found)
        return found


def test_an_unconfirmed_account_from_the_seam_gets_its_confirmation_letter(
        app: Flask, client: FlaskClient) -> None:
    response = client.post("/__test__/accounts", json=OLA)
    assert response.status_code == 201
    assert response.get_json() == {"email": "Ola@example.com"}
    assert account(app).confirmed_at is None
    [letter] = letters(app)
    assert letter.recipient == "Ola@example.com"
    assert client.get(confirm_path(letter)).status_code == 200
    assert account(app).confirmed_at is not None


def test_a_confirmed_account_from_the_seam_signs_in_and_gets_no_letter(
        app: Flask, registration: RegistrationActions) -> None:
    response = registration.client.post("/__test__/accounts", json={**OLA, "confirmed": True})
    assert response.status_code == 201
    assert account(app).confirmed_at is not None
    assert letters(app) == []
    signed_in = registration.sign_in()
    assert signed_in.status_code == 302


def test_the_seam_can_make_the_account_older(app: Flask, client: FlaskClient) -> None:
    client.post("/__test__/accounts", json={**OLA, "email": "marek@example.com"})
    client.post("/__test__/accounts", json={**OLA, "age_hours": 48})
    hours = (account(app, "marek@example.com").created_at - account(app).created_at).total_seconds() / 3600
    assert 47 < hours < 49


@pytest.mark.parametrize("change", [{"email": ""}, {"password": None}, {"name": 5},
                                    {"confirmed": "yes"}, {"age_hours": -1}, {"age_hours": True},
                                    {"email": "not an address"}])
def test_the_account_seam_refuses_bad_input(client: FlaskClient, change: dict) -> None:
    response = client.post("/__test__/accounts", json={**OLA, **change})
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("Expected")


def test_the_account_seam_refuses_an_address_already_registered(client: FlaskClient) -> None:
    client.post("/__test__/accounts", json=OLA)
    assert client.post("/__test__/accounts", json=OLA).status_code == 409


def test_the_account_seam_does_not_exist_outside_test_mode(make_app) -> None:
    client = make_app(TEST_MODE=False).test_client()
    assert client.post("/__test__/accounts", json=OLA).status_code == 404


def test_the_test_hashing_cost_is_refused_without_test_mode(make_app) -> None:
    with pytest.raises(ValueError, match="only with TEST_MODE on"):
        make_app(TEST_MODE=False, PASSWORD_HASHING="test")


def test_an_unknown_hashing_cost_is_refused(make_app) -> None:
    with pytest.raises(ValueError, match="Expected BAZAAR_PASSWORD_HASHING to be one of"):
        make_app(PASSWORD_HASHING="none")


@pytest.mark.parametrize("cost", ["production", "test"])
def test_each_hashing_cost_stores_argon2_and_signs_in(make_app, cost: str) -> None:
    app = make_app(PASSWORD_HASHING=cost)
    registration = RegistrationActions(app.test_client())
    registration.register()
    assert account(app).password_hash.startswith("$argon2id$")
    assert registration.sign_in().status_code == 302
    assert registration.sign_in(password=STRONG_PASSWORD + "x").status_code == 200
