"""A blocked account and the appeal for reactivation (CONF-02, CONF-09..CONF-11) as domain verbs."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from mailflow_specs.actors.reliance import relies_on
from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.flows.account import registered_unconfirmed, sign_in
from mailflow_specs.flows.checks import check_blocked_notice
from mailflow_specs.flows.letters import await_letter, follow_link
from mailflow_specs.mail.letter import Letter
from mailflow_specs.pages.appeal import (
    ActivationChoicePage,
    BlockedNoticePage,
    ProveItIsYouPage,
)
from mailflow_specs.targets.labels import Label, Route, Timing

ACTIVATION = Label.ACTIVATION_SUBJECT
GRACE_PERIOD = Timing.GRACE_PERIOD_DAYS


def let_grace_period_pass(world: World, shopper: Shopper, *,
                          margin: timedelta = timedelta(hours=1)) -> None:
    """Age her account past the target's grace period by ``margin`` (negative: just inside)."""
    world.let_time_pass(shopper, GRACE_PERIOD, margin=margin)


# "Near the end of the grace period": this long before it ends.
NEAR_THE_END = timedelta(hours=1)


def let_grace_period_almost_pass(world: World, shopper: Shopper) -> None:
    """Age her account to just inside the grace period (it ends ``NEAR_THE_END`` later)."""
    world.let_time_pass(shopper, GRACE_PERIOD, margin=-NEAR_THE_END)


def let_rest_of_grace_period_pass(world: World, shopper: Shopper) -> None:
    """After ``let_grace_period_almost_pass``: the rest of it, and as long again past its end."""
    world.seams.age_account(shopper.email, hours=2 * NEAR_THE_END / timedelta(hours=1))


@relies_on("CONF-02")
def blocked_account(world: World, shopper: Shopper) -> None:
    registered_unconfirmed(world, shopper)
    let_grace_period_pass(world, shopper)


@relies_on("CONF-09")
def seen_blocked_notice(world: World, shopper: Shopper) -> BlockedNoticePage:
    blocked_account(world, shopper)
    sign_in(world, shopper)
    return check_blocked_notice(world)


@relies_on("CONF-10")
def appeal(world: World, password: str) -> ProveItIsYouPage:
    """From the notice: "Appeal for reactivation", then prove it is you with ``password``."""
    BlockedNoticePage(world.page, world.profile).enter(
        Label.APPEAL, Route.APPEAL, may_route="CONF-10" not in world.instructions, in_header=False)
    page = ProveItIsYouPage(world.page, world.profile)
    # Named CONF-10's, not the scenario's (world.said): in a CONF-11 scenario that relies on the
    # appeal, a failure here is CONF-10's ("not checked: depends on CONF-10"), not CONF-11's.
    expect(page.title, "CONF-10: the appeal's first step").to_be_visible()
    expect(page.password, "CONF-10: the appeal asks for her password").to_be_visible()
    page.prove(password)
    return page


@relies_on("CONF-10")
def proved_identity(world: World, shopper: Shopper) -> ActivationChoicePage:
    seen_blocked_notice(world, shopper)
    appeal(world, shopper.password)
    page = ActivationChoicePage(world.page, world.profile)
    expect(page.title, world.said("the appeal's next step")).to_be_visible()
    return page


def choose_registered_address(world: World) -> None:
    page = ActivationChoicePage(world.page, world.profile)
    page.send_to_registered_address.click()
    expect(page.main, world.said("the letter is announced")).to_contain_text(
        world.text(Label.ACTIVATION_LETTER_SENT))


@relies_on("CONF-10", "CONF-11")
def received_activation_letter(world: World, shopper: Shopper) -> Letter:
    proved_identity(world, shopper)
    choose_registered_address(world)
    return await_letter(world, shopper, ACTIVATION)


@relies_on("CONF-11")
def reactivate_from_letter(world: World, shopper: Shopper) -> None:
    follow_link(world, shopper, Label.ACTIVATE_LINK)
    heading = BlockedNoticePage(world.page, world.profile).heading(Label.ACCOUNT_REACTIVATED)
    expect(heading, world.said("the account is active again")).to_be_visible()


def check_appeal_offered(world: World) -> None:
    """The blocked notice offers "Appeal for reactivation" (CONF-10's entry). A target whose profile
    declares the appeal absent has none to offer: CONF-10 is reported absent with the team's reason,
    and the scenario's other instructions (the notice itself, CONF-09) keep their own verdicts."""
    if not world.profile.has_feature("appeal"):
        return
    notice = BlockedNoticePage(world.page, world.profile)
    expect(notice.appeal_control, world.said("Appeal for reactivation")).to_be_visible()
