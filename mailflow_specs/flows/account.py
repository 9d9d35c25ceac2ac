"""Accounts as domain verbs: a registered shopper, a confirmed one, signing in, the menu path."""

from __future__ import annotations

from playwright.sync_api import expect

from mailflow_specs.actors.reliance import relies_on
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.flows.letters import await_letter, confirm_from_letter
from mailflow_specs.flows.registration import register
from mailflow_specs.pages.account import AccountPages, SignInPage
from mailflow_specs.targets.labels import Capability, Label, Route

# The guide's path to the settings: My account → Profile settings → Change settings.
CHANGE_SETTINGS_PATH = (Label.MY_ACCOUNT, Label.PROFILE_SETTINGS, Label.CHANGE_SETTINGS)
# The optional test seam that creates an account without the registration form.
ACCOUNT_SEAM = Capability.ACCOUNT_SEAM


@relies_on("REG-13")
def registered_unconfirmed(world: World, shopper: Shopper) -> None:
    """She has registered and not (yet) confirmed the address. The registration letter is
    awaited (not opened), so that a later letter counts as a new one. Through the target's
    account seam where it offers one, else through the form."""
    if world.seams.offers(ACCOUNT_SEAM):
        create_through_seam(world, shopper, confirmed=False)
    else:
        register(world, shopper)
    await_letter(world, shopper, Label.CONFIRMATION_SUBJECT)


@relies_on("REG-13", "REG-14")
def registered_and_confirmed(world: World, shopper: Shopper) -> None:
    """She has registered and confirmed the address (with the account seam, or through the
    form and the letter's link)."""
    if world.seams.offers(ACCOUNT_SEAM):
        create_through_seam(world, shopper, confirmed=True)
        return
    registered_unconfirmed(world, shopper)
    confirm_from_letter(world, shopper)


def create_through_seam(world: World, shopper: Shopper, *, confirmed: bool) -> None:
    """Her account, created by the target's test seam: only where a Given needs the state;
    registering through the form is checked by the registration scenarios."""
    persona = shopper.persona
    world.seams.create_account(persona.email, persona.password, persona.full_name, confirmed=confirmed)


def sign_in(world: World, shopper: Shopper, *, email: str | None = None) -> SignInPage:
    """Sign in with her password (and her address, unless another is given)."""
    page = SignInPage(world.page, world.profile)
    page.open()
    page.sign_in(email or shopper.email, shopper.password)
    return page


def sign_in_successfully(world: World, shopper: Shopper) -> None:
    page = sign_in(world, shopper)
    expect(page.header_control(Label.SIGN_OUT), "signed in: Sign out in the header").to_be_visible()


# The instructions whose subject is the menu path itself: their scenarios take no route.
PATH_INSTRUCTIONS = frozenset({"CHG-01", "CONF-03"})


def may_take_route(world: World, *subjects: str) -> bool:
    """Whether a flow's entry may be reached by the profile's route: not where the entry
    control is the scenario's own subject."""
    return not (set(subjects) | PATH_INSTRUCTIONS) & set(world.instructions)


def open_by_route(world: World, route: str, instead_of: str, *subjects: str) -> bool:
    """Open a flow's page by its ``[routes]`` entry where the profile has one and neither the
    path nor ``subjects`` are the scenario's own (a note says so); False: follow the path."""
    if route not in world.profile.routes or not may_take_route(world, *subjects):
        return False
    AccountPages(world.page, world.profile).open_route(route, instead_of=instead_of)
    return True


@relies_on("CHG-01")
def go_to_change_settings(world: World) -> AccountPages:
    pages = AccountPages(world.page, world.profile)
    pages.go_to(*CHANGE_SETTINGS_PATH, may_route=may_take_route(world))
    return pages


def account_pages_text(world: World) -> list[tuple[str, str]]:
    """Each page on the way to "Change settings" (My account, Profile settings, Change settings),
    with the text of its main part, as she passes it."""
    pages = AccountPages(world.page, world.profile)
    first, *rest = CHANGE_SETTINGS_PATH
    pages.enter(first, Route.ACCOUNT, may_route=may_take_route(world))
    seen = []
    for key in (first, *rest):
        if key != first:
            pages.follow(key)
        expect(pages.heading(key), world.said(f"the page {world.text(key)!r}")).to_be_visible()
        seen.append((world.text(key), pages.main.inner_text()))
    return seen


def sign_out(world: World) -> None:
    """Press "Sign out" in the header; the header offers "Sign in" again."""
    page = SignInPage(world.page, world.profile)
    page.header_control(Label.SIGN_OUT).click()
    expect(page.header_control(Label.SIGN_IN), "signed out: Sign in in the header").to_be_visible()
