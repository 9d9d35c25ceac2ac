"""Steps of the support chat (CHG-09): the shopper's side and the agent's, live."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.flows.checks import one_after_the_other
from mailflow_specs.flows.email_change import confirm_from_code_letter
from mailflow_specs.flows.support import (
    PROVE_IT,
    agent_at_console,
    agent_opens_chat,
    check_console_shows_address,
    console_of,
    message_about_lost_mailbox,
    open_chat,
    shopper_chat,
)
from mailflow_specs.pages.email_change import ChangeEmailPage
from mailflow_specs.targets.labels import Label


@given("{who:Shopper} is chatting with an agent of customer support")
def step_given_chatting_with_agent(context, who):
    world = context.world
    shopper = world.shopper(who)
    open_chat(world)
    world.agent = agent_at_console(world)
    context.add_cleanup(world.agent.close)
    agent_opens_chat(world, shopper)


@given("the agent has sent a confirmation code to the new address {she:Pronoun} gave")
@when("the agent sends a confirmation code to the new address {she:Pronoun} gave")
def step_agent_starts_change(context, she):
    world = context.world
    console_of(world).start_change(world.shopper(she).planned_change().new)


@when('{who:Shopper} presses "Contact support"')
def step_when_presses_contact_support(context, who):
    context.world.shopper(who)
    ChangeEmailPage(context.world.page, context.world.profile).contact_support.click()


@when("{who:Shopper} writes that {she:Pronoun} can no longer open {her:Pronoun} old mailbox")
def step_when_writes_lost_mailbox(context, who, she, her):
    shopper_chat(context.world).say(message_about_lost_mailbox(context.world.shopper(who, she, her)))


@when("the agent asks {her:Pronoun} to prove who {she:Pronoun} is")
def step_when_agent_asks(context, her, she):
    context.world.shopper(her, she)
    console_of(context.world).say(PROVE_IT)


@given("{who:Shopper} enters the code from the letter at {her:Pronoun} new address")
@when("{who:Shopper} enters the code from the letter at {her:Pronoun} new address")
def step_when_confirms_support_code(context, who, her):
    confirm_from_code_letter(context.world, context.world.shopper(who, her))


@then("a chat with customer support opens")
def step_then_chat_opens(context):
    chat = shopper_chat(context.world)
    expect(chat.heading(Label.SUPPORT_CHAT_HEADING), context.world.said("the chat with customer support")).to_be_visible()
    expect(chat.conversation, context.world.said("the conversation")).to_be_visible()


@then("the agent sees {her:Pronoun} message in the chat without reloading")
def step_then_agent_sees_message(context, her):
    world = context.world
    expect(console_of(world).conversation, world.said("the shopper's message at the console")).to_contain_text(
        message_about_lost_mailbox(world.shopper(her)))


@then("{who:Shopper} sees the agent's message in the chat without reloading")
def step_then_shopper_sees_message(context, who):
    context.world.shopper(who)
    expect(shopper_chat(context.world).conversation, context.world.said("the agent's message")).to_contain_text(PROVE_IT)


@then("the console shows the agent {her:Pronoun} name and address, never {her2:Pronoun} password")
def step_then_console_shows_facts(context, her, her2):
    world = context.world
    shopper = world.shopper(her, her2)
    facts = console_of(world).account_facts
    expect(facts, world.said("the account's name")).to_contain_text(shopper.full_name)
    expect(facts, world.said("the account's address")).to_contain_text(shopper.email)
    expect(console_of(world).whole_page, world.said("never the password")).not_to_contain_text(shopper.password)


@then("the console shows the agent {her:Pronoun} new address, nothing waiting for a code")
def step_then_console_shows_new_address(context, her):
    world = context.world
    change = world.shopper(her).planned_change()
    console = console_of(world)
    console.page.reload()
    expect(console.account_facts, world.said("the new address at the console")).to_contain_text(change.new)
    expect(console.account_facts, world.said("nothing waits for a code")).not_to_contain_text(
        world.text(Label.CONSOLE_PENDING))


@then("the console still shows {her:Pronoun} old address, the new one waiting for its code")
def step_then_console_not_bound(context, her):
    world = context.world
    change = world.shopper(her).planned_change()
    facts = console_of(world).account_facts
    expect(facts, world.said("still the old address")).to_contain_text(change.old)
    expect(facts, world.said("the new address waits for its code")).to_contain_text(
        one_after_the_other(world.text(Label.CONSOLE_PENDING), change.new))




@then("the console shows the agent {her:Pronoun} address as it is now")
def step_then_console_shows_address_now(context, her):
    check_console_shows_address(context.world, context.world.shopper(her))


@then("the console shows the agent {her:Pronoun} address as it is now, nothing waiting for a code")
def step_then_console_shows_address_nothing_waiting(context, her):
    check_console_shows_address(context.world, context.world.shopper(her), nothing_waiting=True)
