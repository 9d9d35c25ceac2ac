"""Checks of what the shopper sees that Playwright's ``expect`` has no word for.

Each fails with ``ExpectationFailed`` saying what was expected and what was there.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from mailflow.errors import ExpectationFailed


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


def check_link_refused(world, reason_key: str, instruction: str) -> None:
    """The page refuses a used or expired link, and says which."""
    page = world.page
    expect(page.get_by_role("heading", name=world.text("link_unusable")),
           f"{instruction}: the page refusing the link").to_be_visible()
    expect(page.get_by_role("main"), f"{instruction}: why the link is refused").to_contain_text(
        world.refusal(reason_key)
    )
