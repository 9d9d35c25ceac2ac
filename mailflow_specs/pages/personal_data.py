"""The personal data page behind "Edit profile" (CONF-04..CONF-08), read-only or editable."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label


class PersonalDataPage(Screen):
    @property
    def title(self) -> Locator:
        return self.heading(Label.PERSONAL_DATA_HEADING)

    @property
    def name_field(self) -> Locator:
        return self.page.get_by_role("textbox", name=self.labels[Label.PROFILE_NAME], exact=True)

    def address(self, email: str) -> Locator:
        """The shopper's address as the page shows it."""
        return self.main.get_by_text(email, exact=True)

    @property
    def unconfirmed_label(self) -> Locator:
        return self.main.get_by_text(self.labels[Label.UNCONFIRMED_EMAIL], exact=True)

    @property
    def confirm_button(self) -> Locator:
        return self.main_control(Label.CLICK_TO_CONFIRM)

    @property
    def edit_button(self) -> Locator:
        return self.main_control(Label.EDIT)

    @property
    def notice(self) -> Locator:
        return self.page.get_by_role("status")

    def ask_for_confirmation(self) -> None:
        self.confirm_button.click()

    def edit(self) -> None:
        self.edit_button.click()

    def save_name(self, name: str) -> None:
        self.name_field.fill(name)
        self.main_control(Label.SAVE_PROFILE).click()
