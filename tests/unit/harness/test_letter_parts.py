"""Both parts of a letter: the plain text must hold the HTML part's link, and its code verbatim,
and tell nothing the HTML part does not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.elsewhere import (
    check_text_part_same_code,
    check_text_part_same_link,
    check_text_part_says_nothing_else,
    words_only_in_text,
)
from mailflow_specs.mail.letter import Heading, Letter, Mailer

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


BAZAAR_HTML = (f'<html><head><title>Confirm</title><style>td {{ color: red }}</style></head><body><table>'
               f'<tr><td>Bazaar</td></tr><tr><td>Hello Ola,</td></tr><tr><td>Thank you for registering.</td></tr>'
               f'<tr><td><a href="{LINK}">Confirm my address</a></td></tr>'
               f'<tr><td>The link works for 24 hours.<br>If it was not you, ignore it.</td></tr>'
               f'<tr><td>The Bazaar team</td></tr></table></body></html>')
BAZAAR_TEXT = (f"Hello Ola,\n\nThank you for registering.\n\nConfirm my address:\n{LINK}\n\n"
               f"The link works for 24 hours.\nIf it was not you, ignore it.\n\nThe Bazaar team\n")


def test_a_plain_text_part_that_says_what_the_html_part_says_or_less_passes() -> None:
    check_text_part_says_nothing_else(Said(), letter(BAZAAR_TEXT, BAZAAR_HTML))
    check_text_part_says_nothing_else(Said(), letter("Hello Ola,\nThe Bazaar team", BAZAAR_HTML))
    # A link written out where the HTML part has its text ("Use this link to confirm"), in capitals.
    check_text_part_says_nothing_else(Said(), letter(
        f"USE {LINK} to confirm your email address.\nThis link will expire in 1 day.",
        f'<p>Use <a href="{LINK}">this link</a> to confirm your email address.</p>'
        f'<p>This link will expire in 1 day.</p>'))
    check_text_part_says_nothing_else(Said(), letter("Anything at all", ""))  # plain text alone


@pytest.mark.parametrize(("text", "extra"), [
    (BAZAAR_TEXT.replace("The Bazaar team", "The Shopster team"), ["shopster"]),
    (BAZAAR_TEXT.replace("24 hours", "48 hours"), ["48"]),
    (BAZAAR_TEXT.replace(LINK, LINK[:30] + "\n" + LINK[30:]), ["abc"]),
    (BAZAAR_TEXT.replace("Hello Ola", "Hello Marek"), ["marek"]),
])
def test_a_word_only_the_plain_text_has_is_a_difference_named_in_the_failure(text: str, extra: list[str]) -> None:
    assert words_only_in_text(letter(text, BAZAAR_HTML)) == extra
    with pytest.raises(ExpectationFailed, match=f"REG-13: expected .* to tell nothing its HTML part does not; "
                                                f"only the plain text has: {extra[0]}"):
        check_text_part_says_nothing_else(Said(), letter(text, BAZAAR_HTML))


def test_the_words_of_a_style_or_script_are_not_what_the_html_part_says() -> None:
    html = "<style>.shopster { color: red }</style><script>var marek = 1;</script><p>Hello</p>"
    assert words_only_in_text(letter("Hello shopster marek", html)) == ["shopster", "marek"]
