"""Keyboard use of the success window and the support chat, as domain verbs.

A shopper who does not use a mouse reaches every control with Tab, sends with Enter and
closes a window with Escape; these verbs do only that, never a click.
"""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from mailflow_specs.actors.world import World
from mailflow_specs.errors import NotApplicable
from mailflow_specs.pages.keyboard import press, tab_to, type_text
from mailflow_specs.pages.registration import RegistrationPage
from mailflow_specs.pages.support import ChatPage
from mailflow_specs.targets.labels import Label


def success_dialog(world: World) -> Locator:
    """The success window as a window (a dialog). A target that announces the registration in
    the page itself (a flashed message) has no window to take the focus or to close: the
    keyboard scenarios of the window do not apply there, said so, not failed nor passed."""
    page = RegistrationPage(world.page, world.profile)
    expect(page.success_window, world.said("the success message")).to_be_visible()
    if not page.success_dialog.count():
        raise NotApplicable("the target announces the registration in the page, not in a window "
                            "(no dialog): there is no window to take the keyboard focus or to close with Escape")
    return page.success_dialog


def close_with_escape(world: World) -> None:
    success_dialog(world)
    press(world.page, "Escape")


def write_to_support_by_keyboard(world: World, text: str) -> None:
    """Tab to the message box, type the message, Tab to "Send" and press Enter."""
    chat = ChatPage(world.page, world.profile)
    tab_to(world.page, chat.field(Label.CHAT_MESSAGE), "the message box of the chat")
    type_text(world.page, text)
    tab_to(world.page, chat.main_control(Label.CHAT_SEND), 'the chat\'s "Send" button')
    press(world.page, "Enter")
