"""The state seen from another place than the page an action landed on: a fresh browser
(another computer, nothing of the scenario's cookies), the plain-text part of a letter,
another shopper's letter.

Wrong builds these reject are those that pass while every check looks only where the action
landed: a link that works only in the browser that asked for it, a confirmation kept in the
session instead of the account, a plain-text part whose link or code differs from the HTML one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from html.parser import HTMLParser

from playwright.sync_api import expect
from pytest_mailpit.extract import find_codes, find_links

from mailflow_specs.actors.browsing import Device
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.account import registered_and_confirmed, sign_in_successfully
from mailflow_specs.flows.checks import check_address_confirmed
from mailflow_specs.flows.confirmation import open_personal_data
from mailflow_specs.flows.confirmed_state import signed_in_label
from mailflow_specs.flows.letters import follow_link
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Capability
from mailflow_specs.targets.seams import Seams

# The browser a shopper keeps signed in besides her own ("she is signed in in a second browser too").
SECOND_BROWSER = "second browser"


@contextmanager
def fresh_browser(world: World) -> Iterator[World]:
    """The same scenario in a new browser, as on another computer; closed afterwards."""
    device = world.browsing.open()
    try:
        yield world_in(world, device)
    finally:
        device.close()


def world_in(world: World, device: Device) -> World:
    """The scenario as seen from ``device``: the same shoppers, mailbox and profile, the
    device's own cookies and seams (a CAPTCHA answer fixed for its session)."""
    seams = Seams(world.profile, device.context, world.endpoints.base_url)
    answer = seams.fix_captcha_answer() if seams.offers(Capability.CAPTCHA_SEAM) else ""
    return replace(world, device=device, seams=seams, captcha_answer=answer, own_browsers=None, browser_owner=None)


def move_to_fresh_browser(world: World) -> Device:
    """From now on the scenario's shoppers use a new browser, as on another computer (the
    world closes it at the end; the first one stays open until then)."""
    device = open_other_browser(world, f"fresh-{len(world.other_devices)}")
    world.device = device
    world.seams = Seams(world.profile, device.context, world.endpoints.base_url)
    return device


def in_a_browser_of_her_own(world: World, shopper: Shopper, then: Callable[[World, Shopper], object]) -> None:
    """She registers and confirms her address, signs in and does ``then``, in a browser of her
    own (another shopper's, on another computer), closed afterwards."""
    with fresh_browser(world) as there:
        registered_and_confirmed(there, shopper)
        sign_in_successfully(there, shopper)
        then(there, shopper)


def follow_others_link(world: World, who: str, owner: str, link_key: str) -> None:
    """``who``, in her own browser, follows the link ``link_key`` of ``owner``'s letter (as if
    it had reached her); a pronoun after the step names ``who`` again."""
    letter_of = world.shopper(owner)
    world.shopper(who)
    follow_link(world, letter_of, link_key)


def open_other_browser(world: World, name: str) -> Device:
    """A new browser kept under ``name`` until the world closes it."""
    device = world.browsing.open()
    world.other_devices[name] = device
    return device


def second_browser(world: World) -> World | None:
    """The scenario as seen from the shopper's second browser, if she opened one."""
    device = world.other_devices.get(SECOND_BROWSER)
    return world_in(world, device) if device is not None else None


def check_seen_from_second_browser(world: World, shopper: Shopper, *, confirmed: bool) -> None:
    """Her personal data in the second browser, where she was signed in all along: her address
    as it is now, marked "Unconfirmed email" or not (a state kept in the session, not the
    account, shows the old one there)."""
    there = second_browser(world)
    if there is None:
        raise ExpectationFailed("Expected a second browser where she signed in; none is open.")
    page = open_personal_data(there)
    if confirmed:
        check_address_confirmed(there, page, shopper.email)
    else:
        expect(page.main, there.said("her own address")).to_contain_text(shopper.email)
        expect(page.unconfirmed_label, there.said('still "Unconfirmed email"')).to_be_visible()


def check_signed_out_in_second_browser(world: World) -> None:
    """The block ends her session in the second browser too: the next page there offers her
    account no more (the blocked notice, or the sign-in; the guide does not say which)."""
    there = second_browser(world)
    if there is None:
        raise ExpectationFailed("Expected a second browser where she signed in; none is open.")
    screen = Screen(there.page, there.profile)
    screen.open_home()
    expect(screen.header_control(signed_in_label(there.profile)),
           there.said("the session in the second browser is over")).to_have_count(0)


def html_links(letter: Letter) -> list[str]:
    return [link.url for link in find_links("", letter.html)]


def text_links(letter: Letter) -> list[str]:
    return [link.url for link in find_links(letter.text, "")]


def check_text_part_same_link(world: World, letter: Letter, url: str) -> None:
    """The plain-text part holds the link ``url`` of the HTML part, and no other link of the
    marketplace that differs from the HTML part's."""
    __tracebackhide__ = True
    if not letter.text.strip():
        raise ExpectationFailed(world.said(f"expected {letter} to have a plain-text part; it has none."))
    in_text = text_links(letter)
    if url not in in_text:
        raise ExpectationFailed(world.said(
            f"expected the plain-text part of {letter} to hold the same link as its HTML part ({url}); "
            f"its links: {', '.join(in_text) or 'none'}."))
    strangers = [link for link in in_text if link not in html_links(letter)]
    if strangers:
        raise ExpectationFailed(world.said(
            f"expected the plain-text part of {letter} to hold only links of its HTML part; "
            f"these are not in it: {', '.join(strangers)}."))


def words_only_in_text(letter: Letter) -> list[str]:
    """The words of the plain-text part that the HTML part never says (links aside), in their
    order: a signature, a name or a number that only one part of the letter tells."""
    in_html = set(_words(_visible_text(letter.html)))
    seen: list[str] = []
    for word in _words(URL.sub(" ", letter.text)):
        if word not in in_html and word not in seen:
            seen.append(word)
    return seen


def check_text_part_says_nothing_else(world: World, letter: Letter) -> None:
    """The plain-text part tells nothing the HTML part does not: the same letter for a reader
    whose mail program shows the text. The text may say less, and word things its own way
    (a link written out instead of its text); a word that only it has is a difference."""
    __tracebackhide__ = True
    if not letter.html.strip():
        return
    extra = words_only_in_text(letter)
    if extra:
        raise ExpectationFailed(world.said(
            f"expected the plain-text part of {letter} to tell nothing its HTML part does not; "
            f"only the plain text has: {', '.join(extra[:12])}{' ...' if len(extra) > 12 else ''}."))


URL = re.compile(r"\b(?:https?|mailto):\S+", re.IGNORECASE)
WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in WORD.findall(text)]


class _Text(HTMLParser):
    """The text a reader sees in an HTML part: its text nodes, outside styles and scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script") and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)


def check_parts_agree(world: World, letter: Letter, link_key: str | None) -> None:
    """The letter's two parts agree: the plain text holds the HTML part's link (``link_key``, a
    profile key) or, for None, its code. A letter of plain text alone (no HTML part) has nothing
    to disagree with, and passes."""
    __tracebackhide__ = True
    if not letter.html.strip():
        return
    if link_key is None:
        check_text_part_same_code(world, letter)
        return
    html_only = Letter.of(letter.heading, "", letter.html)
    pattern = world.profile.links.get(link_key)
    url = html_only.link_matching(pattern) if pattern else html_only.link(world.text(link_key))
    check_text_part_same_link(world, letter, url)


def check_text_part_same_code(world: World, letter: Letter) -> None:
    """The plain-text part holds the one code of the HTML part, written the same way."""
    __tracebackhide__ = True
    in_html, in_text = find_codes("", letter.html), find_codes(letter.text, "")
    # Verbatim too: she copies the code from whichever part her mail program shows ("123 456" is
    # read as 123456 by the extraction, but pasted as it stands).
    if len(in_html) != 1 or in_text != in_html or in_html[0] not in letter.text:
        raise ExpectationFailed(world.said(
            f"expected the plain-text part of {letter} to hold the code of its HTML part; "
            f"the HTML part holds {in_html or 'none'}, the plain text {in_text or 'none'}."))
