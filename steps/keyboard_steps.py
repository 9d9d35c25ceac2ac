"""Steps of keyboard use (REG-11 success window, CHG-09 support chat): no mouse at all."""

from behave import then, when
from playwright.sync_api import expect

from mailflow_specs.flows.keyboard import close_with_escape, success_dialog, write_to_support_by_keyboard
from mailflow_specs.flows.support import message_about_lost_mailbox, shopper_chat
from mailflow_specs.pages.keyboard import focus_within, focused_element
from mailflow_specs.pages.registration import RegistrationPage
from mailflow_specs.targets.labels import Label


@when("{who:Shopper} presses the Escape key")
def step_when_presses_escape(context, who):
    context.world.shopper(who)
    close_with_escape(context.world)


@when("{who:Shopper} writes with the keyboard alone that {she:Pronoun} can no longer open {her:Pronoun} old mailbox")
def step_when_writes_by_keyboard(context, who, she, her):
    shopper = context.world.shopper(who, she, her)
    write_to_support_by_keyboard(context.world, message_about_lost_mailbox(shopper))


@then("the keyboard focus is in the success window")
def step_then_focus_in_success_window(context):
    window = success_dialog(context.world)
    expect(focus_within(window), "REG-11: the keyboard focus inside the success window").to_have_count(1)


@then("the success window is closed")
def step_then_success_window_closed(context):
    window = RegistrationPage(context.world.page, context.world.profile).success_dialog
    expect(window, "REG-11: the success window after Escape").to_be_hidden()


@then("the keyboard focus is on a control of the page, not lost")
def step_then_focus_not_lost(context):
    expect(focused_element(context.world.page), "the keyboard focus after closing the window").to_be_visible()


@then("the keyboard focus is back in the message box, ready for the next message")
def step_then_focus_in_message_box(context):
    box = shopper_chat(context.world).field(Label.CHAT_MESSAGE)
    expect(box, "CHG-09: the keyboard focus after sending").to_be_focused()
    expect(box, "CHG-09: the message box emptied after sending").to_have_value("")
