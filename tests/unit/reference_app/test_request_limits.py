"""Hostile input: every field has a longest value (refused beside it, what was typed kept),
the request as a whole a largest size (a friendly 413), and odd input never makes a 5xx
nor a redirect to another site."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import STRONG_PASSWORD, Page, RegistrationActions, letters, page
from flask import Flask
from flask.testing import FlaskClient

from reference_app import forms


def anonymous(app: Flask, registration: RegistrationActions) -> None:
    registration.fix_captcha()


def signed_in(app: Flask, registration: RegistrationActions) -> None:
    registration.register()
    registration.sign_in()


def with_change_link(app: Flask, registration: RegistrationActions) -> str:
    signed_in(app, registration)
    registration.client.post("/account/email/verify")
    return re.search(r'href="http://localhost(/account/email/new/[^"]+)"', letters(app)[-1].html).group(1)


def blocked(app: Flask, registration: RegistrationActions) -> None:
    registration.register()
    registration.client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 24 * 8})
    registration.sign_in()
    registration.client.get("/account/")


FIELDS: list[tuple[Callable[..., object], str, str, int]] = [
    (anonymous, "/register", "name", forms.LONGEST_NAME),
    (anonymous, "/register", "email", forms.LONGEST_EMAIL),
    (anonymous, "/register", "password", forms.LONGEST_PASSWORD),
    (anonymous, "/register", "password_repeat", forms.LONGEST_PASSWORD),
    (anonymous, "/register", "captcha_answer", forms.LONGEST_CAPTCHA),
    (anonymous, "/sign-in", "email", forms.LONGEST_EMAIL),
    (anonymous, "/sign-in", "password", forms.LONGEST_PASSWORD),
    (anonymous, "/support/console/sign-in", "email", forms.LONGEST_EMAIL),
    (anonymous, "/support/console/sign-in", "password", forms.LONGEST_PASSWORD),
    (anonymous, "/transliterate", "source", forms.LONGEST_SOURCE),
    (signed_in, "/account/profile-settings/change/profile/edit", "name", forms.LONGEST_NAME),
    (signed_in, "/account/email/code", "code", forms.LONGEST_CODE),
    (with_change_link, None, "new_email", forms.LONGEST_EMAIL),
    (blocked, "/appeal", "password", forms.LONGEST_PASSWORD),
]


@pytest.mark.parametrize(("prepare", "path", "name", "limit"), FIELDS,
                         ids=[f"{path or 'new-address'}:{name}" for _, path, name, _ in FIELDS])
def test_a_value_too_long_is_refused_beside_its_field(
    app: Flask, registration: RegistrationActions, prepare: Callable[..., object],
    path: str | None, name: str, limit: int,
) -> None:
    path = prepare(app, registration) or path
    client = registration.client
    client.get(path)
    typed = "a" * (limit + 1)
    answer = client.post(path, data={**registration.form_data(), name: typed})
    assert answer.status_code == 200, answer.status_code
    shown = page(answer)
    assert shown.description(name) == f"This is too long: at most {limit} characters."
    if "password" not in name and name != "captcha_answer":
        assert typed_value(shown, name) == typed, "Expected what was typed kept in the field"


def typed_value(shown: Page, name: str) -> str:
    """An input's value, or a text area's text."""
    if shown.attrs(name)["tag"] == "input":
        return shown.value(name)
    return shown.html.split(f'id="{name}"')[1].split(">", 1)[1].split("<", 1)[0].lstrip("\r\n")


def test_a_request_larger_than_the_limit_gets_the_friendly_413_page(client: FlaskClient) -> None:
    answer = client.post("/register", data={"name": "x" * 8_000_000})
    assert answer.status_code == 413
    html = answer.get_data(as_text=True)
    assert "<h1>Too much at once</h1>" in html and "Traceback" not in html


@pytest.mark.parametrize("password", ["Xy7!" * 19, "correct horse battery staple " * 6])
def test_a_long_password_is_judged_not_a_server_error(
    registration: RegistrationActions, password: str,
) -> None:
    answer = registration.register(password=password, password_repeat=password)
    assert answer.status_code in (200, 302), answer.status_code


@pytest.mark.parametrize("after", ["²", "٣", "99999999999999999999999", "-1", "1e3"])
def test_an_odd_after_parameter_reads_as_the_start(
    registration: RegistrationActions, after: str,
) -> None:
    registration.register()
    registration.sign_in()
    client = registration.client
    client.get("/support/chat/")
    answer = client.get("/support/chat/messages", query_string={"after": after})
    assert answer.status_code == 200
    assert len(answer.get_json()["messages"]) == 1


def test_a_chat_number_beyond_any_integer_is_not_found(app: Flask) -> None:
    client = app.test_client()
    staff = client.post("/__test__/staff", json={}).get_json()
    client.post("/support/console/sign-in", data=staff)
    assert client.get("/support/console/chats/" + "9" * 30).status_code == 404
    assert client.get(f"/support/console/chats/{2**63}/messages").status_code == 404


def test_a_deeply_nested_json_body_to_a_seam_is_a_bad_request(client: FlaskClient) -> None:
    body = "[" * 30_000 + "]" * 30_000
    answer = client.post("/__test__/captcha", data=body, content_type="application/json")
    assert answer.status_code == 400


@pytest.mark.parametrize("target", [
    "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
    "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example",
    "/ /evil.example", "/\x00/evil.example", "http:evil.example", "/\u2028/evil.example",
])
def test_after_sign_in_the_shopper_stays_on_this_site(
    registration: RegistrationActions, target: str,
) -> None:
    registration.register()
    answer = registration.client.post("/sign-in", query_string={"next": target},
                                      data={"email": "ola@example.com", "password": STRONG_PASSWORD})
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/account/", answer.headers["Location"]


def test_a_path_on_this_site_is_still_followed_after_sign_in(registration: RegistrationActions) -> None:
    registration.register()
    answer = registration.client.post("/sign-in", query_string={"next": "/account/email/?x=1"},
                                      data={"email": "ola@example.com", "password": STRONG_PASSWORD})
    assert answer.headers["Location"] == "/account/email/?x=1"
