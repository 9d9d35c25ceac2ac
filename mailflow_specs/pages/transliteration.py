"""The transliteration aid of REG-05."""

from __future__ import annotations

from playwright.sync_api import Locator

from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label


class TransliterationPage(Screen):
    @property
    def input_box(self) -> Locator:
        return self.field(Label.TRANSLITERATION_INPUT)

    @property
    def output_box(self) -> Locator:
        return self.field(Label.TRANSLITERATION_OUTPUT)

    def transliterate(self, text: str) -> None:
        self.input_box.fill(text)
        self.press(Label.TRANSLITERATE)
