"""The bad input the change-address features name, and the refusals they expect (CHG-06..08)."""

from __future__ import annotations

from collections.abc import Callable

from mailflow.flows.email_change import code_letter, send_request, type_code
from mailflow.flows.registration import register_elsewhere
from mailflow.mail.letters import follow_link
from mailflow.scenario.personas import Persona, make_persona
from mailflow.scenario.world import World

# The reasons a feature names, and the refusal texts of the profile they stand for.
REASONS = {
    "the address is not valid": "email_invalid",
    "it is already her address": "new_address_same",
    "the address is already registered": "email_taken",
    "the code is wrong": "code_wrong",
    "the code no longer works": "code_void",
    "the code has expired": "code_expired",
}


def _address_of_another_shopper(world: World, persona: Persona) -> str:
    other = make_persona("Marek")
    register_elsewhere(world, other)
    return other.email


NEW_ADDRESS_PROBLEMS: dict[str, Callable[[World, Persona], str]] = {
    "an address that is not an email address": lambda w, p: p.email.replace("@", " at "),
    "her current address": lambda w, p: p.email.upper(),
    "the address of another shopper": _address_of_another_shopper,
}


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10 ** len(code):0{len(code)}d}"


def _wrong_code(world: World, persona: Persona) -> None:
    type_code(world, wrong(code_letter(world, persona).code()))


def _right_code_after_too_many_wrong(world: World, persona: Persona) -> None:
    code = code_letter(world, persona).code()
    for _ in range(int(world.profile.timing("email_change_code_attempts"))):
        type_code(world, wrong(code))
    type_code(world, code)


def _right_code_too_late(world: World, persona: Persona) -> None:
    code = code_letter(world, persona).code()
    minutes = world.profile.timing("email_change_code_lifetime_minutes")
    world.seams.age_account(persona.email, hours=(minutes + 1) / 60)
    type_code(world, code)


CODE_PROBLEMS: dict[str, Callable[[World, Persona], None]] = {
    "a wrong code": _wrong_code,
    "the right code after too many wrong ones": _right_code_after_too_many_wrong,
    "the right code after its lifetime has passed": _right_code_too_late,
}


def _again_after_sending_the_request(world: World, persona: Persona) -> None:
    follow_link(world, persona, "email_change_link")
    send_request(world, persona)
    follow_link(world, persona, "email_change_link")


def _after_its_lifetime(world: World, persona: Persona) -> None:
    hours = world.profile.timing("email_change_link_lifetime_hours")
    world.seams.age_account(persona.email, hours=hours + 1)
    follow_link(world, persona, "email_change_link")


LINK_MOMENTS: dict[str, Callable[[World, Persona], None]] = {
    "a second time, after sending her request": _again_after_sending_the_request,
    "after its lifetime has passed": _after_its_lifetime,
}
