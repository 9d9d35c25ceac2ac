"""The keyboard, as a shopper without a mouse uses it: Tab through the page, Escape, Enter.

``tab_to`` presses Tab until a control has the focus, as a person would, and fails naming
the controls the focus went through when it never arrives; ``focus_within`` is what has
the focus inside a part of the page (a window, a form).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from mailflow_specs.errors import ExpectationFailed

MAX_TABS = 40  # more presses than any page of the flows has controls

DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return '(the page itself)';
  const name = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText) || e.innerText || '';
  return e.tagName.toLowerCase() + ' "' + name.trim().slice(0, 40) + '"';
}"""


def has_focus(target: Locator) -> bool:
    return bool(target.evaluate("element => element === document.activeElement"))


def tab_to(page: Page, target: Locator, what: str) -> None:
    """Press Tab until ``target`` has the focus (at most MAX_TABS presses)."""
    __tracebackhide__ = True
    visited: list[str] = []
    for _ in range(MAX_TABS):
        if has_focus(target):
            return
        page.keyboard.press("Tab")
        visited.append(page.evaluate(DESCRIBE_FOCUS))
    if not has_focus(target):
        raise ExpectationFailed(
            f"Expected the Tab key to reach {what} within {MAX_TABS} presses; the focus went to: "
            + ", ".join(dict.fromkeys(visited)) + ".")


def press(page: Page, key: str) -> None:
    page.keyboard.press(key)


def type_text(page: Page, text: str) -> None:
    page.keyboard.type(text)


def focus_within(part: Locator) -> Locator:
    """The element inside ``part`` that has the keyboard focus (none when the focus is elsewhere)."""
    return part.locator(":focus")


def focused_element(page: Page) -> Locator:
    return page.locator(":focus")
