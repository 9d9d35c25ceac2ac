"""Signing in, and the account path: My account → Profile settings → Change settings."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label


class SignInPage(Screen):
    def open(self) -> None:
        self.page.goto(self.profile.route(Label.SIGN_IN))

    @property
    def refusal(self) -> Locator:
        return self.page.get_by_role("alert")


class LinkUnusablePage(Screen):
    """The page that refuses a link from a letter: used, expired or replaced."""

    @property
    def title(self) -> Locator:
        return self.heading(Label.LINK_UNUSABLE)


class AccountPages(Screen):
    """The account's menu pages, each a visible step of the guide's path."""

    def go_to(self, *steps: str) -> None:
        """Follow the path by its label keys, e.g. (Label.MY_ACCOUNT, Label.PROFILE_SETTINGS)."""
        first, *rest = steps
        self.header_control(first).click()
        expect(self.heading(first)).to_be_visible()
        for key in rest:
            self.follow(key)
            expect(self.heading(key)).to_be_visible()
