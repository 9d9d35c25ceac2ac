"""Races, with real threads against a running server: a limit holds however many requests
arrive at once (the email-change code's attempts, the appeal's letter, the support chat, and
the limits across requests: addresses tried, code letters to one address, "Verify now")."""

from __future__ import annotations

import re

import pytest
from conftest import LiveServer, RegistrationActions, all_at_once, letters, serving, session_cookie
from flask import Flask

from reference_app.extensions import db
from reference_app.models import Account, AddressTried, EmailChangeRequest, LinkToken, SupportChat

BURST = 30
NEW = "ola.new@example.com"
WRONG_LEFT = re.compile(r"Attempts left: \d")


def code_for_new_address(app: Flask, registration: RegistrationActions) -> str:
    """Register, sign in, ask for the link, send the new address: the code it mailed."""
    registration.register()
    registration.sign_in()
    client = registration.client
    assert client.post("/account/email/verify").status_code == 200
    link = re.search(r'href="http://localhost(/account/email/new/[^"]+)"', letters(app)[-1].html)
    assert client.post(link.group(1), data={"new_email": NEW}).status_code == 302
    return re.search(r"Your confirmation code is (\d{6})", letters(app)[-1].text).group(1)


def wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 10**6:06d}"


@pytest.mark.timeout(120)
def test_a_burst_of_wrong_codes_compares_no_more_than_the_allowed_number(
    app: Flask, registration: RegistrationActions, live_server: LiveServer,
) -> None:
    code = code_for_new_address(app, registration)
    cookie = session_cookie(registration.client)
    answers = all_at_once(BURST, lambda: live_server.request(
        "POST", "/account/email/code", cookie=cookie, data={"code": wrong_code(code)}))
    assert {status for status, _ in answers} == {200}, [status for status, _ in answers]
    told_wrong = sum(bool(WRONG_LEFT.search(body)) for _, body in answers)
    with app.app_context():
        tries = db.session.execute(db.select(EmailChangeRequest.tries)).scalar_one()
    allowed = app.config["EMAIL_CHANGE_CODE_ATTEMPTS"]
    assert tries <= allowed, f"Expected at most {allowed} codes compared; got {tries}."
    assert told_wrong <= allowed - 1, f"Expected at most {allowed - 1} 'attempts left'; got {told_wrong}."
    _, body = live_server.request("POST", "/account/email/code", cookie=cookie, data={"code": code})
    assert "this code no longer works" in body.lower(), "Expected the right code refused after the burst"
    with app.app_context():
        assert db.session.execute(db.select(Account.email)).scalar_one() == "ola@example.com"


@pytest.mark.timeout(120)
def test_a_burst_of_clicks_on_the_appeal_sends_one_activation_letter(
    app: Flask, registration: RegistrationActions, live_server: LiveServer,
) -> None:
    registration.register()
    client = registration.client
    assert client.post("/__test__/accounts/age", json={"email": "ola@example.com", "hours": 24 * 8}).status_code == 204
    registration.sign_in()
    client.get("/account/")  # the block ends the session and remembers the blocked account
    assert client.post("/appeal", data={"password": registration.form_data()["password"]}).status_code == 302
    cookie = session_cookie(client)
    answers = all_at_once(8, lambda: live_server.request(
        "POST", "/appeal/activation-letter", cookie=cookie, data={}))
    assert sorted(status for status, _ in answers) == [200] * 7 + [302]
    activation = [letter for letter in letters(app) if "activate" in letter.html]
    assert len(activation) == 1, f"Expected one activation letter; got {len(activation)}."


@pytest.mark.timeout(120)
def test_a_double_click_on_contact_support_opens_one_chat(
    app: Flask, registration: RegistrationActions, live_server: LiveServer,
) -> None:
    registration.register()
    registration.sign_in()
    cookie = session_cookie(registration.client)
    answers = all_at_once(6, lambda: live_server.request("GET", "/support/chat/", cookie=cookie))
    assert {status for status, _ in answers} == {200}
    with app.app_context():
        chats = db.session.execute(db.select(SupportChat)).scalars().all()
    assert len(chats) == 1, f"Expected one open chat; got {len(chats)}."


# The limits across requests (issue 21) hold against bursts too: each action stores its row
# first and counts afterwards, and SQLite lets one writer in at a time.

def signed_in_shopper(app: Flask, email: str) -> tuple[RegistrationActions, str]:
    """A registered, signed-in shopper and the path of a fresh "Verify now" link."""
    registration = RegistrationActions(app.test_client())
    registration.register(email=email)
    registration.sign_in(email=email)
    assert registration.client.post("/account/email/verify").status_code == 200
    link = [letter for letter in letters(app) if letter.recipient == email][-1]
    return registration, re.search(r'href="http://localhost(/account/email/new/[^"]+)"', link.html).group(1)


@pytest.mark.timeout(120)
def test_a_burst_of_addresses_on_the_new_address_form_tells_no_more_than_the_limit(
    make_app,
) -> None:
    app = make_app(NEW_ADDRESSES_PER_ACCOUNT="3 per hour")
    client = app.test_client()
    for number in range(BURST):
        client.post("/__test__/accounts", json={"email": f"taken{number}@example.com", "password": "pw",
                                                "name": "Some One", "confirmed": True})
    registration, link = signed_in_shopper(app, "ola@example.com")
    cookie = session_cookie(registration.client)
    numbers = iter(range(BURST))
    with serving(app) as live:
        answers = all_at_once(BURST, lambda: live.request(
            "POST", link, cookie=cookie, data={"new_email": f"taken{next(numbers)}@example.com"}))
    assert {status for status, _ in answers} == {200}, [status for status, _ in answers]
    told = sum("already registered" in body for _, body in answers)
    limited = sum("too many different addresses" in body for _, body in answers)
    assert told <= 3 and told + limited == BURST, (told, limited)
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(AddressTried.id))).scalar_one() <= 3


@pytest.mark.timeout(120)
def test_a_burst_of_accounts_sends_no_more_code_letters_to_one_address_than_the_limit(make_app) -> None:
    app = make_app(EMAIL_CHANGE_CODES_PER_ADDRESS="2 per hour")
    shoppers = [signed_in_shopper(app, f"shopper{number}@example.com") for number in range(8)]
    requests = iter([(session_cookie(registration.client), link) for registration, link in shoppers])
    with serving(app) as live:
        def ask() -> tuple[int, str]:
            cookie, link = next(requests)
            return live.request("POST", link, cookie=cookie, data={"new_email": "victim@example.com"})
        answers = all_at_once(len(shoppers), ask)
    assert sorted(status for status, _ in answers) == [200] * 6 + [302] * 2, [s for s, _ in answers]
    assert sum("too many codes to this address" in body for _, body in answers) == 6
    with app.app_context():
        requested = db.session.execute(db.select(db.func.count(EmailChangeRequest.id))).scalar_one()
    assert requested == 2
    assert sum(letter.recipient == "victim@example.com" for letter in letters(app)) == 2


@pytest.mark.timeout(120)
def test_a_burst_of_verify_now_clicks_sends_no_more_letters_than_the_limit(make_app) -> None:
    app = make_app(EMAIL_CHANGE_LINKS_PER_ACCOUNT="2 per hour")
    registration = RegistrationActions(app.test_client())
    registration.register()
    registration.sign_in()
    cookie = session_cookie(registration.client)
    with serving(app) as live:
        answers = all_at_once(10, lambda: live.request("POST", "/account/email/verify", cookie=cookie, data={}))
    assert sorted(status for status, _ in answers) == [200] * 2 + [429] * 8, [s for s, _ in answers]
    with app.app_context():
        issued = db.session.execute(db.select(db.func.count(LinkToken.id))
                                    .where(LinkToken.purpose == "email_change")).scalar_one()
    assert issued == 2
