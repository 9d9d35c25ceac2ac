"""Changing the address as domain verbs (CHG-01..CHG-08), shared with the support path.

The shopper's new address is made up once per scenario (``Shopper.planned_change``);
once the change is confirmed she goes by the new address.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from mailflow_specs.actors.reliance import relies_on
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.flows.account import go_to_change_settings, open_by_route
from mailflow_specs.flows.letters import await_letter, follow_link, latest_letter
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.email_change import (
    ChangeEmailPage,
    ConfirmationCodePage,
    NewAddressPage,
)
from mailflow_specs.targets.labels import Label, Route


@relies_on("CHG-01", "CHG-02")
def open_change_email(world: World) -> ChangeEmailPage:
    """My account → Profile settings → Change settings → "Change email address" (CHG-01..03)."""
    if not open_by_route(world, Route.CHANGE_EMAIL, Label.CHANGE_EMAIL, "CHG-02", "CHG-03"):
        go_to_change_settings(world).follow(Label.CHANGE_EMAIL)
    page = ChangeEmailPage(world.page, world.profile)
    expect(page.heading(Label.CHANGE_EMAIL), world.said("the page to change the address")).to_be_visible()
    return page


@relies_on("CHG-04", "CHG-05")
def ask_for_link(world: World, shopper: Shopper) -> Letter:
    """"Verify now", then the letter with the link at the current address (CHG-04, CHG-05)."""
    open_change_email(world).verify_now.click()
    return await_letter(world, shopper, Label.EMAIL_CHANGE_LINK_SUBJECT)


@relies_on("CHG-05")
def open_new_address_form(world: World, shopper: Shopper) -> NewAddressPage:
    ask_for_link(world, shopper)
    follow_link(world, shopper, Label.EMAIL_CHANGE_LINK)
    page = NewAddressPage(world.page, world.profile)
    expect(page.heading(Label.NEW_ADDRESS_HEADING), world.said("the form for the new address")).to_be_visible()
    return page


def send_request(world: World, shopper: Shopper, address: str | None = None) -> None:
    """Type the new address (the planned one unless given) and press "Send request"."""
    page = NewAddressPage(world.page, world.profile)
    page.send_request(address if address is not None else shopper.planned_change().new)


@relies_on("CHG-06")
def request_change(world: World, shopper: Shopper) -> None:
    """From "Verify now" up to the field for the code (CHG-04..CHG-06)."""
    open_new_address_form(world, shopper)
    send_request(world, shopper)
    code_page = ConfirmationCodePage(world.page, world.profile)
    expect(code_page.code, world.said("the field for the code")).to_be_visible()


def code_letter(world: World, shopper: Shopper) -> Letter:
    """The letter with the code at the new address (CHG-07)."""
    return await_letter(world, shopper, Label.CODE_SUBJECT,
                        address=shopper.planned_change().new)


def latest_code_letter(world: World, shopper: Shopper) -> Letter:
    """The letter with the code at the new address she has read already, else the one that arrives."""
    return latest_letter(world, shopper, Label.CODE_SUBJECT, address=shopper.planned_change().new)


def check_no_new_address_form(world: World) -> None:
    """A link followed that must not open the form for a new address of the signed-in account
    (another shopper's): the marketplace answers, with no such form (a refusal, or a sign-in)."""
    expect(world.page, world.said("the link led to the marketplace")).to_have_url(
        re.compile("^" + re.escape(world.endpoints.base_url)))
    page = NewAddressPage(world.page, world.profile)
    expect(page.heading(Label.NEW_ADDRESS_HEADING), world.said("no form for a new address")).to_have_count(0)


def type_code(world: World, code: str) -> None:
    ConfirmationCodePage(world.page, world.profile).confirm(code)


@relies_on("CHG-07")
def confirm_from_code_letter(world: World, shopper: Shopper) -> None:
    """Open the code letter at the new address, follow its link, type the code (support path)."""
    letter = code_letter(world, shopper)
    follow_link(world, shopper, Label.CODE_LINK, letter=letter)
    type_code(world, letter.code())


@relies_on("CHG-07", "CHG-08")
def change_address(world: World, shopper: Shopper) -> None:
    """The whole self-service change, confirmed (CHG-04..CHG-08); she then goes by the new address."""
    request_change(world, shopper)
    type_code(world, code_letter(world, shopper).code())
    heading = ConfirmationCodePage(world.page, world.profile).heading(Label.EMAIL_CHANGED)
    expect(heading, world.said("the address is changed")).to_be_visible()
    shopper.moves_to_new_address()
