"""The shopper and her letters: find one in the mailbox site, open it, follow its link.

The letters are read through Mailpit (waiting for a *new* one to the shopper's own
address) and opened in the webmail site exactly as the recipient would see them.
"""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mailflow_specs.actors.reliance import relies_on
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.errors import ExpectationFailed, StepMismatch
from mailflow_specs.flows.letter_checks import check_letter
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.screen import Screen
from mailflow_specs.pages.webmail import WebmailPage
from mailflow_specs.targets.labels import Label


def await_letter(world: World, shopper: Shopper, subject_key: str, *,
                 address: str | None = None) -> Letter:
    """Wait for the next letter to the shopper (at ``address``, else her current one) whose
    subject is the profile's ``subject_key``; it becomes the letter she opens next. A failure
    names the scenario's own instructions."""
    to = address or shopper.email
    letter = world.mailbox.new_letter(to, world.text(subject_key), instruction=", ".join(world.instructions))
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


# The letter each link is in, by the profile's subject key (the code letter's link is left to the
# letter she last received: it goes to the new address).
LETTER_OF_LINK = {Label.CONFIRM_LINK: Label.CONFIRMATION_SUBJECT, Label.ACTIVATE_LINK: Label.ACTIVATION_SUBJECT,
                  Label.EMAIL_CHANGE_LINK: Label.EMAIL_CHANGE_LINK_SUBJECT}


def latest_letter(world: World, shopper: Shopper, subject_key: str, *, address: str | None = None) -> Letter:
    """Her letter with the profile's ``subject_key`` (at ``address``, else her current one): the
    last such letter the scenario has read (whatever other letter came after it), else the one
    that arrives now."""
    subject, to = world.text(subject_key), address or shopper.email
    received = [letter for letter in world.mailbox.read if subject in letter.subject and to in letter.recipients]
    return received[-1] if received else await_letter(world, shopper, subject_key, address=address)


def follow_link(world: World, shopper: Shopper, link_key: str, *, letter: Letter | None = None) -> None:
    """Follow the link called ``link_key`` in ``letter``, else in her letter of that kind (the
    big link in her confirmation letter, even if a letter of another kind came after it)."""
    if letter is None and link_key in LETTER_OF_LINK:
        letter = latest_letter(world, shopper, LETTER_OF_LINK[link_key])
    letter = letter or shopper.last_letter
    if letter is None:
        raise StepMismatch(f"{shopper.first_name} follows a link before any letter reached her.")
    webmail = open_in_mailbox(world, letter)
    pattern = world.profile.links.get(link_key)
    if pattern:  # the profile finds this link by its URL (a plain-text letter has no link text)
        world.page.goto(letter.link_matching(pattern))
    else:
        webmail.follow_link(world.text(link_key))


def link_in_letter(world: World, letter: Letter, link_key: str) -> Locator:
    """The one link ``link_key`` of the letter open in the mailbox site, by its text or, where
    the profile says so, by its URL; a plain-text letter has no link to show big."""
    pattern = world.profile.links.get(link_key)
    url = letter.link_matching(pattern) if pattern else letter.link(world.text(link_key))
    if letter.is_plain_text:
        raise ExpectationFailed(
            f"{world.said('the link in the letter')}: expected a link shown big; the letter "
            f'"{letter.subject}" is plain text, its link a line of text ({url}).')
    webmail = WebmailPage(world.page, world.endpoints.webmail_url)
    return webmail.link_to(url) if pattern else webmail.link_in_letter(world.text(link_key))


@relies_on("REG-14")
def confirm_from_letter(world: World, shopper: Shopper) -> None:
    """Follow the big link of her confirmation letter and land on the confirmed page."""
    follow_link(world, shopper, Label.CONFIRM_LINK)
    heading = Screen(world.page, world.profile).heading(Label.EMAIL_CONFIRMED)
    expect(heading, world.said("the confirmation page")).to_be_visible()
