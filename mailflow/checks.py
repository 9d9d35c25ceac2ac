"""Checks of what the shopper sees that Playwright's ``expect`` has no word for.

Each fails with ``ExpectationFailed`` saying what was expected and what was there.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from mailflow.errors import ExpectationFailed
from mailflow.pages.account import LinkUnusablePage
from mailflow.pages.appeal import BlockedNoticePage
from mailflow.pages.personal_data import PersonalDataPage
from mailflow.scenario.world import World
from mailflow.targets.labels import Label


def check_refused_beside(field: Locator, refusal: str, what: str) -> None:
    """The refusal stands beside the field: it is the field's accessible description."""
    expect(field, what).to_have_accessible_description(containing(refusal))


def containing(text: str) -> re.Pattern[str]:
    """For ``expect``: a text that contains ``text`` (targets may add detail after it)."""
    return re.compile(re.escape(text))


def one_after_the_other(*texts: str) -> re.Pattern[str]:
    """For ``expect``: these texts in this order, whatever stands between them."""
    return re.compile(r"[\s\S]*?".join(re.escape(text) for text in texts))


def check_on_the_right_of(container: Locator, element: Locator, instruction: str) -> None:
    """``element`` stands in the right half of ``container`` (REG-01: "on the right")."""
    expect(element, f"{instruction}: the control in the header").to_be_visible()
    outer, inner = container.bounding_box(), element.bounding_box()
    if outer is None or inner is None:
        raise ExpectationFailed(f"{instruction}: expected the header and the control to be laid out.")
    middle = outer["x"] + outer["width"] / 2
    if inner["x"] < middle:
        raise ExpectationFailed(
            f"{instruction}: expected the control on the right half of the header (x ≥ {middle:.0f}); "
            f"it starts at x = {inner['x']:.0f}."
        )


def check_fields_in_order(fields: list[Locator], names: list[str], instruction: str) -> None:
    """The fields stand in reading order (top to bottom, then left to right) as given."""
    tops = []
    for field, name in zip(fields, names, strict=True):
        box = field.bounding_box()
        if box is None:
            raise ExpectationFailed(f"{instruction}: expected the {name} field to be laid out.")
        tops.append((round(box["y"]), box["x"], name))
    seen = [name for _, _, name in sorted(tops)]
    if seen != names:
        raise ExpectationFailed(
            f"{instruction}: expected the fields in this order: {', '.join(names)}; "
            f"in reading order they are: {', '.join(seen)}."
        )


# A "big" link: at least this tall and wide on screen, in CSS pixels (a button, not a text link).
BIG_LINK_MIN_HEIGHT = 36
BIG_LINK_MIN_WIDTH = 150


def check_big_link(link: Locator, instruction: str) -> None:
    """The link is shown big, like a button, not as a line of small text."""
    expect(link, f"{instruction}: the link in the letter").to_be_visible()
    box = link.bounding_box()
    if box is None or box["height"] < BIG_LINK_MIN_HEIGHT or box["width"] < BIG_LINK_MIN_WIDTH:
        size = "not laid out" if box is None else f"{box['width']:.0f}×{box['height']:.0f} px"
        raise ExpectationFailed(
            f"{instruction}: expected a big link (at least {BIG_LINK_MIN_WIDTH}×{BIG_LINK_MIN_HEIGHT} px); "
            f"it is {size}."
        )


def check_link_refused(world: World, reason_key: str) -> None:
    """The page refuses a used, expired or replaced link, and says which."""
    page = LinkUnusablePage(world.page, world.profile)
    expect(page.title, world.said("the page refusing the link")).to_be_visible()
    expect(page.main, world.said("why the link is refused")).to_contain_text(world.refusal(reason_key))


def check_blocked_notice(world: World, instruction: str = "") -> BlockedNoticePage:
    """The notice that the account is blocked, and why (CONF-09), and the session really ended.

    Rejects: a notice shown while the shopper stays signed in (the header still offers "My
    account"), a notice without its reason."""
    notice = BlockedNoticePage(world.page, world.profile)
    expect(notice.title, world.said("the notice that the account is blocked")).to_be_visible()
    expect(notice.main, world.said("why it is blocked")).to_contain_text(
        world.text(Label.BLOCKED_BECAUSE_UNCONFIRMED))
    expect(notice.header_control(Label.MY_ACCOUNT),
           world.said("the session ended with the notice: no \"My account\" in the header")).to_have_count(0)
    expect(notice.header_control(Label.SIGN_IN),
           world.said("the session ended with the notice: \"Sign in\" in the header")).to_be_visible()
    return notice


def check_address_confirmed(world: World, page: PersonalDataPage, email: str) -> None:
    """The account's state, not a heading: the personal data shows the address, unmarked.

    Rejects: a page that says "confirmed" while the account stays unconfirmed."""
    expect(page.main, world.said("her address on the personal data")).to_contain_text(email)
    expect(page.unconfirmed_label, world.said('the address no longer marked "Unconfirmed email"')) \
        .to_have_count(0)


def check_read_only(page: PersonalDataPage, name: str) -> None:
    """The page shows the name but offers no editable name field (CONF-04)."""
    expect(page.main, "CONF-04: the name is shown").to_contain_text(name)
    if page.name_field.count():
        expect(page.name_field.first, "CONF-04: the name field is not editable").not_to_be_editable()


def check_at_the_bottom(page: PersonalDataPage, email: str) -> None:
    """The "Edit" control stands below the personal data it edits (CONF-05: "at the bottom")."""
    expect(page.edit_button, "CONF-05: Edit").to_be_visible()
    edit_box = page.edit_button.bounding_box()
    data_box = page.address(email).bounding_box()
    if edit_box is None or data_box is None or edit_box["y"] < data_box["y"] + data_box["height"]:
        raise ExpectationFailed(
            "CONF-05: expected Edit below the personal data; "
            f"Edit is at {edit_box}, the address at {data_box}.")


def check_beside_address(page: PersonalDataPage, email: str) -> None:
    """"Click here to confirm" stands on the same line as the address (CONF-06: "next to it")."""
    address = page.address(email)
    expect(address, "CONF-06: the address").to_be_visible()
    expect(page.confirm_button, "CONF-06: Click here to confirm").to_be_visible()
    a, b = address.bounding_box(), page.confirm_button.bounding_box()
    if a is None or b is None or b["y"] > a["y"] + a["height"] or a["y"] > b["y"] + b["height"]:
        raise ExpectationFailed(
            "CONF-06: expected Click here to confirm beside the address, on the same line; "
            f"the address is at {a}, the control at {b}.")
