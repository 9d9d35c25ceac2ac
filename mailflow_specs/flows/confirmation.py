"""Confirming the address later (CONF-03..CONF-08) as domain verbs: the personal data
page reached through the settings, "Click here to confirm", editing the name."""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow_specs.actors.reliance import relies_on
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.account import (
    go_to_change_settings,
    open_by_route,
    registered_unconfirmed,
    sign_in_successfully,
)
from mailflow_specs.flows.letters import await_letter
from mailflow_specs.flows.registration import register
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.personal_data import PersonalDataPage
from mailflow_specs.targets.labels import Label, Route

CONFIRMATION = Label.CONFIRMATION_SUBJECT
# The name a shopper saves instead of hers: her first name and another last name.
NEW_LAST_NAME = "Wisniewski"


@relies_on("CONF-01")
def signed_in_unconfirmed(world: World, shopper: Shopper) -> None:
    registered_unconfirmed(world, shopper)
    sign_in_successfully(world, shopper)


def signed_in_without_letter(world: World, shopper: Shopper) -> None:
    """She registered, but no letter is awaited (it was lost on its way), and signed in."""
    register(world, shopper)
    sign_in_successfully(world, shopper)


@relies_on("CONF-03", "CONF-04")
def open_personal_data(world: World) -> PersonalDataPage:
    """My account → Profile settings → Change settings → Edit profile (CONF-03)."""
    if not open_by_route(world, Route.PERSONAL_DATA, Label.EDIT_PROFILE, "CONF-04"):
        go_to_change_settings(world).follow(Label.EDIT_PROFILE)
    page = PersonalDataPage(world.page, world.profile)
    expect(page.title, world.said("the personal data page")).to_be_visible()
    return page


@relies_on("CONF-05")
def edit_personal_data(world: World) -> PersonalDataPage:
    page = open_personal_data(world)
    page.edit()
    expect(page.name_field, world.said("the name field after Edit")).to_be_editable()
    return page


@relies_on("CONF-06", "CONF-07")
def ask_for_new_letter(world: World, shopper: Shopper) -> Letter:
    """Press "Click here to confirm" and wait for the letter it sends (CONF-06, CONF-07)."""
    page = PersonalDataPage(world.page, world.profile)
    page.ask_for_confirmation()
    expect(page.notice, world.said("the letter is announced")).to_contain_text(
        world.text(Label.CONFIRMATION_LETTER_RESENT))
    return await_letter(world, shopper, CONFIRMATION)


def asked_for_new_letter(world: World, shopper: Shopper) -> Letter:
    """In the guide's order: the personal data, "Edit", then "Click here to confirm"."""
    signed_in_unconfirmed(world, shopper)
    edit_personal_data(world)
    return ask_for_new_letter(world, shopper)


def new_name(shopper: Shopper) -> str:
    return f"{shopper.first_name} {NEW_LAST_NAME}"


def older_letter(world: World, shopper: Shopper, subject_key: str) -> Letter:
    """The letter before the last one with this subject that she received."""
    subject = world.text(subject_key)
    received = [letter for letter in world.mailbox.read
                if subject in letter.subject and shopper.email in letter.recipients]
    if len(received) < 2:
        raise ExpectationFailed(
            f"Expected at least two letters {subject!r} to {shopper.email}; read {len(received)}.")
    return received[-2]
