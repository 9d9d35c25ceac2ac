"""The shopper's mailbox site (REG-12, REG-13): part of the reference environment."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import FrameLocator, Locator, Page

from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.screen import contained_text


class WebmailPage:
    def __init__(self, page: Page, webmail_url: str) -> None:
        self.page = page
        self.webmail_url = webmail_url.rstrip("/")

    def open_inbox(self, address: str) -> None:
        self.page.goto(f"{self.webmail_url}/inbox/{quote(address, safe='@')}")

    def inbox_heading(self, address: str) -> Locator:
        return self.page.get_by_role("heading", name=f"Inbox of {address}")

    def letter_heading(self, subject: str) -> Locator:
        return self.page.get_by_role("heading", name=subject)

    def letter_entry(self, subject: str) -> Locator:
        return self.page.get_by_role("list", name="Letters").get_by_role("link", name=subject)

    def open_letter(self, letter: Letter) -> None:
        """Open this very letter from the inbox list, as the shopper would.

        The click returns once the letter's page is committed, before its style sheet and the
        letter's frame are in: a click in the frame then could land where the link was a moment
        before and open nothing (seen under load). The page's load event waits for both."""
        self.page.get_by_test_id(f"letter-{letter.id}").click()
        self.page.wait_for_load_state("load")

    @property
    def letter_frame(self) -> FrameLocator:
        return self.page.get_by_title("Letter", exact=True).content_frame

    def link_in_letter(self, text: str) -> Locator:
        """The letter's link named ``text`` (a part of its name), or matching it, written ``/…/``."""
        return self.letter_frame.get_by_role("link", name=contained_text(text))

    def link_to(self, url: str) -> Locator:
        """The letter's link to exactly this URL (for a link the profile finds by its URL)."""
        return self.letter_frame.get_by_role("link").and_(self.letter_frame.locator(f'[href="{url}"]'))

    def follow_link(self, text: str) -> None:
        self.link_in_letter(text).click()
