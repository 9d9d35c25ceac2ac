"""A property-based fuzz of every route: whatever a visitor, a shopper, a blocked shopper or an
agent sends (path values, query parameters, any form's fields, JSON to the seams), the answer
is never a 5xx and never reflects markup unescaped. Hypothesis prints the failing request.

Forms are really processed: CSRF checking is off in this app (it has its own test) and the
rate limits are set out of reach (they are tested in test_sessions), so every request reaches
its view. Requests carry drawn Origin and Sec-Fetch-Site headers too (the seams refuse
cross-site requests). A second fuzz sends the new-address form with a live "Verify now" link
each time, so the limits across requests, the English-letters rule and binding are reached
(a random token only ever meets "this link is not valid")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import pytest
from conftest import RegistrationActions, app_config
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_app import create_app, init_db, tokens
from reference_app.blocking import BLOCKED_KEY
from reference_app.extensions import db
from reference_app.models import Account, StaffMember
from reference_app.sessions import ACCOUNT_KEY, GENERATION_KEY
from reference_app.support_console import STAFF_GENERATION_KEY, STAFF_KEY

REQUESTS = 2000
NEW_ADDRESS_REQUESTS = 500
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b data-fuzz="1">',
          "<svg/onload=alert(1)>"]
ODD = ["", " ", "\r\n", "\t", "\x00", "²", "٣", "-1", str(2**63), "9" * 30, "1e999", "%0d%0a",
       "/\t/evil.example", "//evil.example", "javascript:alert(1)", "{{7*7}}", "ola@example.com",
       "Оля Ковальская", "\u2028", "a" * 300, "x" * 3000, "../../etc/passwd"]
FIELDS = ["name", "email", "password", "password_repeat", "captcha_answer", "membership",
          "source", "new_email", "code", "body", "use_suggestion"]
QUERY = ["next", "after", "address", "page"]
PERSONAS = ["visitor", "shopper", "blocked", "agent"]
HEADERS = ["Origin", "Sec-Fetch-Site", "X-Forwarded-For"]
ADDRESSES = ["ola@example.com", "bo@example.com", "OLA@EXAMPLE.COM", "new@example.com", "оля@example.com",
             "olа@example.com", "ola@пример.рф", "ｏｌａ@example.com", "ola@xn--e1afmkfd.xn--p1ai",
             "a@b", "@example.com", "ola@@example.com", '"quoted local"@example.com']


@dataclass(frozen=True)
class Shop:
    app: Flask
    shopper_id: int
    blocked_id: int
    staff_id: int


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    unlimited = "1000000 per minute"
    config = app_config(tmp_path_factory.mktemp("fuzz"), SIGN_IN_RATE_LIMIT=unlimited,
                        STAFF_SIGN_IN_RATE_LIMIT=unlimited, SIGN_IN_FAILURES_PER_IP=unlimited,
                        APPEAL_RATE_LIMIT=unlimited)
    app = create_app(config)
    init_db(app)
    setup = RegistrationActions(app.test_client())
    setup.register()
    setup.register(name="Bo Blocked", email="bo@example.com")
    setup.client.post("/__test__/accounts/age", json={"email": "bo@example.com", "hours": 24 * 8})
    setup.client.post("/__test__/staff", json={})
    with app.app_context():
        ids = {a.email: a.id for a in db.session.execute(db.select(Account)).scalars()}
        staff_id = db.session.execute(db.select(StaffMember.id)).scalar_one()
    return Shop(app, ids["ola@example.com"], ids["bo@example.com"], staff_id)


def client_as(shop: Shop, persona: str) -> FlaskClient:
    """A browser of the persona, its session written directly (no password hashing per try)."""
    client = shop.app.test_client()
    with shop.app.app_context():
        shopper = db.session.get(Account, shop.shopper_id)
        staff = db.session.get(StaffMember, shop.staff_id)
        generations = (shopper.session_generation, staff.session_generation)
    with client.session_transaction() as session:
        if persona == "shopper":
            session[ACCOUNT_KEY], session[GENERATION_KEY] = shop.shopper_id, generations[0]
        elif persona == "blocked":
            session[BLOCKED_KEY] = session["appeal_proven_id"] = shop.blocked_id
        elif persona == "agent":
            session[STAFF_KEY], session[STAFF_GENERATION_KEY] = shop.staff_id, generations[1]
    return client


values = st.one_of(st.sampled_from(MARKUP + ODD), st.text(max_size=40),
                   st.integers(min_value=-(2**70), max_value=2**70).map(str))
header_values = st.one_of(
    st.sampled_from(["cross-site", "same-site", "same-origin", "none", "http://localhost", "https://evil.example",
                     "null", "127.0.0.1"]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40))
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | values,
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.sampled_from(["answer", "email", "hours"]), inner, max_size=3),
                           max_leaves=10)


@dataclass(frozen=True)
class Probe:
    persona: str
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str] | None
    json: object | None
    headers: dict[str, str]

    def send(self, client: FlaskClient):
        options = {"query_string": self.query, "headers": self.headers}
        if self.json is not None:
            options["json"] = self.json
        elif self.form is not None:
            options["data"] = self.form
        return client.open(self.path, method=self.method, **options)


def fill(rule: str, draw: st.DrawFn) -> str:
    """The rule's path with each <variable> replaced by a drawn value (quoted as a browser would)."""
    return re.sub(r"<[^>]+>", lambda _: quote(draw(values), safe="") or "x", rule)


@st.composite
def probes(draw: st.DrawFn, rules: list[tuple[str, tuple[str, ...]]]) -> Probe:
    rule, methods = draw(st.sampled_from(rules))
    method = draw(st.sampled_from(methods))
    query = draw(st.dictionaries(st.sampled_from(QUERY), values, max_size=2))
    form = json = None
    if method == "POST" and rule.startswith("/__test__"):
        json = draw(json_values)
    elif method == "POST":
        form = draw(st.dictionaries(st.sampled_from(FIELDS), values, max_size=6))
    headers = draw(st.dictionaries(st.sampled_from(HEADERS), header_values, max_size=2))
    return Probe(draw(st.sampled_from(PERSONAS)), method, fill(rule, draw), query, form, json, headers)


# Takes no input at all (and hashes a new agent's password each time): nothing to fuzz.
INPUTLESS = {"/__test__/staff"}


def routes(app: Flask) -> list[tuple[str, tuple[str, ...]]]:
    return [(rule.rule, tuple(sorted(rule.methods & {"GET", "POST"})))
            for rule in app.url_map.iter_rules()
            if rule.endpoint != "static" and rule.rule not in INPUTLESS]


def test_no_request_to_any_route_gets_a_server_error_or_reflects_markup(shop: Shop) -> None:
    sent: list[Probe] = []

    @settings(max_examples=REQUESTS, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(probe=probes(routes(shop.app)))
    def answers_safely(probe: Probe) -> None:
        sent.append(probe)
        answer = probe.send(client_as(shop, probe.persona))
        assert answer.status_code < 500, f"Expected no 5xx; got {answer.status_code} for {probe}"
        if answer.mimetype == "text/html":
            body = answer.get_data(as_text=True)
            reflected = [markup for markup in MARKUP if markup in body]
            assert not reflected, f"Expected markup escaped; {reflected} came back unescaped for {probe}"

    answers_safely()
    assert len(sent) >= REQUESTS, f"Expected at least {REQUESTS} generated requests; sent {len(sent)}."
    covered = {p.path.split("?")[0] for p in sent}
    assert len(covered) > 20, covered


def live_link(shop: Shop) -> str:
    """A fresh "Verify now" link of the shopper, as the letter would carry it."""
    with shop.app.test_request_context():
        token = tokens.issue(shop.shopper_id, tokens.EMAIL_CHANGE, timedelta(hours=1))
        db.session.commit()
    return f"/account/email/new/{token}"


def test_the_new_address_form_with_a_live_link_never_gets_a_server_error(shop: Shop) -> None:
    sent: list[str] = []

    @settings(max_examples=NEW_ADDRESS_REQUESTS, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(address=st.one_of(st.sampled_from(ADDRESSES + MARKUP + ODD), values),
           code=st.one_of(st.none(), st.sampled_from(ODD), st.integers(0, 999999).map(lambda n: f"{n:06d}")))
    def answers_safely(address: str, code: str | None) -> None:
        client = client_as(shop, "shopper")
        answer = client.post(live_link(shop), data={"new_email": address})
        sent.append(address)
        assert answer.status_code in (200, 302), f"Expected the form or the code page; got {answer.status_code}: {address!r}"
        body = answer.get_data(as_text=True)
        assert not [markup for markup in MARKUP if markup in body], f"Expected markup escaped for {address!r}"
        if code is not None:
            assert client.post("/account/email/code", data={"code": code}).status_code == 200
            sent.append(code)

    answers_safely()
    assert len(sent) >= NEW_ADDRESS_REQUESTS
