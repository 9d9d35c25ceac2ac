"""The shopper and her letters: find one in the mailbox site, open it, follow its link.

The letters are read through Mailpit (waiting for a *new* one to the shopper's own
address) and opened in the webmail site exactly as the recipient would see them.
"""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow.mail.mailbox import Letter
from mailflow.pages.webmail import WebmailPage
from mailflow.scenario.personas import Persona
from mailflow.scenario.world import World


def await_letter(world: World, persona: Persona, subject_key: str, instruction: str) -> Letter:
    """Wait for the next letter to the persona whose subject is the profile's ``subject_key``."""
    letter = world.mailbox.new_letter(persona.email, world.text(subject_key), instruction=instruction)
    world.letters[persona.first_name] = letter
    return letter


def open_in_mailbox(world: World, persona: Persona, letter: Letter) -> WebmailPage:
    """Open the persona's mailbox site and the letter in it, as she would."""
    webmail = WebmailPage(world.page, world.endpoints.webmail_url)
    webmail.open_inbox(persona.email)
    webmail.open_letter(letter)
    expect(webmail.page.get_by_role("heading", name=letter.subject)).to_be_visible()
    return webmail


def follow_link(world: World, persona: Persona, link_key: str) -> None:
    """Follow the link called ``link_key`` in the letter the persona last opened."""
    letter = world.letters[persona.first_name]
    webmail = open_in_mailbox(world, persona, letter)
    webmail.follow_link(world.text(link_key))


def confirm_from_letter(world: World, persona: Persona) -> None:
    """Follow the big link of the persona's confirmation letter and land on the confirmed page."""
    follow_link(world, persona, "confirm_link")
    heading = world.page.get_by_role("heading", name=world.text("email_confirmed"))
    expect(heading, "REG-14: the confirmation page").to_be_visible()
