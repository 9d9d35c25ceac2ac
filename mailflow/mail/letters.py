"""The shopper and her letters: find one in the mailbox site, open it, follow its link.

The letters are read through Mailpit (waiting for a *new* one to the shopper's own
address) and opened in the webmail site exactly as the recipient would see them.
"""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow.errors import StepMismatch
from mailflow.mail.letter_checks import check_letter
from mailflow.mail.mailbox import Letter
from mailflow.pages.screen import Screen
from mailflow.pages.webmail import WebmailPage
from mailflow.scenario.shopper import Shopper
from mailflow.scenario.world import World
from mailflow.targets.labels import Label


def await_letter(world: World, shopper: Shopper, subject_key: str, instruction: str, *,
                 address: str | None = None) -> Letter:
    """Wait for the next letter to the shopper (at ``address``, else her current one) whose
    subject is the profile's ``subject_key``; it becomes the letter she opens next."""
    to = address or shopper.email
    letter = world.mailbox.new_letter(to, world.text(subject_key), instruction=instruction)
    check_letter(world, letter, to)
    shopper.last_letter = letter
    return letter


def open_in_mailbox(world: World, letter: Letter) -> WebmailPage:
    """Open the recipient's mailbox site and the letter in it, as she would."""
    webmail = WebmailPage(world.page, world.endpoints.webmail_url)
    webmail.open_inbox(letter.recipients[0])
    webmail.open_letter(letter)
    expect(webmail.letter_heading(letter.subject)).to_be_visible()
    return webmail


def follow_link(world: World, shopper: Shopper, link_key: str, *, letter: Letter | None = None) -> None:
    """Follow the link called ``link_key`` in ``letter`` (else the one she last received)."""
    letter = letter or shopper.last_letter
    if letter is None:
        raise StepMismatch(f"{shopper.first_name} follows a link before any letter reached her.")
    open_in_mailbox(world, letter).follow_link(world.text(link_key))


def confirm_from_letter(world: World, shopper: Shopper) -> None:
    """Follow the big link of her confirmation letter and land on the confirmed page."""
    follow_link(world, shopper, Label.CONFIRM_LINK)
    heading = Screen(world.page, world.profile).heading(Label.EMAIL_CONFIRMED)
    expect(heading, "REG-14: the confirmation page").to_be_visible()
