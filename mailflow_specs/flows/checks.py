"""Checks of what the shopper sees that Playwright's ``expect`` has no word for.

Each fails with ``ExpectationFailed`` saying what was expected and what was there.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from mailflow_specs.actors.world import World
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.pages.account import LinkUnusablePage, SignInPage
from mailflow_specs.pages.appeal import BlockedNoticePage
from mailflow_specs.pages.personal_data import PersonalDataPage
from mailflow_specs.pages.registration import RegistrationPage
from mailflow_specs.pages.screen import contained_text, is_pattern
from mailflow_specs.targets.labels import Label, Refusal
from mailflow_specs.verdicts import structure

# Where a refusal "beside the field" can stand: the field's accessible description
# (aria-describedby); its group, the nearest ancestor holding its label and the field and no
# other field (where UI kits print it, unlinked); its container, up to two levels up, unless the
# refusal is another field's (its description or group: a container may hold both). Also the
# short texts around it, for a failure to quote.
_BESIDE_JS = """el => {
  const isField = n => n.matches('input:not([type=hidden]), select, textarea');
  const about = f => {
    const ids = (f.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const described = ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ');
    const label = f.labels && f.labels[0];
    const labelText = (label && label.textContent) || '';
    let group = f.parentElement;
    while (group && label && !group.contains(label)) { group = group.parentElement; }
    if (group && group === label) { group = group.parentElement; }
    if (group && Array.from(group.querySelectorAll('input, select, textarea')).some(n => n !== f && isField(n))) {
      group = null;
    }
    return {label: labelText.trim(), described: described.trim(),
            group: group ? group.textContent.replace(labelText, ' ').trim() : ''};
  };
  const mine = about(el);
  const parent = el.parentElement, grand = parent && parent.parentElement;
  const around = [parent, grand].map(n => n ? n.textContent : '').join(' ');
  const own = parent ? parent.textContent.replace(mine.label, ' ') : '';
  const scope = (parent || el).parentElement || parent || el;
  const nearby = (scope.innerText || '').split('\\n').map(t => t.trim())
    .filter(t => t && t !== mine.label).slice(0, 8);
  const form = el.form || document;
  const others = Array.from(form.querySelectorAll('input, select, textarea'))
    .filter(n => n !== el && isField(n) && n.type !== 'checkbox' && n.type !== 'radio').map(about);
  return {described: mine.described, group: mine.group, around: around.trim(), own: own.trim(), nearby, others};
}"""


def check_refused_beside(field: Locator, refusal: str, what: str) -> str:
    """The refusal stands beside the field: best as its accessible description (the structure
    contract); else in the field's group (the nearest ancestor holding its label and the
    field: where UI kits print it) or its container, with a note; the browser's own
    validation of the field passes too. An empty ``refusal`` (the profile has no text for it)
    accepts any refusal there. Says who refused: "by the target" or "by the browser"."""
    page = field.page
    native = field.evaluate("el => el.validity && !el.validity.valid ? el.validationMessage : ''") \
        if field.count() == 1 else ""
    if native:  # the browser's own validation kept the form from being sent, saying why
        structure.note(f"on {structure.page_name(page)} the browser's own form validation refused "
                       f"the input ({native!r}), before the target saw it")
        return "by the browser"
    try:
        if refusal:
            expect(page.get_by_text(contained_text(refusal)).first, f"{what}: the refusal").to_be_visible()
        expect(field, f"{what}: the field").to_be_visible()
    except AssertionError:
        raise ExpectationFailed(
            f"{what}: expected the form to refuse the input beside its field"
            + (f" with {refusal!r}" if refusal else "")
            + f"; no such refusal: the page is {structure.page_name(page)}"
            + (", the form gone: the input was accepted." if not field.count() else ".")) from None
    beside = field.evaluate(_BESIDE_JS)
    if _says(beside["described"], refusal):
        return "by the target"
    group = "the field's group (the element holding its label and the field)"
    if _says(beside["group"], refusal):
        _note_not_described(page, group)
        return "by the target"
    # Beside another field is not beside this one (a shared container would hold both).
    elsewhere = [other["label"] or "a field without a label" for other in beside["others"]
                 if refusal and (_says(other["described"], refusal) or _says(other["group"], refusal))]
    if elsewhere:
        raise ExpectationFailed(f"{what}: expected {refusal!r} beside the field; it stands beside another "
                                f"field, {elsewhere[0]!r}.")
    container = beside["around"] if refusal else beside["own"]
    if _says(container, refusal):
        _note_not_described(page, "the field's container")
        return "by the target"
    raise ExpectationFailed(
        f"{what}: expected {refusal!r} beside the field; the kit looked in its accessible description "
        f"(aria-describedby: {beside['described']!r}), its group and its container, and found nearby: "
        f"{', '.join(repr(t) for t in beside['nearby']) or 'no text'}.")


def _note_not_described(page, where: str) -> None:
    structure.note(f"on {structure.page_name(page)} a refusal stands in {where} but is not the "
                   "field's accessible description (aria-describedby)")


def _says(text: str, refusal: str) -> bool:
    """``text`` holds the refusal (a /pattern/ as one), or any text where none is named."""
    if not refusal:
        return bool(text)
    if is_pattern(refusal):
        return bool(re.search(refusal[1:-1], text, re.IGNORECASE))
    return refusal in text


def address_as_typed(address: str) -> re.Pattern[str]:
    """For ``expect``: the email address she typed, kept. Its domain may come back in other
    letter case (domains ignore case, and libraries write them small); its local part may not."""
    local, at, domain = address.rpartition("@")
    if not at:
        return re.compile(f"^{re.escape(address)}$")
    anycase = "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in domain)
    return re.compile(f"^{re.escape(local)}@{anycase}$")


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


def check_blocked_notice(world: World) -> BlockedNoticePage:
    """The notice that the account is blocked, and why (CONF-09), and the session really ended.

    Rejects: a notice shown while the shopper stays signed in (the header still offers "My
    account"), a notice without its reason."""
    notice = BlockedNoticePage(world.page, world.profile)
    expect(notice.title, world.said("the notice that the account is blocked")).to_be_visible()
    expect(notice.main, world.said("why it is blocked")).to_contain_text(
        world.text(Label.BLOCKED_BECAUSE_UNCONFIRMED))
    # The session ended: checked with the texts the profile names (a target may name neither).
    if Label.MY_ACCOUNT in world.profile.labels:
        expect(notice.header_control(Label.MY_ACCOUNT),
               world.said("the session ended with the notice: no \"My account\" in the header")).to_have_count(0)
    if Label.SIGN_IN in world.profile.labels:
        expect(notice.header_control(Label.SIGN_IN),
               world.said("the session ended with the notice: \"Sign in\" in the header")).to_be_visible()
    return notice


def check_wrong_password_refused(world: World) -> None:
    """The refusal the target gives any wrong password, wherever on the sign-in page it stands;
    the form is still there to try again."""
    page = SignInPage(world.page, world.profile)
    refusal = world.refusal(Refusal.WRONG_CREDENTIALS)
    if refusal:
        expect(world.page.get_by_text(refusal).first, world.said("the refusal of a wrong password")).to_be_visible()
    expect(page.field(Label.PASSWORD), world.said("the sign-in form, to try again")).to_be_visible()


def check_no_blocked_notice(world: World) -> None:
    """No notice that the account is blocked (after a wrong password, say)."""
    notice = BlockedNoticePage(world.page, world.profile)
    expect(notice.heading(Label.ACCOUNT_BLOCKED), world.said("no blocked notice for a wrong password")).to_have_count(0)
    # Not the appeal control: a sign-in page may always offer it (Flask-Security's "Confirm account").
    expect(notice.main, world.said("nothing said about the account's state")).not_to_contain_text(
        world.text(Label.BLOCKED_BECAUSE_UNCONFIRMED))


def check_address_confirmed(world: World, page: PersonalDataPage, email: str) -> None:
    """The account's state, not a heading: the personal data shows the address, unmarked.

    Rejects: a page that says "confirmed" while the account stays unconfirmed."""
    expect(page.main, world.said("her address on the personal data")).to_contain_text(email)
    expect(page.unconfirmed_label, world.said('the address no longer marked "Unconfirmed email"')) \
        .to_have_count(0)


def check_read_only(world: World, page: PersonalDataPage, name: str) -> None:
    """The page shows the name but offers no editable name field (CONF-04)."""
    expect(page.main, world.said("the name is shown")).to_contain_text(name)
    if page.name_field.count():
        expect(page.name_field.first, world.said("the name field is not editable")).not_to_be_editable()


def check_at_the_bottom(world: World, page: PersonalDataPage, email: str) -> None:
    """The "Edit" control stands below the personal data it edits (CONF-05: "at the bottom")."""
    expect(page.edit_button, world.said("Edit")).to_be_visible()
    edit_box = page.edit_button.bounding_box()
    data_box = page.address(email).bounding_box()
    if edit_box is None or data_box is None or edit_box["y"] < data_box["y"] + data_box["height"]:
        raise ExpectationFailed(
            world.said("expected Edit below the personal data; "
                       f"Edit is at {edit_box}, the address at {data_box}."))


def check_beside_address(world: World, page: PersonalDataPage, email: str) -> None:
    """"Click here to confirm" stands on the same line as the address (CONF-06: "next to it")."""
    address = page.address(email)
    expect(address, world.said("the address")).to_be_visible()
    expect(page.confirm_button, world.said("Click here to confirm")).to_be_visible()
    a, b = address.bounding_box(), page.confirm_button.bounding_box()
    if a is None or b is None or b["y"] > a["y"] + a["height"] or a["y"] > b["y"] + b["height"]:
        raise ExpectationFailed(
            world.said("expected Click here to confirm beside the address, on the same line; "
                       f"the address is at {a}, the control at {b}."))


def check_small_print(page: RegistrationPage, small_print: Locator, what: str) -> None:
    """The line is printed smaller than the page's ordinary text (REG-11: "mała czcionka")."""
    expect(small_print, what).to_be_visible()
    small, ordinary = page.font_size(small_print), page.font_size(page.page.locator("body"))
    if small >= ordinary:
        raise ExpectationFailed(
            f"{what}: expected a font smaller than the page's ordinary {ordinary}px; got {small}px.")
