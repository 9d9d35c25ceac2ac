"""A blocked account's notice and the steps of the appeal for reactivation (CONF-09, CONF-10)."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow.pages.screen import Screen


class BlockedNoticePage(Screen):
    @property
    def title(self) -> Locator:
        return self.heading("account_blocked")

    @property
    def appeal_control(self) -> Locator:
        return self.main_control("appeal")


class ProveItIsYouPage(Screen):
    """First step of the appeal: the account's password."""

    @property
    def title(self) -> Locator:
        return self.heading("appeal_prove_heading")

    @property
    def password(self) -> Locator:
        return self.field("appeal_password")

    def prove(self, password: str) -> None:
        self.password.fill(password)
        self.press("appeal_continue")


class ActivationChoicePage(Screen):
    """Second step: where the activation letter goes (the registered address)."""

    @property
    def title(self) -> Locator:
        return self.heading("appeal_choose_heading")

    @property
    def send_to_registered_address(self) -> Locator:
        return self.main_control("send_activation_letter")
