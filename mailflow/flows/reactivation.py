"""A blocked account and the appeal for reactivation (CONF-02, CONF-09..CONF-11) as domain verbs."""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow.flows.account import registered_unconfirmed, sign_in
from mailflow.mail.letters import await_letter, follow_link
from mailflow.mail.mailbox import Letter
from mailflow.pages.appeal import (
    ActivationChoicePage,
    BlockedNoticePage,
    ProveItIsYouPage,
)
from mailflow.scenario.personas import Persona
from mailflow.scenario.world import World

ACTIVATION = "activation_subject"


def let_grace_period_pass(world: World, persona: Persona, *, margin_hours: float = 1) -> None:
    """Age the persona's account by the target's grace period plus ``margin_hours``
    (a negative margin leaves it just inside the period)."""
    hours = world.profile.timing("grace_period_days") * 24 + margin_hours
    world.seams.age_account(persona.email, hours=hours)


def blocked_account(world: World, persona: Persona) -> None:
    registered_unconfirmed(world, persona)
    let_grace_period_pass(world, persona)


def check_blocked_notice(world: World, instruction: str = "CONF-09") -> BlockedNoticePage:
    notice = BlockedNoticePage(world.page, world.profile)
    expect(notice.title, f"{instruction}: the notice that the account is blocked").to_be_visible()
    expect(notice.main, f"{instruction}: why it is blocked").to_contain_text(
        world.text("blocked_because_unconfirmed"))
    return notice


def seen_blocked_notice(world: World, persona: Persona) -> BlockedNoticePage:
    blocked_account(world, persona)
    sign_in(world, persona)
    return check_blocked_notice(world)


def appeal(world: World, password: str) -> ProveItIsYouPage:
    """From the notice: "Appeal for reactivation", then prove it is you with ``password``."""
    BlockedNoticePage(world.page, world.profile).appeal_control.click()
    page = ProveItIsYouPage(world.page, world.profile)
    expect(page.title, "CONF-10: the appeal's first step").to_be_visible()
    page.prove(password)
    return page


def proved_identity(world: World, persona: Persona) -> ActivationChoicePage:
    seen_blocked_notice(world, persona)
    appeal(world, persona.password)
    page = ActivationChoicePage(world.page, world.profile)
    expect(page.title, "CONF-10: the appeal's next step").to_be_visible()
    return page


def choose_registered_address(world: World) -> None:
    ActivationChoicePage(world.page, world.profile).send_to_registered_address.click()
    expect(world.page.get_by_role("main"), "CONF-10: the letter is announced").to_contain_text(
        world.text("activation_letter_sent"))


def received_activation_letter(world: World, persona: Persona) -> Letter:
    proved_identity(world, persona)
    choose_registered_address(world)
    return await_letter(world, persona, ACTIVATION, "CONF-11")


def reactivate_from_letter(world: World, persona: Persona) -> None:
    follow_link(world, persona, "activate_link")
    heading = world.page.get_by_role("heading", name=world.text("account_reactivated"))
    expect(heading, "CONF-11: the account is active again").to_be_visible()
