"""The shopper's mailbox site shows an address's own letters only, with links that leave the frame."""

from datetime import UTC, datetime
from typing import ClassVar

import pytest

import webmail
from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.mail.catcher import LetterNotFound
from mailflow_specs.mail.letter import Heading, Letter, Mailer

HTML = "<html><head></head><body><a href='http://shop/confirm/x'>Confirm</a></body></html>"


def letter(letter_id: str, to: str, html: str = HTML) -> Letter:
    heading = Heading(letter_id, "Confirm your email address", Mailer("no-reply@bazaar.example"),
                      (Mailer(to),), datetime(2026, 11, 25, tzinfo=UTC))
    return Letter.of(heading, "Confirm: http://shop/confirm/x", html)


class FakeCatcher:
    """A catcher behind the door (mailflow_specs.mail.catcher.Catcher) with letters in memory."""

    letters: ClassVar[dict[str, Letter]] = {}
    down = False

    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url

    def headings(self, address: str) -> list[Heading]:
        return [one.heading for one in self.letters.values() if one.heading.is_addressed_to(address)]

    def letter(self, letter_id: str) -> Letter:
        if self.down:
            raise TargetUnreachable("Expected Mailpit to answer at http://mailpit: connection refused")
        if letter_id not in self.letters:
            raise LetterNotFound(letter_id)
        return self.letters[letter_id]


@pytest.fixture
def client(monkeypatch):
    FakeCatcher.letters = {"A1": letter("A1", "ola-1@example.com"), "B2": letter("B2", "marek-2@example.com")}
    FakeCatcher.down = False
    monkeypatch.setattr(webmail, "open_catcher", FakeCatcher)
    return webmail.create_app("http://mailpit").test_client()


def test_an_inbox_lists_its_own_letters_only(client) -> None:
    page = client.get("/inbox/ola-1@example.com").get_data(as_text=True)
    assert "letters/A1" in page and "letters/B2" not in page


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
    FakeCatcher.down = True
    answer = client.get("/inbox/ola-1@example.com/letters/A1")
    assert answer.status_code == 502
    assert "The mailbox cannot be read right now" in answer.get_data(as_text=True)
    assert "Traceback" not in answer.get_data(as_text=True)


@pytest.mark.parametrize("html", [HTML, ""])
def test_a_letters_own_html_is_served_only_sandboxed_even_opened_directly(client, html: str) -> None:
    FakeCatcher.letters["A1"] = letter("A1", "ola-1@example.com", html)
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
