"""The support chat and console (CHG-09): staff only, live both ways, and the agent can
start an address change but only the shopper's code binds it."""

from __future__ import annotations

import re

import pytest
from conftest import STRONG_PASSWORD, RegistrationActions, letters, page
from flask import Flask
from flask.testing import FlaskClient

from reference_app.extensions import db
from reference_app.models import Account, EmailChangeRequest

NEW = "ola.new@example.com"


@pytest.fixture
def shopper(registration: RegistrationActions) -> FlaskClient:
    registration.register()
    registration.sign_in()
    return registration.client


@pytest.fixture
def agent(app: Flask) -> FlaskClient:
    client = app.test_client()
    staff = client.post("/__test__/staff", json={}).get_json()
    signed_in = client.post("/support/console/sign-in", data=staff)
    assert signed_in.headers["Location"] == "/support/console/"
    return client


def open_chat(shopper: FlaskClient, agent: FlaskClient) -> str:
    """The shopper opens the chat; the path of that chat in the console."""
    assert shopper.get("/support/chat/").status_code == 200
    waiting = agent.get("/support/console/").get_data(as_text=True)
    found = re.search(r'href="(/support/console/chats/\d+)">Chat with Ola Nowak \(ola@example.com\)<', waiting)
    assert found, waiting
    return found.group(1)


def bodies(client: FlaskClient, path: str, after: int = 0) -> list[str]:
    return [m["body"] for m in client.get(f"{path}?after={after}").get_json()["messages"]]


def test_a_shoppers_session_cannot_open_the_support_console(shopper: FlaskClient) -> None:
    for path in ("/support/console/", "/support/console/chats/1", "/support/console/chats/1/messages"):
        assert shopper.get(path).status_code == 403
    assert shopper.post("/support/console/chats/1/email-change", data={"new_email": NEW}).status_code == 403


def test_a_visitor_is_sent_to_the_console_sign_in(client: FlaskClient) -> None:
    assert client.get("/support/console/").headers["Location"] == "/support/console/sign-in"


def test_a_shoppers_password_does_not_open_the_console(shopper: FlaskClient, app: Flask) -> None:
    other = app.test_client()
    refused = other.post("/support/console/sign-in",
                         data={"email": "ola@example.com", "password": STRONG_PASSWORD})
    assert refused.status_code == 200 and "Wrong email address or password." in page(refused).text


def test_the_staff_seam_does_not_exist_outside_test_mode(make_app) -> None:
    assert make_app(TEST_MODE=False).test_client().post("/__test__/staff").status_code == 404


def test_the_chat_delivers_a_message_to_the_other_side_without_a_reload(
    shopper: FlaskClient, agent: FlaskClient,
) -> None:
    chat = open_chat(shopper, agent)
    seen = shopper.get("/support/chat/messages").get_json()["messages"]
    last = seen[-1]["id"]
    sent = shopper.post("/support/chat/messages", data={"body": "I lost my old mailbox"},
                        headers={"X-Requested-With": "fetch"})
    assert sent.status_code == 201 and sent.get_json()["author"] == "shopper"
    assert bodies(agent, f"{chat}/messages", last) == ["I lost my old mailbox"]
    agent.post(f"{chat}/messages", data={"body": "What is your name?"}, headers={"X-Requested-With": "fetch"})
    assert bodies(shopper, "/support/chat/messages", last) == ["I lost my old mailbox", "What is your name?"]
    assert 'src="/static/support_chat.js"' in shopper.get("/support/chat/").get_data(as_text=True)


def test_an_empty_message_is_refused(shopper: FlaskClient) -> None:
    shopper.get("/support/chat/")
    refused = shopper.post("/support/chat/messages", data={"body": "  "}, headers={"X-Requested-With": "fetch"})
    assert refused.status_code == 400 and refused.get_json()["error"] == "Write a message first."


def test_the_console_shows_what_the_account_holds_never_the_password(
    app: Flask, shopper: FlaskClient, agent: FlaskClient,
) -> None:
    html = agent.get(open_chat(shopper, agent)).get_data(as_text=True)
    with app.app_context():
        password_hash = db.session.execute(db.select(Account.password_hash)).scalar_one()
    assert "Ola Nowak" in html and "ola@example.com" in html
    assert password_hash not in html and STRONG_PASSWORD not in html and "argon2" not in html


def test_support_starts_a_change_that_binds_only_when_the_shopper_types_the_code(
    app: Flask, shopper: FlaskClient, agent: FlaskClient,
) -> None:
    chat = open_chat(shopper, agent)
    started = agent.post(f"{chat}/email-change", data={"new_email": NEW})
    assert started.headers["Location"] == chat
    letter = letters(app)[-1]
    assert letter.recipient == NEW
    code = re.search(r"Your confirmation code is (\d{6})", letter.text).group(1)
    console = page(agent.get(chat)).text
    assert "ola@example.com" in console and f"New address waiting for its code {NEW}" in console
    with app.app_context():
        assert db.session.execute(db.select(Account.email)).scalar_one() == "ola@example.com"
    assert "has been changed" in shopper.post("/account/email/code", data={"code": code}).get_data(as_text=True)
    notice = letters(app)[-1]
    assert notice.recipient == "ola@example.com" and notice.subject == "Your email address was changed"


def test_the_console_no_longer_shows_a_change_whose_code_has_expired(
    app: Flask, shopper: FlaskClient, agent: FlaskClient,
) -> None:
    chat = open_chat(shopper, agent)
    agent.post(f"{chat}/email-change", data={"new_email": NEW})
    assert f"New address waiting for its code {NEW}" in page(agent.get(chat)).text
    with app.app_context():
        request = db.session.execute(db.select(EmailChangeRequest)).scalar_one()
        request.expires_at = request.issued_at  # its lifetime has passed
        db.session.commit()
    console = page(agent.get(chat)).text
    assert "ola@example.com" in console and "New address waiting for its code" not in console


def test_support_cannot_start_a_change_to_an_address_of_another_account(
    app: Flask, shopper: FlaskClient, agent: FlaskClient,
) -> None:
    RegistrationActions(app.test_client()).register(email="marek@example.com", name="Marek Nowak")
    refused = page(agent.post(f"{open_chat(shopper, agent)}/email-change", data={"new_email": "marek@example.com"}))
    assert refused.description("new_email") == "This email address is already registered."
