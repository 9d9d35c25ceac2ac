"""The registration form (REG-02..REG-10) and its success window (REG-11, REG-12)."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator

from mailflow.pages.screen import Screen
from mailflow.scenario.personas import Persona
from mailflow.targets.labels import Label


@dataclass
class Entries:
    """What a shopper types into the registration form."""

    name: str
    email: str
    password: str
    password_repeat: str
    captcha_answer: str
    membership: bool = True

    @classmethod
    def for_persona(cls, persona: Persona, captcha_answer: str) -> Entries:
        return cls(persona.full_name, persona.email, persona.password, persona.password,
                   captcha_answer)


class RegistrationPage(Screen):
    def field(self, key: str) -> Locator:
        if key == Label.MEMBERSHIP:
            return self.page.get_by_role("checkbox", name=self.labels[Label.MEMBERSHIP])
        return super().field(key)

    @property
    def form_heading(self) -> Locator:
        return self.heading(Label.REGISTRATION_HEADING)

    @property
    def captcha_image(self) -> Locator:
        return self.page.get_by_role("img", name=self.labels[Label.CAPTCHA_IMAGE])

    def captcha_source(self) -> str:
        return self.captcha_image.get_attribute("src") or ""

    def fill(self, entries: Entries) -> None:
        for key in (Label.NAME, Label.EMAIL, Label.PASSWORD, Label.PASSWORD_REPEAT, Label.CAPTCHA_ANSWER):
            self.field(key).fill(getattr(entries, key))
        self.field(Label.MEMBERSHIP).set_checked(entries.membership)

    def create_profile(self) -> None:
        self.press(Label.CREATE_PROFILE)

    def use_suggested_spelling(self) -> None:
        self.press(Label.USE_SUGGESTION)

    @property
    def success_window(self) -> Locator:
        return self.page.get_by_role("dialog", name=self.labels[Label.REGISTRATION_SUCCEEDED])

    @property
    def small_print(self) -> Locator:
        """The success window's line that announces the confirmation letter (REG-11)."""
        return self.success_window.get_by_text(self.labels[Label.CONFIRMATION_LETTER_SENT])

    def font_size(self, locator: Locator) -> float:
        """The element's computed font size in CSS pixels."""
        return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))

    @property
    def view_mailbox(self) -> Locator:
        """"View" in the success window: opens the shopper's mailbox site (REG-12)."""
        return self.control(self.labels[Label.VIEW_MAILBOX], within=self.success_window)
