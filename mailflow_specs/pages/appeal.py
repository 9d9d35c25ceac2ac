"""A blocked account's notice and the steps of the appeal for reactivation (CONF-09, CONF-10)."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label


class BlockedNoticePage(Screen):
    @property
    def title(self) -> Locator:
        return self.heading(Label.ACCOUNT_BLOCKED)

    @property
    def appeal_control(self) -> Locator:
        return self.main_control(Label.APPEAL)


class ProveItIsYouPage(Screen):
    """First step of the appeal: the account's password."""

    @property
    def title(self) -> Locator:
        return self.heading(Label.APPEAL_PROVE_HEADING)

    @property
    def password(self) -> Locator:
        return self.field(Label.APPEAL_PASSWORD)

    def prove(self, password: str) -> None:
        self.password.fill(password)
        self.press(Label.APPEAL_CONTINUE)


class ActivationChoicePage(Screen):
    """Second step: where the activation letter goes (the registered address)."""

    @property
    def title(self) -> Locator:
        return self.heading(Label.APPEAL_CHOOSE_HEADING)

    @property
    def send_to_registered_address(self) -> Locator:
        return self.main_control(Label.SEND_ACTIVATION_LETTER)
