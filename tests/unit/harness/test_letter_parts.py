"""Both parts of a letter: the plain text must hold the HTML part's link, and its code verbatim."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailflow.errors import ExpectationFailed
from mailflow.flows.elsewhere import check_text_part_same_code, check_text_part_same_link
from mailflow.mail.letter import Heading, Letter, Mailer

LINK = "http://127.0.0.1:5000/confirm/abc"


class Said:
    """What the checks need of a world: the failure message's subject."""

    @staticmethod
    def said(what: str) -> str:
        return f"REG-13: {what}"


def letter(text: str, html: str) -> Letter:
    heading = Heading("1", "Confirm your address", Mailer("no-reply@bazaar.example"),
                      (Mailer("ola@example.com"),), datetime(2026, 1, 1, tzinfo=UTC))
    return Letter.of(heading, text, html)


def test_a_plain_text_part_with_the_same_link_passes() -> None:
    check_text_part_same_link(Said(), letter(f"Confirm:\n{LINK}\n", f'<a href="{LINK}">Confirm</a>'), LINK)


@pytest.mark.parametrize("text", ["Confirm your address on our site.", "Confirm:\nhttp://127.0.0.1:5000/confirm/\n",
                                  f"Confirm:\n{LINK}\nor http://localhost:5000/confirm/abc\n", ""])
def test_a_plain_text_part_without_the_link_or_with_another_fails_saying_which(text: str) -> None:
    with pytest.raises(ExpectationFailed, match=r"REG-13: expected .*plain-text part"):
        check_text_part_same_link(Said(), letter(text, f'<a href="{LINK}">Confirm</a>'), LINK)


def test_the_code_must_stand_in_the_plain_text_as_it_stands_in_the_html() -> None:
    check_text_part_same_code(Said(), letter("Your code: 123456", "<b>Your code: 123456</b>"))
    with pytest.raises(ExpectationFailed, match="the HTML part holds"):
        check_text_part_same_code(Said(), letter("Your code: 123 456", "<b>Your code: 123456</b>"))
