"""Keyboard use of the success window and the support chat, as domain verbs.

A shopper who does not use a mouse reaches every control with Tab, sends with Enter and
closes a window with Escape; these verbs do only that, never a click.
"""

from __future__ import annotations

from mailflow.pages.keyboard import press, tab_to, type_text
from mailflow.pages.support import ChatPage
from mailflow.scenario.world import World
from mailflow.targets.labels import Label


def close_with_escape(world: World) -> None:
    press(world.page, "Escape")


def write_to_support_by_keyboard(world: World, text: str) -> None:
    """Tab to the message box, type the message, Tab to "Send" and press Enter."""
    chat = ChatPage(world.page, world.profile)
    tab_to(world.page, chat.field(Label.CHAT_MESSAGE), "the message box of the chat")
    type_text(world.page, text)
    tab_to(world.page, chat.main_control(Label.CHAT_SEND), 'the chat\'s "Send" button')
    press(world.page, "Enter")
