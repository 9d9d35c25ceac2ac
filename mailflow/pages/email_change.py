"""The screens of changing the address (CHG-02..CHG-08): the two ways, the new address, the code."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow.pages.screen import Screen


class ChangeEmailPage(Screen):
    """"Change email address": verify through the current address, or contact support."""

    @property
    def verify_now(self) -> Locator:
        return self.control(self.labels["verify_now"], within=self.page.get_by_role("main"))

    @property
    def contact_support(self) -> Locator:
        return self.control(self.labels["contact_support"], within=self.page.get_by_role("main"))


class NewAddressPage(Screen):
    """The form the link from the old mailbox opens (CHG-05, CHG-06)."""

    @property
    def new_address(self) -> Locator:
        return self.page.get_by_label(self.labels["new_address"], exact=True)

    def send_request(self, address: str) -> None:
        self.new_address.fill(address)
        self.press("send_request")


class ConfirmationCodePage(Screen):
    """The field for the code the new address received (CHG-07)."""

    @property
    def code(self) -> Locator:
        return self.page.get_by_label(self.labels["confirmation_code"], exact=True)

    def confirm(self, code: str) -> None:
        self.code.fill(code)
        self.control(self.labels["confirm_code"], within=self.page.get_by_role("main")).click()
