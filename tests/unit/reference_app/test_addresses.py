"""Addresses in English letters only ("All information in English letters"): a non-ASCII
address, however close it looks to an English one, is refused beside the field with its own
sentence, in both languages, on every form that takes an address, so look-alikes never become
separate accounts."""

from __future__ import annotations

import pytest
from conftest import RegistrationActions, page
from flask import Flask
from test_email_change_limits import shopper, try_address

from reference_app.extensions import db
from reference_app.models import Account

LOOK_ALIKES = [
    "оля@example.com",          # a Cyrillic local part
    "olа@example.com",          # mixed script: the last letter is a Cyrillic а
    "ola@пример.рф",            # an internationalised domain
    "ｏｌａ@example.com",        # fullwidth letters
    "ola@exаmple.com",          # a Cyrillic а in the domain
    "olá@example.com",          # an accent
]
ENGLISH = "Write the email address in English letters only: no letters of other alphabets, no accents, no wide letters."
POLISH = ("Wpisz adres e-mail wyłącznie literami angielskimi: bez liter innych alfabetów, bez znaków diakrytycznych "
          "i liter o pełnej szerokości.")


@pytest.mark.parametrize("address", LOOK_ALIKES)
def test_registration_refuses_an_address_that_is_not_in_english_letters(
    app: Flask, registration: RegistrationActions, address: str,
) -> None:
    answer = registration.register(email=address)
    assert answer.status_code == 200
    assert page(answer).description("email") == ENGLISH
    assert page(answer).value("email") == address, "Expected the entered value kept"
    with app.app_context():
        assert db.session.execute(db.select(Account)).first() is None


@pytest.mark.parametrize("address", LOOK_ALIKES)
def test_the_new_address_form_refuses_an_address_that_is_not_in_english_letters(make_app, address: str) -> None:
    app = make_app()
    change = shopper(app, "ola@example.com")
    answer = try_address(change, change.verify_now(), address)
    assert answer.status_code == 200
    assert page(answer).description("new_email") == ENGLISH


def test_the_account_seam_refuses_a_look_alike_too(client) -> None:
    answer = client.post("/__test__/accounts", json={"email": "olа@example.com", "password": "pw", "name": "Ola"})
    assert answer.status_code == 400


def test_a_look_alike_of_a_registered_address_does_not_become_a_second_account(
    app: Flask, registration: RegistrationActions,
) -> None:
    assert registration.register(email="ola@example.com").status_code == 302
    assert page(registration.register(email="olа@example.com")).description("email") == ENGLISH


def test_the_polish_form_refuses_it_in_polish(make_app) -> None:
    app = make_app(LANGUAGE="pl", ACCOUNT_AGING_SEAM=False)
    client = app.test_client()
    registration = RegistrationActions(client)
    registration.fix_captcha()
    client.get("/rejestracja")
    answer = client.post("/rejestracja", data=registration.form_data(email="olа@example.com"))
    assert page(answer).description("email") == POLISH
