"""A letter is read the same way whichever catcher caught it; the profile names only known catchers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.mail import catchers
from mailflow_specs.mail.letter import Heading, Letter, Mailer, subject_matches
from mailflow_specs.targets import profile

HTML = ('<p>Welcome</p><a href="http://shop.test/confirm/abc">Confirm your address</a>'
        '<a href="http://shop.test/help">Help</a>')


def letter(text: str = "", html: str = HTML) -> Letter:
    heading = Heading("L1", "Confirm your email address", Mailer("no-reply@shop.test", "Shop"),
                      (Mailer("ola@example.com"),), datetime(2026, 12, 6, tzinfo=UTC),
                      copies=(Mailer("Archive@Example.com"),))
    return Letter.of(heading, text, html)


def test_a_link_is_found_by_its_text_or_by_a_part_or_pattern_of_its_url() -> None:
    found = letter()
    assert found.link("confirm your") == "http://shop.test/confirm/abc"
    assert found.link_matching("/help") == "http://shop.test/help"
    assert found.link_matching(r"/confirm/\w+$/") == "http://shop.test/confirm/abc"


def test_a_link_that_is_not_there_fails_listing_the_links_the_letter_has() -> None:
    with pytest.raises(ExpectationFailed, match=r"(?s)found 0\..*confirm/abc.*'Confirm your address'"):
        letter().link("Activate")


def test_a_plain_text_letter_gives_its_links_and_its_one_code() -> None:
    plain = letter("Your code: 482913\nOr open http://shop.test/code/xyz", "")
    assert plain.is_plain_text and plain.links() == ["http://shop.test/code/xyz"]
    assert plain.code() == "482913"


def test_a_letter_without_a_code_fails_quoting_its_text() -> None:
    with pytest.raises(ExpectationFailed, match=r"found none\. Its text: 'Welcome Confirm your address"):
        letter().code()


def test_a_letter_is_addressed_to_its_recipients_and_copies_whatever_the_letter_case() -> None:
    heading = letter().heading
    assert heading.is_addressed_to("OLA@example.com") and heading.is_addressed_to("archive@example.com")
    assert not heading.is_addressed_to("marek@example.com")


@pytest.mark.parametrize(("subject", "wanted", "matches"), [
    ("Confirm your email address", "Confirm your", True),
    ("Confirm your email address", "confirm your", False),
    ("Potwierdź swój adres", "/^Potwierd[zź]/", True),
    ("Your activation letter", "/^Confirm/", False),
])
def test_a_subject_is_a_part_of_it_or_a_pattern(subject: str, wanted: str, matches: bool) -> None:
    assert subject_matches(subject, wanted) is matches


def test_the_profile_names_exactly_the_catchers_the_mail_package_has() -> None:
    assert set(profile.CATCHERS) == set(catchers.NAMES)
    assert profile.DEFAULT_CATCHER == catchers.DEFAULT


def test_an_unknown_catcher_is_a_profile_error_naming_the_known_ones() -> None:
    with pytest.raises(Exception, match="'mailpit' or 'maildev'; got 'mailhog'"):
        catchers.server("mailhog")


def test_every_letter_text_the_readme_calls_a_pattern_works_as_one() -> None:
    from mailflow_specs.mail.letter import sender_matches, subject_matches, text_matches

    assert subject_matches("Confirm your email", "/^Confirm (your|the) e-?mail$/")
    assert not subject_matches("Please confirm", "/^Confirm/")
    assert sender_matches("No-Reply@Shop.example", "/@shop\\.example$/")
    assert sender_matches("no-reply@shop.example", "NO-REPLY@shop.example")
    assert not sender_matches("mallory@elsewhere.example", "/@shop\\.example$/")
    assert text_matches("Confirm my account", "/confirm (my )?account/")
