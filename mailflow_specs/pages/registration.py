"""The registration form (REG-02..REG-10) and its success window (REG-11, REG-12)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator

from mailflow_specs.actors.personas import Persona
from mailflow_specs.pages.screen import Screen, accessible_name, contained_text
from mailflow_specs.targets.labels import Label


@dataclass
class Entries:
    """What a shopper types into the registration form."""

    name: str
    email: str
    password: str
    password_repeat: str
    captcha_answer: str
    membership: bool | None = True  # None: the tick left as the form shows it

    @classmethod
    def for_persona(cls, persona: Persona, captcha_answer: str) -> Entries:
        return cls(persona.full_name, persona.email, persona.password, persona.password,
                   captcha_answer)


# Scripts that write a name without a space between its parts, the family name first
# (Chinese and Japanese characters, Japanese kana, Korean hangul).
NAME_WITHOUT_SPACES = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]{2,}$")


def split_name(name: str, parts: int) -> list[str]:
    """A name for a form that asks for it in ``parts`` fields (first name, then last): the
    first word in the first field, the rest in the last. A name written without spaces in
    a script that puts the family name first (王美) is typed as its bearer would: the given
    name (美) first, the family name (its first character, 王) last."""
    words = name.split(" ", parts - 1)
    if len(words) == 1 and parts > 1 and NAME_WITHOUT_SPACES.match(name):
        return [name[1:]] + [""] * (parts - 2) + [name[0]]
    return words + [""] * (parts - len(words))


# Fields that belong to a feature a target may not have at all (profile ``[absent]``).
FEATURE_OF_FIELD = {Label.CAPTCHA_ANSWER: "captcha", Label.MEMBERSHIP: "membership"}


class RegistrationPage(Screen):
    def field(self, key: str) -> Locator:
        """A field by its label key; "name" is the first of the name fields where the target
        asks for the name in several."""
        if key == Label.MEMBERSHIP:
            return self.page.get_by_role("checkbox", name=accessible_name(self.labels[Label.MEMBERSHIP]))
        return super().field(key)

    def name_part(self, index: int) -> Locator:
        return self.page.get_by_label(accessible_name(self.profile.name_fields[index]))

    def has_field(self, key: str) -> bool:
        """Whether the target's form has this field at all (no CAPTCHA field without a CAPTCHA)."""
        return self.profile.has_feature(FEATURE_OF_FIELD.get(key, ""))

    def name_fields(self, name: str) -> list[tuple[Locator, str]]:
        """Each name field and what it holds for ``name``: one field, or the first word in the
        first field and the rest in the last (``[labels] name = ["First Name", "Last Name"]``)."""
        parts = len(self.profile.name_fields)
        if parts <= 1:
            return [(self.field(Label.NAME), name)]
        return [(self.name_part(i), word) for i, word in enumerate(split_name(name, parts))]

    @property
    def form_heading(self) -> Locator:
        return self.heading(Label.REGISTRATION_HEADING)

    @property
    def captcha_image(self) -> Locator:
        return self.page.get_by_role("img", name=self.labels[Label.CAPTCHA_IMAGE])

    def captcha_source(self) -> str:
        return self.captcha_image.get_attribute("src") or ""

    def fill(self, entries: Entries) -> None:
        for field, value in self.name_fields(entries.name):
            field.fill(value)
        for key in (Label.EMAIL, Label.PASSWORD, Label.PASSWORD_REPEAT, Label.CAPTCHA_ANSWER):
            if self.has_field(key):
                self.field(key).fill(getattr(entries, key))
        if self.has_field(Label.MEMBERSHIP) and entries.membership is not None:
            self.field(Label.MEMBERSHIP).set_checked(entries.membership)

    def create_profile(self) -> None:
        self.press(Label.CREATE_PROFILE)

    def use_suggested_spelling(self) -> None:
        self.press(Label.USE_SUGGESTION)

    @property
    def success_dialog(self) -> Locator:
        """The dialog named "Registration successful" itself (keyboard use of the window)."""
        return self.page.get_by_role("dialog", name=contained_text(self.labels[Label.REGISTRATION_SUCCEEDED]))

    @property
    def success_window(self) -> Locator:
        """The dialog named "Registration successful", else (a target without a dialog) the
        page's main part saying it."""
        dialog = self.success_dialog
        saying_it = self.main.filter(has_text=contained_text(self.labels[Label.REGISTRATION_SUCCEEDED]))
        return dialog.or_(saying_it.filter(has_not=self.page.get_by_role("dialog"))).first

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
