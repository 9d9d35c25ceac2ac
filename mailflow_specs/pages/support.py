"""The support chat as both sides see it (CHG-09): the conversation, and the agents' console."""

from __future__ import annotations

import re

from playwright.sync_api import Locator

from mailflow_specs.pages.screen import Screen, accessible_name
from mailflow_specs.targets.labels import Capability, Label


class ChatPage(Screen):
    """A live conversation: the shopper's chat page, or the agent's chat in the console."""

    @property
    def conversation(self) -> Locator:
        return self.page.get_by_role("log", name=self.labels[Label.CHAT_CONVERSATION])

    def say(self, text: str) -> None:
        self.field(Label.CHAT_MESSAGE).fill(text)
        self.main_control(Label.CHAT_SEND).click()


class ConsolePage(ChatPage):
    """The support console: its sign-in, the waiting chats, one chat with the account's facts."""

    def open(self) -> None:
        self.page.goto(self.profile.seam(Capability.SUPPORT_CONSOLE))

    def open_chat_with(self, full_name: str, email: str) -> None:
        """The waiting chat of this shopper (many shoppers share a name: her address tells)."""
        parts = (self.labels[Label.CONSOLE_CHAT_WITH], full_name, email)
        self.page.get_by_role("link", name=re.compile(".*".join(re.escape(p) for p in parts))).click()

    @property
    def whole_page(self) -> Locator:
        """Everything the console shows, to check what it must never show."""
        return self.page.locator("body")

    @property
    def account_facts(self) -> Locator:
        return self.page.get_by_role("region", name=self.labels[Label.CONSOLE_ACCOUNT_FACTS])

    def start_change(self, new_address: str) -> None:
        self.field(Label.CONSOLE_NEW_ADDRESS).fill(new_address)
        self.page.get_by_role("button", name=accessible_name(self.labels[Label.CONSOLE_START_CHANGE])).click()
