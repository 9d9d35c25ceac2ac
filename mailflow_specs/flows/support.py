"""The support chat as domain verbs (CHG-09): the shopper's side and the agent's side.

The agent (``mailflow_specs.actors.support_agent``) works in a browser of their own, signed in to the
console with an account the target's staff seam creates; both pages stay open, so a
message that appears on the other side did so without a reload.
"""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.support_agent import SupportAgent
from mailflow_specs.actors.world import World
from mailflow_specs.flows.email_change import open_change_email
from mailflow_specs.pages.support import ChatPage, ConsolePage
from mailflow_specs.targets.labels import Label

# What the shopper and the agent write: the conversation the guide leaves to them.
LOST_MAILBOX = "Hello, I can no longer open my old mailbox. Please change my email address."
PROVE_IT = "Of course. Please tell me the name on your account and your current address."


def open_chat(world: World) -> ChatPage:
    """"Change email address" → "Contact support": the chat opens (CHG-09)."""
    open_change_email(world).contact_support.click()
    chat = ChatPage(world.page, world.profile)
    expect(chat.heading(Label.SUPPORT_CHAT_HEADING), world.said("the chat with customer support")).to_be_visible()
    return chat


def shopper_chat(world: World) -> ChatPage:
    return ChatPage(world.page, world.profile)


def agent_at_console(world: World) -> SupportAgent:
    """An agent signed in to the console in a browser of their own (close it when done)."""
    email, password = world.seams.create_staff_member()
    agent = SupportAgent(email, world.browsing.open())
    console = console_of(world, agent)
    console.open()
    console.sign_in(email, password)
    expect(console.heading(Label.CONSOLE_HEADING), world.said("the support console")).to_be_visible()
    return agent


def console_of(world: World, agent: SupportAgent | None = None) -> ConsolePage:
    """The console as the scenario's agent (or ``agent``) sees it."""
    return ConsolePage((agent or world.agent).page, world.profile)


def agent_opens_chat(world: World, shopper: Shopper) -> None:
    console = console_of(world)
    console.open_chat_with(shopper.full_name, shopper.email)
    expect(console.conversation, "CHG-09: the shopper's chat in the console").to_be_visible()


def check_console_shows_address(world: World, shopper: Shopper, *, nothing_waiting: bool = False,
                                agent: SupportAgent | None = None) -> None:
    """Her chat at the console shows the address she goes by now (and, with ``nothing_waiting``,
    no new one waiting for its code)."""
    console = console_of(world, agent)
    console.open()
    console.open_chat_with(shopper.full_name, shopper.email)
    expect(console.account_facts, world.said(f"{shopper.first_name}'s address at the console")).to_contain_text(
        shopper.email)
    if nothing_waiting:
        expect(console.account_facts, world.said("nothing waits for a code at the console")).not_to_contain_text(
            world.text(Label.CONSOLE_PENDING))


def message_about_lost_mailbox(shopper: Shopper) -> str:
    return f"{LOST_MAILBOX} I am {shopper.full_name}, my address is {shopper.email}."
