"""What every screen of a target shares: its header and named controls."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from mailflow.targets.labels import Label
from mailflow.targets.profile import TargetProfile


class Screen:
    def __init__(self, page: Page, profile: TargetProfile) -> None:
        self.page = page
        self.profile = profile
        self.labels = profile.labels

    def control(self, name: str, *, within: Locator | Page | None = None) -> Locator:
        """A link or a button named ``name``: targets differ in which they use, and some
        add a decoration ("Profile settings ›") to the name."""
        scope = within if within is not None else self.page
        named = accessible_name(name)
        return scope.get_by_role("link", name=named).or_(scope.get_by_role("button", name=named))

    def main_control(self, key: str) -> Locator:
        """The link or button ``key`` of the page's main part (not the header's)."""
        return self.control(self.labels[key], within=self.main)

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def heading(self, key: str) -> Locator:
        return self.page.get_by_role("heading", name=self.labels[key])

    @property
    def header(self) -> Locator:
        return self.page.get_by_role("banner")

    def header_control(self, key: str) -> Locator:
        return self.control(self.labels[key], within=self.header)

    def open_home(self) -> None:
        self.page.goto(self.profile.route("home"))

    def press(self, key: str) -> None:
        self.control(self.labels[key]).click()

    def follow(self, key: str) -> None:
        """Follow the link or button ``key`` of the page's main part (not the header's)."""
        self.main_control(key).click()

    def field(self, key: str) -> Locator:
        """The form field labelled with the text ``key``."""
        return self.page.get_by_label(self.labels[key], exact=True)

    def sign_in(self, email: str, password: str) -> None:
        """Fill in a sign-in form (the shoppers' or the support console's) and send it."""
        self.field(Label.EMAIL).fill(email)
        self.field(Label.PASSWORD).fill(password)
        self.main_control(Label.SIGN_IN_BUTTON).click()


def accessible_name(label: str) -> re.Pattern[str]:
    """The label as a whole accessible name, allowing a trailing decoration such as › or →."""
    return re.compile(rf"^\s*{re.escape(label)}(\s*[^\w\s]{{1,2}})?\s*$")
