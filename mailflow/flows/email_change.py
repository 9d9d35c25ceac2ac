"""Changing the address as domain verbs (CHG-01..CHG-08), shared with the support path.

The shopper's new address is made up per scenario; ``world.address_changes`` remembers the
old and the new one, and once the change is confirmed the persona goes by the new address.
"""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow.flows.account import go_to_change_settings
from mailflow.mail.letters import await_letter, follow_link
from mailflow.mail.mailbox import Letter
from mailflow.pages.email_change import (
    ChangeEmailPage,
    ConfirmationCodePage,
    NewAddressPage,
)
from mailflow.scenario.personas import Persona, unique_address
from mailflow.scenario.world import AddressChange, World


def open_change_email(world: World) -> ChangeEmailPage:
    """My account → Profile settings → Change settings → "Change email address" (CHG-01..03)."""
    pages = go_to_change_settings(world)
    pages.control(world.text("change_email"), within=world.page.get_by_role("main")).click()
    page = ChangeEmailPage(world.page, world.profile)
    expect(page.heading("change_email"), "CHG-02: the page to change the address").to_be_visible()
    return page


def planned_change(world: World, persona: Persona) -> AddressChange:
    """The new address the persona means to use (made up once per scenario)."""
    if persona.first_name not in world.address_changes:
        new = unique_address(f"{persona.full_name} new")
        world.address_changes[persona.first_name] = AddressChange(persona.email, new)
    return world.address_changes[persona.first_name]


def at_new_address(world: World, persona: Persona) -> Persona:
    return persona.with_email(planned_change(world, persona).new)


def at_old_address(world: World, persona: Persona) -> Persona:
    return persona.with_email(planned_change(world, persona).old)


def ask_for_link(world: World, persona: Persona) -> Letter:
    """"Verify now", then the letter with the link at the current address (CHG-04, CHG-05)."""
    open_change_email(world).verify_now.click()
    return await_letter(world, persona, "email_change_link_subject", "CHG-05")


def open_new_address_form(world: World, persona: Persona) -> NewAddressPage:
    ask_for_link(world, persona)
    follow_link(world, persona, "email_change_link")
    page = NewAddressPage(world.page, world.profile)
    expect(page.heading("new_address_heading"), "CHG-05: the form for the new address").to_be_visible()
    return page


def send_request(world: World, persona: Persona, address: str | None = None) -> None:
    """Type the new address (the planned one unless given) and press "Send request"."""
    page = NewAddressPage(world.page, world.profile)
    page.send_request(address if address is not None else planned_change(world, persona).new)


def request_change(world: World, persona: Persona) -> None:
    """From "Verify now" up to the field for the code (CHG-04..CHG-06)."""
    open_new_address_form(world, persona)
    send_request(world, persona)
    code_page = ConfirmationCodePage(world.page, world.profile)
    expect(code_page.code, "CHG-07: the field for the code").to_be_visible()


def code_letter(world: World, persona: Persona) -> Letter:
    """The letter with the code at the new address (CHG-07)."""
    return await_letter(world, at_new_address(world, persona), "code_subject", "CHG-07")


def type_code(world: World, code: str) -> None:
    ConfirmationCodePage(world.page, world.profile).confirm(code)


def confirm_from_code_letter(world: World, persona: Persona) -> None:
    """Open the code letter at the new address, follow its link, type the code (support path)."""
    new = at_new_address(world, persona)
    letter = code_letter(world, persona)
    follow_link(world, new, "code_link")
    type_code(world, letter.code())


def now_goes_by_new_address(world: World, persona: Persona) -> Persona:
    """After a confirmed change the persona signs in and gets letters at the new address."""
    moved = at_new_address(world, persona)
    world.personas[persona.first_name] = moved
    return moved


def change_address(world: World, persona: Persona) -> Persona:
    """The whole self-service change, confirmed (CHG-04..CHG-08)."""
    request_change(world, persona)
    type_code(world, code_letter(world, persona).code())
    heading = world.page.get_by_role("heading", name=world.text("email_changed"))
    expect(heading, "CHG-08: the address is changed").to_be_visible()
    return now_goes_by_new_address(world, persona)
