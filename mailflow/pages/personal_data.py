"""The personal data page behind "Edit profile" (CONF-04..CONF-08), read-only or editable."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow.pages.screen import Screen


class PersonalDataPage(Screen):
    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    @property
    def title(self) -> Locator:
        return self.heading("personal_data_heading")

    @property
    def name_field(self) -> Locator:
        return self.page.get_by_role("textbox", name=self.labels["profile_name"], exact=True)

    @property
    def unconfirmed_label(self) -> Locator:
        return self.main.get_by_text(self.labels["unconfirmed_email"], exact=True)

    @property
    def confirm_button(self) -> Locator:
        return self.control(self.labels["click_to_confirm"], within=self.main)

    @property
    def edit_button(self) -> Locator:
        return self.control(self.labels["edit"], within=self.main)

    @property
    def notice(self) -> Locator:
        return self.page.get_by_role("status")

    def ask_for_confirmation(self) -> None:
        self.confirm_button.click()

    def edit(self) -> None:
        self.edit_button.click()

    def save_name(self, name: str) -> None:
        self.name_field.fill(name)
        self.control(self.labels["save_profile"], within=self.main).click()
