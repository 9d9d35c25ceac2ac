"""A page read as a newcomer reads it, for drafting a profile (``mailflow probe --draft``):
its controls with their accessible names (and whether they stand in the header), its form
fields by label, its headings, the texts beside each field, and its forms sent with the
browser's own validation switched off (so that the target's own refusals show).
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

_CONTROLS_JS = """() => Array.from(document.querySelectorAll(
    'a[href], button, [role=button], [role=link], input[type=submit], input[type=button]'))
  .filter(e => e.offsetParent !== null || e.getClientRects().length)
  .map(e => ({name: (e.getAttribute('aria-label') || e.innerText || e.value || '').trim().replace(/\\s+/g, ' '),
              in_header: !!e.closest('header, [role=banner]'),
              submits: e.matches('button:not([type]), button[type=submit], input[type=submit]') && !!e.form}))
  .filter(c => c.name)"""

_FIELDS_JS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(e => !['hidden', 'submit', 'button'].includes(e.type) && (e.offsetParent !== null))
  .map(e => {
    const label = e.labels && e.labels[0];
    const labelText = ((label && label.innerText) || e.getAttribute('aria-label') || '').trim();
    let group = e.parentElement;
    while (group && label && !group.contains(label)) { group = group.parentElement; }
    if (group && group === label) { group = group.parentElement; }
    const others = group ? Array.from(group.querySelectorAll('input, select, textarea'))
      .filter(f => f !== e && f.type !== 'hidden') : [];
    const scope = (group && !others.length) ? group : e.parentElement;
    const ids = (e.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const described = ids.map(id => (document.getElementById(id) || {}).innerText || '').join(' ');
    const beside = [described, ...((scope && scope.innerText) || '').split('\\n')]
      .map(t => t.trim().replace(/\\s*\\*$/, '')).filter(t => t && t !== labelText.replace(/\\s*\\*$/, ''));
    return {label: labelText.replace(/\\s*[*:]\\s*$/, '').trim(), type: e.type || e.tagName.toLowerCase(),
            name: e.name || e.id || '', beside: Array.from(new Set(beside))};
  })"""


@dataclass(frozen=True, slots=True)
class Control:
    name: str
    in_header: bool
    submits: bool


@dataclass(frozen=True, slots=True)
class Field:
    label: str
    type: str
    name: str
    beside: tuple[str, ...]


class PageSurvey:
    def __init__(self, page: Page) -> None:
        self.page = page

    def controls(self) -> list[Control]:
        return [Control(c["name"], c["in_header"], c["submits"]) for c in self.page.evaluate(_CONTROLS_JS)]

    def fields(self) -> list[Field]:
        return [Field(f["label"], f["type"], f["name"], tuple(f["beside"])) for f in self.page.evaluate(_FIELDS_JS)]

    def headings(self) -> list[str]:
        return [t.strip() for t in self.page.get_by_role("heading").all_inner_texts() if t.strip()]

    def lines(self) -> list[str]:
        """The page's visible text, line by line (each stripped, none empty)."""
        return [line.strip() for line in self.page.locator("body").inner_text().split("\n") if line.strip()]

    def press(self, name: str, *, first: str = "link") -> None:
        """Press the control of exactly this name, a ``first`` (link or button) before the other
        kind (a menu's link "Sign Up" and a form's button "Sign Up" on one page), and wait for the page."""
        other = "button" if first == "link" else "link"
        named = self.page.get_by_role(first, name=name, exact=True)
        if named.count() == 0:
            named = self.page.get_by_role(other, name=name, exact=True)
        named.first.click()
        self.page.wait_for_load_state()

    def fill(self, label: str, value: str) -> None:
        self.page.get_by_label(label, exact=True).first.fill(value)

    def send_form(self, button: str) -> None:
        """Send the form with the browser's own validation off: the target's refusals show."""
        self.page.evaluate("() => document.querySelectorAll('form').forEach(f => { f.noValidate = true; })")
        self.press(button, first="button")  # the form's own button, not a link of the same name
