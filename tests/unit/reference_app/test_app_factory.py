"""The factory, its settings, the text catalogue, the test seams and the error pages."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import RegistrationActions
from flask import Flask
from flask.testing import FlaskClient

from reference_app import create_app
from reference_app.texts import TextCatalogue

CONTRACT = Path(__file__).parents[3] / "fixtures" / "targets" / "reference.toml"


def test_settings_come_from_bazaar_environment_variables(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    monkeypatch.setenv("BAZAAR_CONFIRMATION_LINK_LIFETIME_HOURS", "48")
    monkeypatch.setenv("BAZAAR_MAIL_SENDER", "Shop <shop@example.com>")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
                      "SECRET_KEY_FILE": str(tmp_path / "secret_key")})
    assert app.config["CONFIRMATION_LINK_LIFETIME_HOURS"] == 48
    assert app.config["MAIL_SENDER"] == "Shop <shop@example.com>"
    assert app.config["TEST_MODE"] is False
    assert app.config["SECRET_KEY"]


def test_an_unknown_language_is_refused_at_start(make_app) -> None:
    with pytest.raises(ValueError, match=r"LANGUAGE to be one of \['en'.*got 'xx'"):
        make_app(LANGUAGE="xx")


def test_every_text_of_the_reference_profile_is_in_the_english_catalogue() -> None:
    contract = tomllib.loads(CONTRACT.read_text("utf-8"))
    english = TextCatalogue.load("en")
    texts = [english.get(key) for key in english.keys() if "{" not in english.get(key)]
    texts += [english.get(key).split("{")[0] for key in english.keys() if "{" in english.get(key)]
    wanted = {**contract["labels"], **contract["refusals"]}
    missing = {key: label for key, label in wanted.items()
               if not any(t == label or t.startswith(label) for t in texts)}
    assert not missing


@pytest.mark.parametrize("path", ["/__test__/captcha", "/__test__/accounts/age", "/__test__/mail/lose"])
def test_the_test_seams_do_not_exist_outside_test_mode(make_app, path: str) -> None:
    client = make_app(TEST_MODE=False).test_client()
    response = client.post(path, json={"answer": "ABCDE", "email": "a@example.com", "hours": 1})
    assert response.status_code == 404


@pytest.mark.parametrize("body", [[], {}, {"answer": ""}, {"answer": "AB1"}, {"answer": 5},
                                  {"answer": "Ż"}])
def test_the_captcha_seam_refuses_a_bad_answer(client: FlaskClient, body: object) -> None:
    assert client.post("/__test__/captcha", json=body).status_code == 400


@pytest.mark.parametrize("body", [[], {"email": "ola@example.com"}, {"hours": 5},
                                  {"email": "ola@example.com", "hours": -1},
                                  {"email": "ola@example.com", "hours": True},
                                  {"email": "ola@example.com", "hours": "25"}])
def test_the_aging_seam_refuses_bad_input(registration: RegistrationActions, body: object) -> None:
    registration.register()
    assert registration.client.post("/__test__/accounts/age", json=body).status_code == 400


def test_the_aging_seam_says_when_there_is_no_such_account(client: FlaskClient) -> None:
    response = client.post("/__test__/accounts/age", json={"email": "ghost@example.com", "hours": 1})
    assert response.status_code == 404
    assert "ghost@example.com" in response.get_json()["error"]


def test_the_aging_seam_ages_only_the_account_named(app: Flask, registration: RegistrationActions) -> None:
    from reference_app.extensions import db
    from reference_app.models import Account

    registration.register()
    registration.register(name="Marek Lis", email="marek@example.com")
    registration.client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 48})
    with app.app_context():
        ola, marek = db.session.execute(db.select(Account).order_by(Account.id)).scalars()
        assert 47 < (marek.created_at - ola.created_at).total_seconds() / 3600 < 49


def test_a_form_sent_without_its_csrf_token_is_refused_politely(make_app) -> None:
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    response = client.post("/register", data={"name": "Ola Nowak"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<h1>Please try again</h1>" in html
    assert "Traceback" not in html


def test_an_unknown_page_is_a_friendly_404(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.get_data(as_text=True)


def test_an_unexpected_failure_shows_a_friendly_page(make_app) -> None:
    app = make_app(TESTING=False)

    @app.get("/explode")
    def explode() -> str:
        raise RuntimeError("boom")

    response = app.test_client().get("/explode")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Sorry, something went wrong on our side." in html
    assert "boom" not in html and "Traceback" not in html


def test_responses_carry_cookie_and_security_settings(client: FlaskClient) -> None:
    response = client.get("/register")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_init_db_creates_the_schema(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "Initialized the database." in result.output


@pytest.mark.parametrize("path", ["/__test__/staff", "/__test__/captcha", "/__test__/accounts",
                                  "/__test__/accounts/age", "/__test__/mail/lose"])
def test_the_test_seams_refuse_a_form_post_as_a_cross_site_form_would_send_it(client: FlaskClient, path: str) -> None:
    answer = client.post(path, data={"email": "a@example.com", "answer": "ABCDE"})
    assert answer.status_code == 415
    assert "Expected a JSON body" in answer.get_json()["error"]
    assert client.post(path, content_type="text/plain", data="{}").status_code == 415


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}])
def test_the_test_seams_refuse_cross_site_requests(client: FlaskClient, headers: dict[str, str]) -> None:
    answer = client.post("/__test__/staff", json={}, headers=headers)
    assert answer.status_code == 403


def test_the_staff_seam_answers_a_json_post_from_its_own_site(client: FlaskClient) -> None:
    answer = client.post("/__test__/staff", json={}, headers={"Origin": "http://localhost",
                                                               "Sec-Fetch-Site": "same-origin"})
    assert answer.status_code == 201
    assert set(answer.get_json()) == {"email", "password"}
