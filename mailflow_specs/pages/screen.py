"""What every screen of a target shares: its header and named controls.

The structure contract (README "The structure contract"): controls are links or buttons
found by accessible name; fields by their label; the header is the ``banner`` landmark and
the page's own part the ``main`` landmark, and where a page has none the whole page stands
in for it (the report notes "no banner landmark on …"). Names are matched tolerantly: any
case, a trailing colon or decoration; a profile text written ``/like this/`` is a pattern.
Where names differ only in letter case ("Sign Up" and "Sign up"), the exact one wins, with a
note. A flow's entry (``enter``) is the header's control, else a control of that name
anywhere on the page, else the profile's route for it, each fallback with a note.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.targets.labels import Label, Route
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
        return self.by_role(scope, "link", name).or_(self.by_role(scope, "button", name))

    def by_role(self, scope: Locator | Page, role: str, name: str) -> Locator:
        """Elements of ``role`` named ``name`` in ``scope``, matched in any letter case; where
        one is named in exactly this case, only those ("Sign up" beside "Sign Up")."""
        tolerant = accessible_name(name)
        exact = exact_name(name)
        if exact is None:
            return scope.get_by_role(role, name=tolerant)
        exactly = scope.get_by_role(role, name=exact)
        without_exact = self.page.locator("html").filter(has_not=exactly)
        rest = without_exact if scope is self.page else without_exact.locator(scope)
        return exactly.or_(rest.get_by_role(role, name=tolerant))

    def note_case_differences(self, name: str, scope: Locator | Page | None = None) -> None:
        """A note where controls named ``name`` differ only in letter case (the exact one is used)."""
        exact = exact_name(name)
        scope = scope if scope is not None else self.page
        if exact is None:
            return
        tolerant = accessible_name(name)
        every = [scope.get_by_role(r, name=tolerant).count() for r in ("link", "button")]
        exactly = [scope.get_by_role(r, name=exact).count() for r in ("link", "button")]
        if sum(exactly) and sum(every) > sum(exactly):
            structure.note(f"on {structure.page_name(self.page)} controls are named {name!r} in other letter "
                           "case too: the steps used the one named exactly so")

    def enter(self, key: str, route: str, *, may_route: bool = True, in_header: bool = True) -> None:
        """Reach a flow from its entry ``key``: the header's control (the default); else a
        control of that name anywhere on the page, with a note; else, where ``may_route`` (the
        entry is not the scenario's own subject), the profile's ``[routes] route``, with a note.
        Fails at once, saying where it looked, when none is there."""
        routed = may_route and route in self.profile.routes
        if key not in self.labels and routed:
            self.open_route(route, instead_of=key)
            return
        anywhere = self.control(self.labels[key])
        header = self.header_control(key) if in_header else anywhere
        try:
            header.or_(anywhere).first.wait_for(state="visible", timeout=ENTRY_WAIT_MS if routed else None)
        except PlaywrightTimeoutError:
            if routed:
                self.open_route(route, instead_of=key)
                return
            where = "in the header of" if in_header else "on"
            raise ExpectationFailed(
                f"Expected a link or button named {self.labels[key]!r} {where} "
                f"{structure.page_name(self.page)} (or anywhere on it); there is none"
                + ("." if not may_route else f", and the profile has no [routes] {route} to reach it otherwise.")
            ) from None
        self.note_case_differences(self.labels[key])
        if header.count():
            header.click()
            return
        structure.note(f"on {structure.page_name(self.page)} {self.labels[key]!r} is not in the header "
                       "(banner landmark): the steps used the control of that name in the page")
        anywhere.click()

    def open_route(self, route: str, *, instead_of: str) -> None:
        """Open a flow's ``[routes]`` entry instead of its control ``instead_of``, with a note."""
        where = structure.page_name(self.page) if not self.page.url.startswith("about:") else "the way there"
        structure.note(f"no {self.labels.texts.get(instead_of, instead_of)!r} control taken on {where}: "
                       f"the steps opened [routes] {route} = {self.profile.routes[route]!r}")
        self.page.goto(self.profile.routes[route])

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
        name = self.labels[key]
        links = self.by_role(self.header, "link", name)
        buttons = self.header.filter(has_not=self.by_role(self.page, "link", name))
        return links.or_(self.by_role(buttons, "button", name))

    def open_home(self) -> None:
        self.page.goto(self.profile.route(Route.HOME))

    def press(self, key: str, *, within: Locator | None = None) -> None:
        """Press the control ``key``. Where a link and a button share the name (a form's
        "Register" button and a menu's "Register" link), the button is pressed, with a note."""
        scope = within if within is not None else self.page
        control = self.control(self.labels[key], within=scope)
        buttons = self.by_role(scope, "button", self.labels[key])
        try:
            control.first.wait_for(state="attached")
        except PlaywrightTimeoutError:  # the target does not offer it: a difference, not a breakdown
            raise ExpectationFailed(f"Expected a link or button named {self.labels[key]!r} on "
                                    f"{structure.page_name(self.page)}; there is none.") from None
        self.note_case_differences(self.labels[key], scope)
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
        """The form field labelled with the text ``key`` (exactly so, where labels differ only in case)."""
        return labelled(self.page, self.labels[key])

    def sign_in(self, email: str, password: str) -> None:
        """Fill in a sign-in form (the shoppers' or the support console's) and send it."""
        self.field(Label.EMAIL).fill(email)
        self.field(Label.PASSWORD).fill(password)
        self.press(Label.SIGN_IN_BUTTON, within=self.main)


# How long a flow's entry control is awaited before its route is taken instead (milliseconds).
ENTRY_WAIT_MS = 1500


def labelled(page: Page, label: str) -> Locator:
    """The field labelled ``label``, in any letter case; where one is labelled in exactly this
    case, only that one."""
    exact = exact_name(label)
    tolerant = page.get_by_label(accessible_name(label))
    if exact is None:
        return tolerant
    exactly = page.get_by_label(exact)
    return exactly.or_(page.locator("html").filter(has_not=exactly).get_by_label(accessible_name(label)))


def exact_name(label: str) -> re.Pattern[str] | None:
    """The label as a whole accessible name in exactly this letter case (None for a pattern)."""
    if is_pattern(label):
        return None
    return re.compile(rf"^\s*{re.escape(label.strip())}(\s*[^\w\s]{{1,2}})?\s*\*?\s*$")


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
