"""Whether an account is confirmed, seen through the evidence a target's profile offers.

A page that says "confirmed" proves nothing about the account (REG-14, CONF-11 check its
state too). The best evidence is the personal data, reached through "My account", showing
the address without its "Unconfirmed email" mark. A target without that page (or whose
profile names no "My account") still gives evidence where an unconfirmed account cannot sign
in at all (a grace period of 0): she signs in. A profile that offers neither gets the check
reported "not checked", naming what is missing, never a set-up error that hides the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import expect

from mailflow_specs.actors.shopper import Shopper
from mailflow_specs.actors.world import World
from mailflow_specs.errors import NotChecked
from mailflow_specs.flows.account import sign_in, sign_in_successfully, sign_out
from mailflow_specs.flows.checks import check_address_confirmed
from mailflow_specs.flows.confirmation import open_personal_data
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.gate import own_verdict
from mailflow_specs.targets.labels import Label, Timing
from mailflow_specs.targets.profile import TargetProfile

# The texts of the path to the personal data and of the page itself (CONF-03).
PERSONAL_DATA_TEXTS = (Label.MY_ACCOUNT, Label.PROFILE_SETTINGS, Label.CHANGE_SETTINGS,
                       Label.EDIT_PROFILE, Label.PERSONAL_DATA_HEADING, Label.UNCONFIRMED_EMAIL)
# The texts of signing in and of seeing that she is signed in.
SIGN_IN_TEXTS = (Label.EMAIL, Label.PASSWORD, Label.SIGN_IN_BUTTON)
# The header controls that show a shopper is signed in, best first.
SIGNED_IN_TEXTS = (Label.MY_ACCOUNT, Label.SIGN_OUT)
PERSONAL_DATA = "personal data"
SIGN_IN = "sign-in"


@dataclass(frozen=True, slots=True)
class Evidence:
    """How the confirmed state is checked on this target (``PERSONAL_DATA`` or ``SIGN_IN``)."""

    kind: str
    why: str


def signed_in_label(profile: TargetProfile) -> str:
    """The header control that shows she is signed in: "My account", else "Sign out"."""
    for key in SIGNED_IN_TEXTS:
        if key in profile.labels:
            return key
    raise NotChecked("whether she is signed in cannot be seen: the profile's [labels] name "
                     f"neither {' nor '.join(repr(str(k)) for k in SIGNED_IN_TEXTS)}")


def confirmed_state_evidence(profile: TargetProfile) -> Evidence:
    """The evidence of a confirmed account this profile allows, or NotChecked saying why none."""
    missing = [str(k) for k in PERSONAL_DATA_TEXTS if k not in profile.labels]
    blocked_path = own_verdict(profile, "CHG-01")  # the path to the personal data: the settings
    if profile.has_feature("personal_data") and not missing and blocked_path is None:
        return Evidence(PERSONAL_DATA, "her address on the personal data, no longer marked unconfirmed")
    no_personal_data = ("the target has no personal-data page" if not profile.has_feature("personal_data")
                        else f"the path to the personal data: CHG-01 is a {blocked_path[0]}" if blocked_path
                        else f"the profile's [labels] lack {', '.join(missing)}")
    blocked_at_once = profile.timings.get(Timing.GRACE_PERIOD_DAYS) == 0  # "none" reads None
    sign_in_missing = [str(k) for k in SIGN_IN_TEXTS if k not in profile.labels]
    has_marker = any(k in profile.labels for k in SIGNED_IN_TEXTS)
    if blocked_at_once and not sign_in_missing and has_marker:
        return Evidence(SIGN_IN, "she signs in, which an unconfirmed account cannot ([timing] "
                                 f"grace_period_days = 0); not the personal data: {no_personal_data}")
    why_not_sign_in = (f"the profile's [labels] lack {', '.join(sign_in_missing)}" if sign_in_missing
                       else "the profile's [labels] name neither 'my_account' nor 'sign_out'" if not has_marker
                       else "an unconfirmed account can sign in too ([timing] grace_period_days is not 0)")
    raise NotChecked(f"the account's confirmed state cannot be seen: not on the personal data "
                     f"({no_personal_data}); not by signing in ({why_not_sign_in})")


def check_confirmed(world: World, shopper: Shopper) -> None:
    """The account is confirmed, by the best evidence the profile offers (see the module)."""
    evidence = confirmed_state_evidence(world.profile)
    screen = Screen(world.page, world.profile)
    if evidence.kind == PERSONAL_DATA:
        if not screen.header_control(Label.MY_ACCOUNT).count():
            sign_in_successfully(world, shopper)
        check_address_confirmed(world, open_personal_data(world), shopper.email)
        return
    if Label.SIGN_OUT in world.profile.labels and screen.header_control(Label.SIGN_OUT).count():
        sign_out(world)  # signed in by the link itself: sign in anew, as the evidence
    page = sign_in(world, shopper)
    expect(page.header_control(signed_in_label(world.profile)),
           world.said(f"the account confirmed: {evidence.why}")).to_be_visible()

