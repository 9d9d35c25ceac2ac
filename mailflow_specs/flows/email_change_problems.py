"""The bad input and bad moments the change-address features name (CHG-06..CHG-08)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from mailflow_specs.actors.personas import make_persona
from mailflow_specs.actors.phrases import PhraseTable
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.flows.elsewhere import move_to_fresh_browser
from mailflow_specs.flows.email_change import code_letter, send_request, type_code
from mailflow_specs.flows.letters import follow_link
from mailflow_specs.flows.registration import register_elsewhere
from mailflow_specs.targets.labels import Label, Timing

Act = Callable[[World, Shopper], None]


def _address_of_another_shopper(world: World, shopper: Shopper) -> str:
    other = Shopper(make_persona("Marek"))
    register_elsewhere(world, other)
    return other.email


NEW_ADDRESS_PROBLEMS: PhraseTable[Callable[[World, Shopper], str]] = PhraseTable("problem", {
    "an address that is not an email address": lambda w, s: s.email.replace("@", " at "),
    "{her} current address": lambda w, s: s.email.upper(),
    "the address of another shopper": _address_of_another_shopper,
})


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10 ** len(code):0{len(code)}d}"


def _wrong_code(world: World, shopper: Shopper) -> None:
    type_code(world, wrong(code_letter(world, shopper).code()))


def _right_code_after_too_many_wrong(world: World, shopper: Shopper) -> None:
    code = code_letter(world, shopper).code()
    for _ in range(int(world.profile.timing(Timing.EMAIL_CHANGE_CODE_ATTEMPTS))):
        type_code(world, wrong(code))
    type_code(world, code)


def _right_code_too_late(world: World, shopper: Shopper) -> None:
    code = code_letter(world, shopper).code()
    world.let_time_pass(shopper, Timing.EMAIL_CHANGE_CODE_LIFETIME_MINUTES, margin=timedelta(minutes=1))
    type_code(world, code)


CODE_PROBLEMS: PhraseTable[Act] = PhraseTable("problem", {
    "a wrong code": _wrong_code,
    "the right code after too many wrong ones": _right_code_after_too_many_wrong,
    "the right code after its lifetime has passed": _right_code_too_late,
})


def _again_after_sending_the_request(world: World, shopper: Shopper) -> None:
    follow_link(world, shopper, Label.EMAIL_CHANGE_LINK)
    send_request(world, shopper)
    follow_link(world, shopper, Label.EMAIL_CHANGE_LINK)


def _after_its_lifetime(world: World, shopper: Shopper) -> None:
    world.let_time_pass(shopper, Timing.EMAIL_CHANGE_LINK_LIFETIME_HOURS)
    follow_link(world, shopper, Label.EMAIL_CHANGE_LINK)


def _in_fresh_browser(world: World, shopper: Shopper) -> None:
    move_to_fresh_browser(world)
    follow_link(world, shopper, Label.EMAIL_CHANGE_LINK)


LINK_MOMENTS: PhraseTable[Act] = PhraseTable("moment", {
    "a second time, after sending {her} request": _again_after_sending_the_request,
    "after its lifetime has passed": _after_its_lifetime,
    "in a fresh browser": _in_fresh_browser,
})
