"""Steps that look at the account from another place than the page an action landed on: a
fresh browser, another shopper's browser, the plain-text part of a letter, a second session."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.actors.phrases import PhraseTable
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.account import account_pages_text, sign_in, sign_in_successfully
from mailflow_specs.flows.checks import (
    check_address_confirmed,
    check_blocked_notice,
    check_no_blocked_notice,
    check_wrong_password_refused,
)
from mailflow_specs.flows.confirmation import open_personal_data
from mailflow_specs.flows.confirmed_state import check_confirmed, signed_in_label
from mailflow_specs.flows.elsewhere import (
    SECOND_BROWSER,
    check_parts_agree,
    check_seen_from_second_browser,
    check_signed_out_in_second_browser,
    check_text_part_same_code,
    check_text_part_same_link,
    check_text_part_says_nothing_else,
    follow_others_link,
    fresh_browser,
    move_to_fresh_browser,
    open_other_browser,
    world_in,
)
from mailflow_specs.flows.letters import await_letter, follow_link
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.account import SignInPage
from mailflow_specs.pages.email_change import NewAddressPage
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label

# A letter as a feature names it -> (its subject key, its link key or None for a code, the address
# it goes to: her current one, the new one she asked for, or the old one after a change).
LETTERS = PhraseTable("letter", {
    "confirmation letter": (Label.CONFIRMATION_SUBJECT, Label.CONFIRM_LINK, "current"),
    "activation letter": (Label.ACTIVATION_SUBJECT, Label.ACTIVATE_LINK, "current"),
    "letter with the link": (Label.EMAIL_CHANGE_LINK_SUBJECT, Label.EMAIL_CHANGE_LINK, "current"),
    "letter with the code": (Label.CODE_SUBJECT, None, "new"),
    "notice of the change": (Label.CHANGE_NOTICE_SUBJECT, Label.CHANGE_NOTICE_HELP, "old"),
})


def her_letter(world, shopper, name: str) -> tuple[Letter, str | None]:
    """Her latest letter of the kind a feature names (the one she last read, else the one that
    arrives now, at the address that kind goes to), and the profile key of its link (None: a code)."""
    subject, link, where = LETTERS.lookup(name, shopper)
    last = shopper.last_letter
    if last is None or world.text(subject) not in last.subject:
        address = {"current": None, "new": lambda: shopper.planned_change().new,
                   "old": lambda: shopper.planned_change().old}[where]
        last = await_letter(world, shopper, subject, address=address() if address else None)
    return last, link


@when("{who:Shopper} reads the plain-text part of the {letter}")
def step_when_reads_plain_text(context, who, letter):
    world = context.world
    shopper = world.shopper(who)
    last, link = her_letter(world, shopper, letter)
    shopper.typed = {"letter": last, "link": link}


@then("it holds the same link as the letter's HTML part")
def step_then_same_link(context):
    world = context.world
    read = world.current_shopper().typed
    letter, key = read["letter"], read["link"]
    html_only = Letter.of(letter.heading, "", letter.html)
    pattern = world.profile.links.get(key)
    url = html_only.link_matching(pattern) if pattern else html_only.link(world.text(key))
    check_text_part_same_link(world, letter, url)


@then("it holds the same code as the letter's HTML part")
def step_then_same_code(context):
    world = context.world
    check_text_part_same_code(world, world.current_shopper().typed["letter"])


@then("it tells nothing that the HTML part does not")
def step_then_nothing_else(context):
    world = context.world
    check_text_part_says_nothing_else(world, world.current_shopper().typed["letter"])


@when("{who:Shopper} follows the big link in the letter in a fresh browser")
def step_when_follows_big_link_elsewhere(context, who):
    shopper = context.world.shopper(who)
    move_to_fresh_browser(context.world)
    follow_link(context.world, shopper, Label.CONFIRM_LINK)


@when("{who:Shopper} follows the link in the activation letter in a fresh browser")
def step_when_follows_activation_link_elsewhere(context, who):
    shopper = context.world.shopper(who)
    move_to_fresh_browser(context.world)
    follow_link(context.world, shopper, Label.ACTIVATE_LINK)


@given("{who:Shopper} follows the big link in {other:Shopper}'s letter")
@when("{who:Shopper} follows the big link in {other:Shopper}'s letter")
def step_when_follows_other_big_link(context, who, other):
    follow_others_link(context.world, who, other, Label.CONFIRM_LINK)


@then("{who:Shopper}'s address is confirmed, seen from a fresh browser")
def step_then_confirmed_elsewhere(context, who):
    world = context.world
    with fresh_browser(world) as there:
        check_confirmed(there, world.shopper(who))


@then('{who:Shopper}\'s address is still marked "Unconfirmed email"')
def step_then_still_unconfirmed(context, who):
    world = context.world
    page = open_personal_data(world)
    expect(page.main, world.said("her own address")).to_contain_text(world.shopper(who).email)
    expect(page.unconfirmed_label, world.said('still "Unconfirmed email"')).to_be_visible()


@then("a form for {her:Pronoun} new address opens there, once {she:Pronoun} has signed in if asked")
def step_then_new_address_form_elsewhere(context, her, she):
    world = context.world
    shopper = world.shopper(her, she)
    sign_in_page = SignInPage(world.page, world.profile)
    if sign_in_page.field(Label.PASSWORD).count():
        sign_in_page.sign_in(shopper.email, shopper.password)
    page = NewAddressPage(world.page, world.profile)
    expect(page.heading(Label.NEW_ADDRESS_HEADING), world.said("the form for the new address")).to_be_visible()
    expect(page.new_address, world.said("the field for the new address")).to_be_editable()


@when("{who:Shopper} opens {her:Pronoun} personal data")
def step_when_opens_personal_data(context, who, her):
    context.world.shopper(who, her)
    open_personal_data(context.world)


@when("{who:Shopper} goes through the pages of {her:Pronoun} account")
def step_when_goes_through_account_pages(context, who, her):
    world = context.world
    shopper = world.shopper(who, her)
    seen = account_pages_text(world)
    seen.append((world.text(Label.EDIT_PROFILE), open_personal_data(world).main.inner_text()))
    shopper.typed = {"account pages": seen}


@then("none of them shows {her:Pronoun} old address")
def step_then_old_address_nowhere(context, her):
    world = context.world
    shopper = world.shopper(her)
    old = shopper.planned_change().old.casefold()
    showing = [name for name, text in shopper.typed["account pages"] if old in text.casefold()]
    if showing:
        verb = "shows" if len(showing) == 1 else "show"
        raise ExpectationFailed(world.said(f"expected no page of her account to show her old address {old}; "
                                           f"{', '.join(repr(n) for n in showing)} still {verb} it."))


@then('{her:Pronoun} personal data shows {her2:Pronoun} new address, not marked "Unconfirmed email"')
def step_then_personal_data_new_address(context, her, her2):
    world = context.world
    change = world.shopper(her, her2).planned_change()
    page = open_personal_data(world)
    check_address_confirmed(world, page, change.new)
    expect(page.main, world.said("the old address is gone")).not_to_contain_text(change.old)


@given("{who:Shopper} is signed in in a second browser too")
@when("{who:Shopper} signs in in a second browser too")
def step_given_signed_in_elsewhere(context, who):
    world = context.world
    shopper = world.shopper(who)
    sign_in_successfully(world_in(world, open_other_browser(world, SECOND_BROWSER)), shopper)


@then("{who:Shopper}'s address is confirmed, seen from {her:Pronoun} second browser")
def step_then_confirmed_in_second_browser(context, who, her):
    world = context.world
    check_seen_from_second_browser(world, world.shopper(who, her), confirmed=True)


@then('{who:Shopper}\'s address is still marked "Unconfirmed email", seen from {her:Pronoun} second browser')
def step_then_unconfirmed_in_second_browser(context, who, her):
    world = context.world
    check_seen_from_second_browser(world, world.shopper(who, her), confirmed=False)


@then("{who:Shopper}'s second browser no longer lets {her:Pronoun} use {her2:Pronoun} account")
def step_then_blocked_in_second_browser(context, who, her, her2):
    context.world.shopper(who, her, her2)
    check_signed_out_in_second_browser(context.world)


@when('{who:Shopper} opens "My account" in the second browser')
def step_when_opens_my_account_elsewhere(context, who):
    world = context.world
    world.shopper(who)
    page = world.other_devices[SECOND_BROWSER].page
    Screen(page, world.profile).header_control(Label.MY_ACCOUNT).click()


@then("the second browser asks {her:Pronoun} to sign in")
def step_then_second_browser_signed_out(context, her):
    world = context.world
    world.shopper(her)
    page = world.other_devices[SECOND_BROWSER].page
    screen = SignInPage(page, world.profile)
    expect(screen.field(Label.PASSWORD), world.said("the other session is over: the sign-in form")).to_be_visible()
    expect(screen.header_control(Label.SIGN_OUT), world.said("not signed in there")).to_have_count(0)


@then("{she:Pronoun} does not see the notice that {her:Pronoun} account is blocked")
def step_then_no_blocked_notice(context, she, her):
    context.world.shopper(she, her)
    check_no_blocked_notice(context.world)


@then("the sign-in is refused as for any wrong password")
def step_then_refused_as_any_wrong_password(context):
    check_wrong_password_refused(context.world)


@given("{who:Shopper} signs in with a wrong password")
@when("{who:Shopper} signs in with a wrong password")
def step_when_signs_in_wrongly(context, who):
    world = context.world
    shopper = world.shopper(who)
    page = SignInPage(world.page, world.profile)
    page.open()
    page.sign_in(shopper.email, shopper.password + "x")


@given("{who:Shopper} and {other:Shopper} each shop in a browser of their own")
def step_given_own_browsers(context, who, other):
    """From now on each shopper acts in a browser of her own (the first named keeps this one),
    as ``mailflow explore`` has them: one signed in does not sign the other out."""
    context.world.own_browsers = {}


@given("{who:Shopper} has followed the big link in the letter in a fresh browser")
def step_given_followed_big_link_elsewhere(context, who):
    """The letter read on another device; she goes on in her own browser."""
    shopper = context.world.shopper(who)
    with fresh_browser(context.world) as there:
        follow_link(there, shopper, Label.CONFIRM_LINK)


@given("{who:Shopper} has followed the link in the activation letter in a fresh browser")
def step_given_followed_activation_link_elsewhere(context, who):
    shopper = context.world.shopper(who)
    with fresh_browser(context.world) as there:
        follow_link(there, shopper, Label.ACTIVATE_LINK)


@given("{who:Shopper} has followed the link in the letter in a fresh browser, signing in if asked")
def step_given_followed_change_link_elsewhere(context, who):
    world = context.world
    shopper = world.shopper(who)
    move_to_fresh_browser(world)
    follow_link(world, shopper, Label.EMAIL_CHANGE_LINK)
    sign_in_page = SignInPage(world.page, world.profile)
    if sign_in_page.field(Label.PASSWORD).count():
        sign_in_page.sign_in(shopper.email, shopper.password)


@then("the plain-text part of {her:Pronoun} {letter} holds the same link as its HTML part")
@then("the plain-text part of {her:Pronoun} {letter} holds the same code as its HTML part")
def step_then_parts_agree(context, her, letter):
    """Her latest letter of that kind: the plain text holds the HTML part's link or code (a
    letter of plain text alone has nothing to disagree with)."""
    world = context.world
    shopper = world.shopper(her)
    last, link = her_letter(world, shopper, letter)
    check_parts_agree(world, last, link)


@then("the plain-text part of {her:Pronoun} {letter} tells nothing that its HTML part does not")
def step_then_text_part_nothing_else(context, her, letter):
    world = context.world
    shopper = world.shopper(her)
    last, _ = her_letter(world, shopper, letter)
    check_text_part_says_nothing_else(world, last)


@then("a sign-in from a fresh browser shows {who:Shopper} that {her:Pronoun} account is blocked")
def step_then_blocked_elsewhere(context, who, her):
    shopper = context.world.shopper(who, her)
    with fresh_browser(context.world) as there:
        sign_in(there, shopper)
        check_blocked_notice(there)


@then("a sign-in from a fresh browser lets {who:Shopper} use {her:Pronoun} account")
def step_then_signed_in_elsewhere(context, who, her):
    shopper = context.world.shopper(who, her)
    with fresh_browser(context.world) as there:
        page = sign_in(there, shopper)
        expect(page.header_control(signed_in_label(there.profile)), there.said("signed in")).to_be_visible()


@then('{who:Shopper}\'s address is still marked "Unconfirmed email", seen from a fresh browser')
def step_then_still_unconfirmed_elsewhere(context, who):
    shopper = context.world.shopper(who)
    with fresh_browser(context.world) as there:
        sign_in(there, shopper)
        page = open_personal_data(there)
        expect(page.main, there.said("her own address")).to_contain_text(shopper.email)
        expect(page.unconfirmed_label, there.said('still "Unconfirmed email"')).to_be_visible()
