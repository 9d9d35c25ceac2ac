"""Steps of the support chat (CHG-09): the shopper's side and the agent's, live."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow.checks import one_after_the_other
from mailflow.flows.email_change import (
    at_new_address,
    at_old_address,
    confirm_from_code_letter,
)
from mailflow.flows.support import (
    PROVE_IT,
    agent_at_console,
    agent_opens_chat,
    message_about_lost_mailbox,
    open_chat,
    shopper_chat,
)
from mailflow.pages.email_change import ChangeEmailPage


def agent_in_chat_with(context, persona):
    """The shopper has opened the chat; an agent opens it at the console (closed at scenario end)."""
    open_chat(context.world)
    context.agent = agent_at_console(context.world)
    context.add_cleanup(context.agent.close)
    agent_opens_chat(context.agent, persona)


@given("{who:Shopper} is chatting with an agent of customer support")
def step_given_chatting_with_agent(context, who):
    agent_in_chat_with(context, context.world.shopper(who))


@given("the agent has sent a confirmation code to the new address {pronoun} gave")
@when("the agent sends a confirmation code to the new address {pronoun} gave")
def step_agent_starts_change(context, pronoun):
    world = context.world
    context.agent.console.start_change(at_new_address(world, world.personas[world.last_named]).email)


@when('{who:Shopper} presses "Contact support"')
def step_when_presses_contact_support(context, who):
    ChangeEmailPage(context.world.page, context.world.profile).contact_support.click()


@when("{who:Shopper} writes that {pronoun} can no longer open {pronoun2} old mailbox")
def step_when_writes_lost_mailbox(context, who, pronoun, pronoun2):
    shopper_chat(context.world).say(message_about_lost_mailbox(context.world.shopper(who)))


@when("the agent asks {pronoun} to prove who {pronoun2} is")
def step_when_agent_asks(context, pronoun, pronoun2):
    context.agent.console.say(PROVE_IT)


@when("{who:Shopper} enters the code from the letter at {pronoun} new address")
def step_when_confirms_support_code(context, who, pronoun):
    confirm_from_code_letter(context.world, context.world.shopper(who))


@then("a chat with customer support opens")
def step_then_chat_opens(context):
    chat = shopper_chat(context.world)
    expect(chat.heading("support_chat_heading"), "CHG-09: the chat with customer support").to_be_visible()
    expect(chat.conversation, "CHG-09: the conversation").to_be_visible()


@then("the agent sees {pronoun} message in the chat without reloading")
def step_then_agent_sees_message(context, pronoun):
    world = context.world
    expect(context.agent.console.conversation, "CHG-09: the shopper's message at the console").to_contain_text(
        message_about_lost_mailbox(world.personas[world.last_named]))


@then("{pronoun} sees the agent's message in the chat without reloading")
def step_then_shopper_sees_message(context, pronoun):
    expect(shopper_chat(context.world).conversation, "CHG-09: the agent's message").to_contain_text(PROVE_IT)


@then("the console shows the agent {pronoun} name and address, never {pronoun2} password")
def step_then_console_shows_facts(context, pronoun, pronoun2):
    persona = context.world.personas[context.world.last_named]
    facts = context.agent.console.account_facts
    expect(facts, "CHG-09: the account's name").to_contain_text(persona.full_name)
    expect(facts, "CHG-09: the account's address").to_contain_text(persona.email)
    expect(context.agent.console.whole_page, "CHG-09: never the password").not_to_contain_text(
        persona.password)


@then("the console still shows {pronoun} old address, the new one waiting for its code")
def step_then_console_not_bound(context, pronoun):
    world = context.world
    persona = world.personas[world.last_named]
    facts = context.agent.console.account_facts
    expect(facts, "CHG-09: still the old address").to_contain_text(at_old_address(world, persona).email)
    expect(facts, "CHG-09: the new address waits for its code").to_contain_text(
        one_after_the_other(world.text("console_pending"), at_new_address(world, persona).email))
