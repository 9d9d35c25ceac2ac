"""The shopper's mailbox site shows an address's own letters only, with links that leave the frame."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

import pytest
from pytest_mailpit import MailpitAPIError, MailpitConnectionError

import webmail


@dataclass
class FakeAddress:
    address: str
    name: str = ""

    def __str__(self) -> str:
        return self.address


@dataclass
class FakeMessage:
    id: str
    to: tuple
    subject: str = "Confirm your email address"
    html: str = "<html><head></head><body><a href='http://shop/confirm/x'>Confirm</a></body></html>"
    text: str = "Confirm: http://shop/confirm/x"
    sender: FakeAddress = field(default_factory=lambda: FakeAddress("no-reply@bazaar.example"))
    cc: tuple = ()
    bcc: tuple = ()
    date: datetime = datetime(2026, 11, 25, tzinfo=UTC)


class FakeMailpit:
    messages: ClassVar[dict[str, FakeMessage]] = {}
    down = False

    def __init__(self, url: str) -> None:
        self.url = url

    def get_message(self, message_id: str) -> FakeMessage:
        if self.down:
            raise MailpitConnectionError("GET http://mailpit/api/v1/message: connection refused")
        if message_id not in self.messages:
            raise MailpitAPIError("GET", f"http://mailpit/api/v1/message/{message_id}", 404, "not found")
        return self.messages[message_id]


@pytest.fixture
def client(monkeypatch):
    FakeMailpit.messages = {
        "A1": FakeMessage("A1", (FakeAddress("ola-1@example.com"),)),
        "B2": FakeMessage("B2", (FakeAddress("marek-2@example.com"),)),
    }
    FakeMailpit.down = False
    monkeypatch.setattr(webmail, "MailpitClient", FakeMailpit)
    return webmail.create_app("http://mailpit").test_client()


def test_a_letter_opens_with_its_subject_sender_and_recipient(client) -> None:
    page = client.get("/inbox/ola-1@example.com/letters/A1").get_data(as_text=True)
    assert "<h1>Confirm your email address</h1>" in page
    assert "no-reply@bazaar.example" in page and "ola-1@example.com" in page
    assert 'sandbox="allow-top-navigation-by-user-activation allow-popups"' in page


def test_the_letters_links_open_in_the_whole_tab_not_in_the_frame(client) -> None:
    body = client.get("/inbox/ola-1@example.com/letters/A1/body").get_data(as_text=True)
    assert body.startswith('<html><head><base target="_top">')


def test_another_addresss_letter_is_not_shown(client) -> None:
    assert client.get("/inbox/ola-1@example.com/letters/B2").status_code == 404
    assert client.get("/inbox/ola-1@example.com/letters/B2/body").status_code == 404


def test_an_unknown_or_malformed_letter_is_not_found(client) -> None:
    assert client.get("/inbox/ola-1@example.com/letters/Z9").status_code == 404
    assert client.get("/inbox/ola-1@example.com/letters/A1;x").status_code == 404


def test_an_unreachable_mail_server_gives_a_friendly_page(client) -> None:
    FakeMailpit.down = True
    answer = client.get("/inbox/ola-1@example.com/letters/A1")
    assert answer.status_code == 502
    assert "The mailbox cannot be read right now" in answer.get_data(as_text=True)
    assert "Traceback" not in answer.get_data(as_text=True)


@pytest.mark.parametrize("html", [FakeMessage.html, ""])
def test_a_letters_own_html_is_served_only_sandboxed_even_opened_directly(client, html: str) -> None:
    FakeMailpit.messages["A1"].html = html
    answer = client.get("/inbox/ola-1@example.com/letters/A1/body")
    policy = answer.headers.get("Content-Security-Policy", "")
    assert policy.startswith("sandbox"), f"Expected a CSP sandbox on the letter's body; got {policy!r}"
    assert "allow-scripts" not in policy and "allow-same-origin" not in policy
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/inbox/ola-1@example.com", "/inbox/ola-1@example.com/letters/A1"])
def test_the_webmails_own_pages_forbid_scripts_and_framing_by_other_sites(client, path: str) -> None:
    answer = client.get(path)
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
