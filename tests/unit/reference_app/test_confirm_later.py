"""CONF-03..CONF-08: the personal data page, "Click here to confirm" and its resend interval."""

from __future__ import annotations

import re

import pytest
from conftest import RegistrationActions, letters, page
from flask import Flask
from flask.testing import FlaskClient

from reference_app.extensions import db
from reference_app.models import Account

PERSONAL_DATA = "/account/profile-settings/change/profile"
ASK = PERSONAL_DATA + "/confirm-email"
EDIT = PERSONAL_DATA + "/edit"


@pytest.fixture
def signed_in(registration: RegistrationActions) -> FlaskClient:
    registration.register()
    assert registration.sign_in().status_code == 302
    return registration.client


def age(client: FlaskClient, *, seconds: float) -> None:
    response = client.post("/__test__/accounts/age",
                           json={"email": "ola@example.com", "hours": seconds / 3600})
    assert response.status_code == 204


def link_path(html: str) -> str:
    [link] = re.findall(r'href="http://localhost([^"]+)"', html)
    return link


def test_change_settings_offers_edit_profile_leading_to_the_personal_data(signed_in: FlaskClient) -> None:
    change = signed_in.get("/account/profile-settings/change").get_data(as_text=True)
    assert f'<a href="{PERSONAL_DATA}">Edit profile</a>' in change


def test_the_personal_data_opens_read_only_with_the_unconfirmed_label(signed_in: FlaskClient) -> None:
    data = page(signed_in.get(PERSONAL_DATA))
    assert "<h1>Personal data</h1>" in data.html
    visible_inputs = [e for e in data.elements.values()
                      if e["tag"] in ("input", "textarea") and e.get("type") != "hidden"]
    assert not visible_inputs and 'name="name"' not in data.html
    assert "Ola Nowak" in data.text and "ola@example.com" in data.text
    assert "Unconfirmed email" in data.text
    assert ">Click here to confirm</button>" in data.html
    assert data.html.index("Click here to confirm") < data.html.index(f'href="{EDIT}">Edit</a>')


def test_edit_makes_the_name_editable_and_saves_it(app: Flask, signed_in: FlaskClient) -> None:
    form = page(signed_in.get(EDIT))
    assert form.value("name") == "Ola Nowak"
    saved = signed_in.post(EDIT, data={"name": "Ola Kowalska"}, follow_redirects=True)
    assert "Your changes are saved." in page(saved).text
    assert "Ola Kowalska" in page(saved).text
    with app.app_context():
        assert db.session.execute(db.select(Account.name)).scalar_one() == "Ola Kowalska"


@pytest.mark.parametrize(("name", "refusal"), [
    ("", "Enter your first and last name."),
    ("Оля Ковальская", "Write your name in Latin letters. Suggested spelling: Olia Koval'skaia."),
])
def test_an_edited_name_follows_the_rules_of_registration(
    signed_in: FlaskClient, name: str, refusal: str,
) -> None:
    refused = page(signed_in.post(EDIT, data={"name": name}))
    assert refused.description("name") == refusal
    assert refused.value("name") == name


def test_click_here_to_confirm_sends_a_letter_whose_link_confirms_the_address(
    app: Flask, signed_in: FlaskClient,
) -> None:
    response = signed_in.post(ASK, follow_redirects=True)
    assert "We have sent a new confirmation letter to ola@example.com." in page(response).text
    registration_letter, new_letter = letters(app)
    assert new_letter.subject == registration_letter.subject == "Confirm your email address"
    assert "Your email address is confirmed" in page(signed_in.get(link_path(new_letter.html))).text
    data = page(signed_in.get(PERSONAL_DATA))
    assert "Unconfirmed email" not in data.text and "Click here to confirm" not in data.text
    assert "Confirmed email" in data.text


def test_the_new_letter_makes_the_registration_link_void(app: Flask, signed_in: FlaskClient) -> None:
    signed_in.post(ASK)
    older, newer = letters(app)
    refused = signed_in.get(link_path(older.html))
    assert refused.status_code == 410
    assert "This link has been replaced by a newer one." in page(refused).text
    assert signed_in.get(link_path(newer.html)).status_code == 200


def test_asking_again_within_the_interval_is_refused_saying_when(app: Flask, signed_in: FlaskClient) -> None:
    signed_in.post(ASK)
    age(signed_in, seconds=59)
    refused = page(signed_in.post(ASK))
    message = refused.description("confirm-refusal") or refused.text
    assert re.search(r"You can ask again in [12] seconds \(at \d\d:\d\d:\d\d UTC\)\.", message)
    assert 'aria-describedby="confirm-refusal"' in refused.html
    assert len(letters(app)) == 2


def test_asking_again_after_the_interval_sends_another_letter(app: Flask, signed_in: FlaskClient) -> None:
    signed_in.post(ASK)
    age(signed_in, seconds=61)
    assert signed_in.post(ASK).status_code == 302
    assert len(letters(app)) == 3


def test_the_resend_interval_is_a_setting(make_app) -> None:
    app = make_app(CONFIRMATION_RESEND_SECONDS=0)
    actions = RegistrationActions(app.test_client())
    actions.register()
    actions.sign_in()
    for _ in range(2):
        assert actions.client.post(ASK).status_code == 302
    assert len(letters(app)) == 3


def test_a_confirmed_address_is_not_sent_another_letter(app: Flask, signed_in: FlaskClient) -> None:
    signed_in.get(link_path(letters(app)[0].html))
    assert signed_in.post(ASK).status_code == 302
    assert len(letters(app)) == 1


def test_after_edit_click_here_to_confirm_sends_the_letter_and_keeps_the_typed_name(
    app: Flask, registration: RegistrationActions,
) -> None:
    registration.register()
    registration.sign_in()
    client = registration.client
    edit_page = client.get("/account/profile-settings/change/profile/edit").get_data(as_text=True)
    assert "Click here to confirm" in edit_page and "Unconfirmed email" in edit_page
    response = client.post("/account/profile-settings/change/profile/confirm-email?then=edit",
                           data={"name": "Ola Typed-Not-Saved"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="Ola Typed-Not-Saved"' in body
    assert "We have sent a new confirmation letter to ola@example.com" in body
    assert len(letters(app)) == 2
    again = client.post("/account/profile-settings/change/profile/confirm-email?then=edit",
                        data={"name": "Ola Again"}).get_data(as_text=True)
    assert 'id="confirm-refusal"' in again and 'value="Ola Again"' in again
    assert len(letters(app)) == 2
