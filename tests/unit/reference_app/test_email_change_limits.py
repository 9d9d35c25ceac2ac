"""Limits across change requests (issue 21): the new-address form says "already registered",
so the different addresses one account (and one client) may try are limited; code letters are
limited per account and per new address, "Verify now" letters per account; each refusal says
from when trying again works. A restart keeps pending codes, sessions and the counts; binding a
new address ends the account's other sessions."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import RegistrationActions, letters, page, session_cookie
from flask import Flask
from test_email_change import EmailChangeActions

from reference_app.extensions import db
from reference_app.models import Account, AddressTried, EmailChangeRequest, LinkToken, utcnow
from reference_app.quotas import wait_until

TRY_AGAIN = re.compile(r"from (\d{4}-\d\d-\d\d \d\d:\d\d) UTC\.")


class ShopperChange(EmailChangeActions):
    """The self-service path for one of several shoppers."""

    def __init__(self, app: Flask, registration: RegistrationActions, email: str) -> None:
        super().__init__(app, registration)
        self.email = email

    def link_path(self) -> str:
        letter = [letter for letter in letters(self.app) if letter.recipient == self.email][-1]
        return re.search(r'href="http://localhost(/account/email/new/[^"]+)"', letter.html).group(1)


def shopper(app: Flask, email: str) -> ShopperChange:
    registration = RegistrationActions(app.test_client())
    registration.register(email=email)
    registration.sign_in(email=email)
    return ShopperChange(app, registration, email)


def others(app: Flask, *emails: str) -> None:
    client = app.test_client()
    for email in emails:
        answer = client.post("/__test__/accounts", json={"email": email, "password": "pw", "name": "Other One",
                                                         "confirmed": True})
        assert answer.status_code == 201


def try_address(change: EmailChangeActions, link: str, address: str):
    return change.client.post(link, data={"new_email": address})


def refusal_beside_field(answer) -> str:
    shown = page(answer)
    assert shown.value("new_email"), "Expected the entered address kept in the field"
    return shown.description("new_email")


def shown_moment(refusal: str) -> datetime:
    match = TRY_AGAIN.search(refusal)
    assert match, f"Expected the refusal to say from when; got {refusal!r}"
    return datetime.strptime(match.group(1), "%Y-%m-%d %H:%M")


def age_rows(app: Flask, model: type, column: str, by: timedelta) -> None:
    with app.app_context():
        for row in db.session.execute(db.select(model)).scalars():
            setattr(row, column, getattr(row, column) - by)
        db.session.commit()


def test_an_account_may_try_only_so_many_different_addresses_then_is_told_when_to_try_again(make_app) -> None:
    app = make_app(NEW_ADDRESSES_PER_ACCOUNT="3 per hour; 5 per day")
    others(app, *(f"taken{i}@example.com" for i in range(4)))
    change = shopper(app, "ola@example.com")
    link = change.verify_now()
    for i in range(3):
        answer = try_address(change, link, f"taken{i}@example.com")
        assert refusal_beside_field(answer) == "This email address is already registered."
    assert "already registered" in refusal_beside_field(try_address(change, link, "taken0@example.com")), \
        "Expected an address tried before to be answered again (it tells nothing new)"
    refused = refusal_beside_field(try_address(change, link, "taken3@example.com"))
    assert refused.startswith("You have tried too many different addresses. You can try a new one from ")
    assert "already registered" not in refused
    with app.app_context():
        first = db.session.execute(db.select(db.func.min(AddressTried.tried_at))).scalar_one()
    assert timedelta(0) <= shown_moment(refused) - (first + timedelta(hours=1)) <= timedelta(minutes=1)
    age_rows(app, AddressTried, "tried_at", timedelta(minutes=61))
    assert "already registered" in refusal_beside_field(try_address(change, link, "taken3@example.com"))
    answer = try_address(change, link, "free@example.com")
    assert answer.status_code == 302, "Expected the link still usable after the refusals"


def test_one_client_may_try_only_so_many_different_addresses_whatever_the_account(make_app) -> None:
    app = make_app(NEW_ADDRESSES_PER_CLIENT="2 per hour")
    others(app, "taken0@example.com", "taken1@example.com", "taken2@example.com")
    first, second = shopper(app, "ola@example.com"), shopper(app, "marek@example.com")
    assert "already registered" in refusal_beside_field(try_address(first, first.verify_now(), "taken0@example.com"))
    link = second.verify_now()
    assert "already registered" in refusal_beside_field(try_address(second, link, "taken1@example.com"))
    assert "too many different addresses" in refusal_beside_field(try_address(second, link, "taken2@example.com"))


def test_code_letters_per_account_are_limited_across_change_requests(make_app) -> None:
    app = make_app(EMAIL_CHANGE_CODES_PER_ACCOUNT="2 per day")
    change = shopper(app, "ola@example.com")
    change.request_code("one@example.com")
    change.request_code("two@example.com")
    link = change.verify_now()
    refused = refusal_beside_field(try_address(change, link, "three@example.com"))
    assert refused.startswith("We have sent too many codes for this account. You can ask for a new one from ")
    assert [letter.recipient for letter in letters(app)].count("three@example.com") == 0
    age_rows(app, EmailChangeRequest, "issued_at", timedelta(days=1, minutes=1))
    assert try_address(change, link, "three@example.com").status_code == 302, "Expected the link kept usable"


def test_code_letters_to_one_address_are_limited_whichever_accounts_ask(make_app) -> None:
    app = make_app(EMAIL_CHANGE_CODES_PER_ADDRESS="2 per hour")
    victim = "victim@example.com"
    shopper(app, "ola@example.com").request_code(victim)
    second = shopper(app, "marek@example.com")
    assert try_address(second, second.verify_now(), "Victim@Example.com").status_code == 302
    third = shopper(app, "jan@example.com")
    refused = refusal_beside_field(try_address(third, third.verify_now(), victim))
    assert refused.startswith("We have sent too many codes to this address. You can ask again from ")
    assert sum(letter.recipient.lower() == victim for letter in letters(app)) == 2


def test_verify_now_letters_per_account_are_limited_with_the_time_to_ask_again(make_app) -> None:
    app = make_app(EMAIL_CHANGE_LINKS_PER_ACCOUNT="2 per hour")
    change = shopper(app, "ola@example.com")
    change.verify_now()
    change.verify_now()
    answer = change.client.post("/account/email/verify")
    assert answer.status_code == 429
    refusal = page(answer).attrs("verify-refusal")
    assert refusal["role"] == "alert" and 'aria-describedby="verify-refusal"' in page(answer).html
    assert "We have sent you too many of these letters. You can ask for a new one from " in page(answer).text
    with app.app_context():
        assert db.session.execute(db.select(db.func.count(LinkToken.id))).scalar_one() == 1 + 2  # + the confirm link


def test_the_default_limits_leave_a_shopper_a_handful_of_changes(app: Flask) -> None:
    change = shopper(app, "ola@example.com")
    others(app, "taken@example.com")
    for number in range(3):
        link = change.verify_now()
        assert "already registered" in refusal_beside_field(try_address(change, link, "taken@example.com"))
        assert try_address(change, link, f"ola{number}@example.com").status_code == 302
        code = re.search(r"code is (\d{6})", letters(app)[-1].text).group(1)
        assert "has been changed" in change.type_code(code)
        change.email = f"ola{number}@example.com"


@pytest.mark.parametrize(("setting", "events", "expected"), [
    ("2 per hour", [0, 10], None),
    ("2 per hour", [0, 10, 20], 60),
    ("2 per hour; 5 per day", [-200, 0, 10, 20], 60),
    ("2 per hour; 3 per day", [-200, -100, 10, 20], 24 * 60 - 200),
])
def test_wait_until_says_when_the_newest_event_fits_every_rate(
    app: Flask, setting: str, events: list[int], expected: int | None,
) -> None:
    now = utcnow()
    app.config["EMAIL_CHANGE_CODES_PER_ACCOUNT"] = setting
    moments = [now + timedelta(minutes=m) - timedelta(minutes=20) for m in events]
    with app.app_context():
        until = wait_until(moments, "EMAIL_CHANGE_CODES_PER_ACCOUNT", now)
    if expected is None:
        assert until is None
    else:
        assert until == now - timedelta(minutes=20) + timedelta(minutes=expected)


def test_a_restart_in_the_middle_of_a_change_keeps_the_code_and_the_session(make_app, tmp_path: Path) -> None:
    keep = {"SECRET_KEY": None, "SECRET_KEY_FILE": str(tmp_path / "secret_key")}
    before = make_app(**keep)
    change = shopper(before, "ola@example.com")
    code = change.request_code("ola.new@example.com")
    cookie = session_cookie(change.client)
    after = make_app(**keep)  # the same database and instance folder, a new process's app
    client = after.test_client()
    client.set_cookie("session", cookie, domain="localhost")
    answer = client.post("/account/email/code", data={"code": code}).get_data(as_text=True)
    assert "Your email address has been changed" in answer, answer
    with after.app_context():
        assert db.session.execute(db.select(Account.email)).scalar_one() == "ola.new@example.com"


def test_binding_a_new_address_ends_the_other_sessions_and_keeps_this_one(app: Flask) -> None:
    change = shopper(app, "ola@example.com")
    elsewhere = app.test_client()
    RegistrationActions(elsewhere).sign_in()
    assert elsewhere.get("/account/").status_code == 200
    code = change.request_code("ola.new@example.com")
    assert "has been changed" in change.type_code(code)
    assert change.client.get("/account/").status_code == 200, "Expected this session to go on"
    assert elsewhere.get("/account/").status_code == 302, "Expected the other session ended"

