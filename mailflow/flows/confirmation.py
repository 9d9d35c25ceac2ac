"""Confirming the address later (CONF-03..CONF-08) as domain verbs: the personal data
page reached through the settings, "Click here to confirm", editing the name."""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow.errors import ExpectationFailed
from mailflow.flows.account import (
    go_to_change_settings,
    registered_unconfirmed,
    sign_in_successfully,
)
from mailflow.mail.letters import await_letter, open_in_mailbox
from mailflow.mail.mailbox import Letter
from mailflow.pages.personal_data import PersonalDataPage
from mailflow.scenario.personas import Persona
from mailflow.scenario.world import World

CONFIRMATION = "confirmation_subject"
# The name a shopper saves instead of hers: her first name and another last name.
NEW_LAST_NAME = "Wisniewski"


def signed_in_unconfirmed(world: World, persona: Persona) -> None:
    registered_unconfirmed(world, persona)
    sign_in_successfully(world, persona)


def open_personal_data(world: World) -> PersonalDataPage:
    """My account → Profile settings → Change settings → Edit profile (CONF-03)."""
    pages = go_to_change_settings(world)
    pages.control(world.text("edit_profile"), within=world.page.get_by_role("main")).click()
    page = PersonalDataPage(world.page, world.profile)
    expect(page.title, "CONF-04: the personal data page").to_be_visible()
    return page


def edit_personal_data(world: World) -> PersonalDataPage:
    page = open_personal_data(world)
    page.edit()
    expect(page.name_field, "CONF-05: the name field after Edit").to_be_editable()
    return page


def ask_for_new_letter(world: World, persona: Persona) -> Letter:
    """Press "Click here to confirm" and wait for the letter it sends (CONF-06, CONF-07)."""
    page = PersonalDataPage(world.page, world.profile)
    page.ask_for_confirmation()
    expect(page.notice, "CONF-07: the letter is announced").to_contain_text(
        world.text("confirmation_letter_resent"))
    return await_letter(world, persona, CONFIRMATION, "CONF-07")


def asked_for_new_letter(world: World, persona: Persona) -> Letter:
    signed_in_unconfirmed(world, persona)
    open_personal_data(world)
    return ask_for_new_letter(world, persona)


def new_name(persona: Persona) -> str:
    return f"{persona.first_name} {NEW_LAST_NAME}"


def check_read_only(page: PersonalDataPage, name: str) -> None:
    """The page shows the name but offers no editable name field."""
    expect(page.main, "CONF-04: the name is shown").to_contain_text(name)
    fields = page.name_field
    if fields.count() and fields.first.is_editable():
        raise ExpectationFailed(
            "CONF-04: expected the personal data to open read-only; "
            f"the name field {page.labels['profile_name']!r} is editable.")


def check_at_the_bottom(page: PersonalDataPage, persona: Persona) -> None:
    """The "Edit" control stands below the personal data it edits (CONF-05: "at the bottom")."""
    expect(page.edit_button, "CONF-05: Edit").to_be_visible()
    edit_box = page.edit_button.bounding_box()
    data_box = page.main.get_by_text(persona.email, exact=True).bounding_box()
    if edit_box is None or data_box is None or edit_box["y"] < data_box["y"] + data_box["height"]:
        raise ExpectationFailed(
            "CONF-05: expected Edit below the personal data; "
            f"Edit is at {edit_box}, the address at {data_box}.")


def check_beside_address(page: PersonalDataPage, persona: Persona) -> None:
    """"Click here to confirm" stands on the same line as the address (CONF-06: "next to it")."""
    address = page.main.get_by_text(persona.email, exact=True)
    expect(address, "CONF-06: the address").to_be_visible()
    expect(page.confirm_button, "CONF-06: Click here to confirm").to_be_visible()
    a, b = address.bounding_box(), page.confirm_button.bounding_box()
    if a is None or b is None or b["y"] > a["y"] + a["height"] or a["y"] > b["y"] + b["height"]:
        raise ExpectationFailed(
            "CONF-06: expected Click here to confirm beside the address, on the same line; "
            f"the address is at {a}, the control at {b}.")


def older_letter(world: World, persona: Persona, subject_key: str) -> Letter:
    """The letter before the last one with this subject that the persona received."""
    subject = world.text(subject_key)
    received = [letter for letter in world.mailbox.read
                if subject in letter.subject and persona.email in letter.recipients]
    if len(received) < 2:
        raise ExpectationFailed(
            f"Expected at least two letters {subject!r} to {persona.email}; read {len(received)}.")
    return received[-2]


def follow_link_in(world: World, persona: Persona, letter: Letter, link_key: str) -> None:
    """Open this very letter in the mailbox site and follow its link called ``link_key``."""
    open_in_mailbox(world, persona, letter).follow_link(world.text(link_key))
