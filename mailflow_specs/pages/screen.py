"""What every screen of a target shares: its header and named controls.

The structure contract (README "The structure contract"): controls are links or buttons
found by accessible name; fields by their label; the header is the ``banner`` landmark and
the page's own part the ``main`` landmark, and where a page has none the whole page stands
in for it (the report notes "no banner landmark on …"). Names are matched tolerantly: any
case, a trailing colon or decoration; a profile text written ``/like this/`` is a pattern.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.targets.labels import Label
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts import structure


class Screen:
    def __init__(self, page: Page, profile: TargetProfile) -> None:
        self.page = page
        self.profile = profile
        self.labels = profile.labels

    def control(self, name: str, *, within: Locator | Page | None = None) -> Locator:
        """A link or a button named ``name``: targets differ in which they use, and some
        add a decoration ("Profile settings ›") to the name."""
        scope = within if within is not None else self.page
        named = accessible_name(name)
        return scope.get_by_role("link", name=named).or_(scope.get_by_role("button", name=named))

    def main_control(self, key: str) -> Locator:
        """The link or button ``key`` of the page's main part (not the header's)."""
        return self.control(self.labels[key], within=self.main)

    @property
    def main(self) -> Locator:
        return self.landmark("main")

    def landmark(self, role: str) -> Locator:
        """The page's ``role`` landmark (main, banner, status, alert), else the whole page."""
        found = self.page.get_by_role(role)
        return self.page.locator("body").filter(has_not=found).or_(found)

    def heading(self, key: str) -> Locator:
        """A heading named by the text ``key``, else that text anywhere in the page's main part
        (for targets that say it in a paragraph or a flashed message)."""
        text = contained_text(self.labels[key])
        return self.page.get_by_role("heading", name=text).or_(self.main.get_by_text(text)).first

    @property
    def header(self) -> Locator:
        return self.landmark("banner")

    def header_control(self, key: str) -> Locator:
        """The header's link named by the text ``key``, else its button of that name. A menu
        offers links: where the whole page stands in for a missing header, a form's button
        of the same name (the sign-in form's "Login" beside the menu's "Login") is not it."""
        named = accessible_name(self.labels[key])
        links = self.header.get_by_role("link", name=named)
        buttons = self.header.filter(has_not=self.page.get_by_role("link", name=named))
        return links.or_(buttons.get_by_role("button", name=named))

    def open_home(self) -> None:
        self.page.goto(self.profile.route("home"))

    def press(self, key: str, *, within: Locator | None = None) -> None:
        """Press the control ``key``. Where a link and a button share the name (a form's
        "Register" button and a menu's "Register" link), the button is pressed, with a note."""
        scope = within if within is not None else self.page
        control = self.control(self.labels[key], within=scope)
        buttons = scope.get_by_role("button", name=accessible_name(self.labels[key]))
        try:
            control.first.wait_for(state="attached")
        except PlaywrightTimeoutError:  # the target does not offer it: a difference, not a breakdown
            raise ExpectationFailed(f"Expected a link or button named {self.labels[key]!r} on "
                                    f"{structure.page_name(self.page)}; there is none.") from None
        if control.count() > 1 and buttons.count() == 1:
            structure.note(f"on {structure.page_name(self.page)} a link and a button are both named "
                           f"{self.labels[key]!r}: the steps pressed the button")
            buttons.click()
            return
        control.click()

    def follow(self, key: str) -> None:
        """Follow the link or button ``key`` of the page's main part (not the header's)."""
        self.main_control(key).click()

    def field(self, key: str) -> Locator:
        """The form field labelled with the text ``key``."""
        return self.page.get_by_label(accessible_name(self.labels[key]))

    def sign_in(self, email: str, password: str) -> None:
        """Fill in a sign-in form (the shoppers' or the support console's) and send it."""
        self.field(Label.EMAIL).fill(email)
        self.field(Label.PASSWORD).fill(password)
        self.press(Label.SIGN_IN_BUTTON, within=self.main)


def accessible_name(label: str) -> re.Pattern[str]:
    """The label as a whole accessible name, in any case, allowing a trailing colon or a
    decoration such as › or → (and a required-field star); ``/…/`` is a pattern as written."""
    if is_pattern(label):
        return re.compile(label[1:-1], re.IGNORECASE)
    return re.compile(rf"^\s*{re.escape(label.strip())}(\s*[^\w\s]{{1,2}})?\s*\*?\s*$", re.IGNORECASE)


def contained_text(label: str) -> str | re.Pattern[str]:
    """For texts that may stand within a longer one (headings, notices): the label, or its pattern."""
    return re.compile(label[1:-1], re.IGNORECASE) if is_pattern(label) else label


def is_pattern(label: str) -> bool:
    return len(label) > 2 and label.startswith("/") and label.endswith("/")
