"""Checks every letter a shopper receives must pass, whatever it is for.

Wrong builds these reject: a letter from another sender than the marketplace's (the
guide: the letter comes "from" the shop), a letter also addressed to someone else, and a
link that leads to another host or port than the target's own (a hard-coded development
server, a relative link, a proxy's name).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from mailflow_specs.actors.world import World
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.mail.letter import Letter, sender_matches

DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of a URL, the port filled in when the scheme implies it."""
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or ""), parts.port or DEFAULT_PORTS.get(parts.scheme)


def check_letter(world: World, letter: Letter, address: str) -> None:
    """The letter comes from the profile's sender, goes to ``address`` only, and every link
    in it points at the target's own base URL."""
    __tracebackhide__ = True
    sender = world.profile.sender
    if sender and not sender_matches(letter.sender, sender):
        raise ExpectationFailed(world.said(
            f"expected {letter} to come from the marketplace's sender {sender}; it comes from {letter.sender}."))
    if [r.lower() for r in letter.recipients] != [address.lower()]:
        raise ExpectationFailed(world.said(
            f"expected {letter} to be addressed to {address} only; it is addressed to "
            f"{', '.join(letter.recipients)}."))
    own = origin(world.endpoints.base_url)
    strangers = [link for link in letter.links() if origin(link) != own]
    if strangers:
        raise ExpectationFailed(world.said(
            f"expected every link in {letter} to lead to the target at {world.endpoints.base_url}; "
            f"these lead elsewhere: {', '.join(strangers)}."))


def letters_so_far(world: World, address: str, subject_key: str) -> int:
    """How many letters with the profile's ``subject_key`` reached ``address`` so far."""
    return world.mailbox.count(address, world.text(subject_key))


def check_no_new_letter(world: World, address: str, subject_key: str, before: int, why: str) -> None:
    """No letter with ``subject_key`` reached ``address`` beyond the ``before`` it had: a refusal
    that sends the letter anyway is a wrong build (the letters are sent before the page answers
    in a build that sends them at once, so a letter sent anyway is already there)."""
    __tracebackhide__ = True
    now = letters_so_far(world, address, subject_key)
    if now != before:
        raise ExpectationFailed(world.said(
            f'expected no new letter "{world.text(subject_key)}" to {address} {why}; '
            f"{now - before} arrived."))
