"""The screens of changing the address (CHG-02..CHG-08): the two ways, the new address, the code."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label


class ChangeEmailPage(Screen):
    """"Change email address": verify through the current address, or contact support."""

    @property
    def verify_now(self) -> Locator:
        return self.main_control(Label.VERIFY_NOW)

    @property
    def contact_support(self) -> Locator:
        return self.main_control(Label.CONTACT_SUPPORT)


class NewAddressPage(Screen):
    """The form the link from the old mailbox opens (CHG-05, CHG-06)."""

    @property
    def new_address(self) -> Locator:
        return self.field(Label.NEW_ADDRESS)

    def send_request(self, address: str) -> None:
        self.new_address.fill(address)
        self.press(Label.SEND_REQUEST)


class ConfirmationCodePage(Screen):
    """The field for the code the new address received (CHG-07)."""

    @property
    def code(self) -> Locator:
        return self.field(Label.CONFIRMATION_CODE)

    def confirm(self, code: str) -> None:
        self.code.fill(code)
        self.main_control(Label.CONFIRM_CODE).click()
