"""Sessions end on the server (sign-out, block, reactivation), sign-in pages are rate limited
per IP as well as per address, and registration reveals nothing before the CAPTCHA is solved."""

from __future__ import annotations

import re

from conftest import STRONG_PASSWORD, RegistrationActions, letters, page
from flask import Flask
from flask.testing import FlaskClient

WRONG = "not the password 123"


def replay(app: Flask, cookie: str) -> FlaskClient:
    """A second browser holding a copy of a session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def test_a_copied_session_cookie_is_worthless_after_sign_out(
    app: Flask, registration: RegistrationActions,
) -> None:
    registration.register()
    registration.sign_in()
    client = registration.client
    copied = client.get_cookie("session").value
    assert replay(app, copied).get("/account/").status_code == 200
    client.post("/sign-out")
    answer = replay(app, copied).get("/account/")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/sign-in")


def test_a_session_from_before_a_block_does_not_come_back_with_the_reactivation(
    app: Flask, registration: RegistrationActions,
) -> None:
    registration.register()
    registration.sign_in()
    copied = registration.client.get_cookie("session").value
    other = app.test_client()
    other.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 24 * 8})
    RegistrationActions(other).sign_in()
    other.get("/account/")
    other.post("/appeal", data={"password": STRONG_PASSWORD})
    other.post("/appeal/activation-letter")
    [link] = re.findall(r'href="http://localhost(/activate/[^"]+)"', letters(app)[-1].html)
    assert other.get(link).status_code == 200
    answer = replay(app, copied).get("/account/")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/sign-in")


def test_a_copied_staff_cookie_is_worthless_after_the_agent_signs_out(app: Flask) -> None:
    agent = app.test_client()
    staff = agent.post("/__test__/staff", json={}).get_json()
    assert agent.post("/support/console/sign-in", data=staff).status_code == 302
    copied = agent.get_cookie("session").value
    agent.post("/support/console/sign-out")
    answer = replay(app, copied).get("/support/console/")
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/support/console/sign-in")


def test_wrong_passwords_on_the_console_sign_in_meet_a_limit(app: Flask) -> None:
    client = app.test_client()
    staff = client.post("/__test__/staff", json={}).get_json()
    statuses = [client.post("/support/console/sign-in",
                            data={"email": staff["email"], "password": WRONG}).status_code
                for _ in range(30)]
    assert 429 in statuses, statuses
    assert "Too many attempts" in client.post("/support/console/sign-in", data=staff).get_data(as_text=True)


def test_trying_many_addresses_from_one_ip_meets_a_limit(client: FlaskClient) -> None:
    statuses = [client.post("/sign-in", data={"email": f"someone{n}@example.com", "password": WRONG}).status_code
                for n in range(30)]
    assert 429 in statuses, statuses


def test_successful_sign_ins_do_not_use_up_the_per_ip_budget(
    make_app,
) -> None:
    app = make_app(SIGN_IN_FAILURES_PER_IP="3 per minute", SIGN_IN_RATE_LIMIT="100 per minute")
    registration = RegistrationActions(app.test_client())
    registration.register()
    assert all(registration.sign_in().status_code == 302 for _ in range(6))


def test_registration_does_not_say_an_address_is_taken_before_the_captcha_is_solved(
    registration: RegistrationActions,
) -> None:
    registration.register()
    answer = registration.register(name="Marek Lis", captcha_answer="WRONG")
    shown = page(answer)
    assert shown.description("captcha_answer")
    assert shown.description("email") == "", shown.description("email")
    solved = page(registration.register(name="Marek Lis"))
    assert "already" in solved.description("email")
