"""Signing in, and the account path: My account → Profile settings → Change settings."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label, Route


class SignInPage(Screen):
    def open(self) -> None:
        """The sign-in page: its route, else the home page's "Sign in" control."""
        if Route.SIGN_IN in self.profile.routes:
            self.page.goto(self.profile.route(Route.SIGN_IN))
            return
        self.open_home()
        self.enter(Label.SIGN_IN, Route.SIGN_IN)

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

    def go_to(self, *steps: str, may_route: bool = False) -> None:
        """Follow the path by its label keys, e.g. (Label.MY_ACCOUNT, Label.PROFILE_SETTINGS);
        where ``may_route``, its start may be the profile's ``[routes] account``."""
        first, *rest = steps
        self.enter(first, Route.ACCOUNT, may_route=may_route)
        expect(self.heading(first)).to_be_visible()
        for key in rest:
            self.follow(key)
            expect(self.heading(key)).to_be_visible()
