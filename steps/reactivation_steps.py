"""Steps of a blocked account and the appeal for reactivation (CONF-02, CONF-09..CONF-11)."""

from behave import given, then, when
from playwright.sync_api import expect

from mailflow_specs.flows.account import sign_in_successfully
from mailflow_specs.flows.checks import check_blocked_notice, check_refused_beside
from mailflow_specs.flows.elsewhere import follow_others_link, fresh_browser
from mailflow_specs.flows.letter_checks import check_no_new_letter
from mailflow_specs.flows.letters import await_letter, follow_link
from mailflow_specs.flows.reactivation import (
    ACTIVATION,
    appeal,
    blocked_account,
    check_appeal_offered,
    choose_registered_address,
    proved_identity,
    reactivate_from_letter,
    received_activation_letter,
    seen_blocked_notice,
)
from mailflow_specs.pages.appeal import (
    ActivationChoicePage,
    ProveItIsYouPage,
)
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label, Refusal, Timing


@given("{who:Shopper}'s unconfirmed account has been blocked")
def step_given_account_blocked(context, who):
    blocked_account(context.world, context.world.shopper(who))


@given("{who:Shopper} has seen the notice that {her:Pronoun} account is blocked")
def step_given_seen_notice(context, who, her):
    seen_blocked_notice(context.world, context.world.shopper(who, her))


@given('{who:Shopper} has opened "My account" and seen that {her:Pronoun} account is blocked')
def step_given_opened_and_seen_blocked(context, who, her):
    world = context.world
    world.shopper(who, her)
    Screen(world.page, world.profile).header_control(Label.MY_ACCOUNT).click()
    check_blocked_notice(world)


@given("{who:Shopper} has proved in the appeal that it is {her:Pronoun}")
def step_given_proved_identity(context, who, her):
    proved_identity(context.world, context.world.shopper(who, her))


@given("{who:Shopper} has received the activation letter")
def step_given_received_activation_letter(context, who):
    received_activation_letter(context.world, context.world.shopper(who))


@given("{who:Shopper} has reactivated {her:Pronoun} account from the activation letter")
def step_given_reactivated(context, who, her):
    shopper = context.world.shopper(who, her)
    received_activation_letter(context.world, shopper)
    reactivate_from_letter(context.world, shopper)


@given("{who:Shopper} has had the activation letter sent to {her:Pronoun} registered address")
def step_given_activation_letter_sent(context, who, her):
    """The appeal's last step, and the letter it sends (the link a later step follows)."""
    shopper = context.world.shopper(who, her)
    choose_registered_address(context.world)
    await_letter(context.world, shopper, ACTIVATION)


@given("{who:Shopper} has received the activation letter, in a browser of {his:Pronoun} own")
def step_given_other_received_activation_letter(context, who, his):
    world = context.world
    other = world.shopper(who, his)
    with fresh_browser(world) as there:
        received_activation_letter(there, other)


@given("{who:Shopper} follows the link in {other:Shopper}'s activation letter")
@when("{who:Shopper} follows the link in {other:Shopper}'s activation letter")
def step_when_follows_other_activation_link(context, who, other):
    follow_others_link(context.world, who, other, Label.ACTIVATE_LINK)


@given("the activation link's lifetime has passed")
def step_given_activation_link_expired(context):
    world = context.world
    world.let_time_pass(world.current_shopper(), Timing.ACTIVATION_LINK_LIFETIME_HOURS)


@given("{who:Shopper} appeals for reactivation with {her:Pronoun} password")
@when("{who:Shopper} appeals for reactivation with {her:Pronoun} password")
def step_when_appeals(context, who, her):
    appeal(context.world, context.world.shopper(who, her).password)


@given("{who:Shopper} appeals for reactivation with {other:Shopper}'s password")
@when("{who:Shopper} appeals for reactivation with {other:Shopper}'s password")
def step_when_appeals_with_other_password(context, who, other):
    world = context.world
    me = world.shopper(who)
    password = world.shopper(other).password
    world.shopper(me.first_name)  # she goes on being the one a pronoun names
    appeal(world, password)


@when("{who:Shopper} appeals for reactivation but gives a wrong password")
def step_when_appeals_wrongly(context, who):
    appeal(context.world, context.world.shopper(who).password + "x")


@when("{who:Shopper} appeals for reactivation without giving {her:Pronoun} password")
def step_when_appeals_without_password(context, who, her):
    context.world.shopper(who, her)
    appeal(context.world, "")


@given("{who:Shopper} chooses to send the activation letter to {her:Pronoun} registered address")
@when("{who:Shopper} chooses to send the activation letter to {her:Pronoun} registered address")
def step_when_chooses_registered_address(context, who, her):
    context.world.shopper(who, her)
    choose_registered_address(context.world)


@given("{who:Shopper} follows the link in the activation letter")
@when("{who:Shopper} follows the link in the activation letter")
@when("{who:Shopper} follows the link in the activation letter again")
def step_when_follows_activation_link(context, who):
    follow_link(context.world, context.world.shopper(who), Label.ACTIVATE_LINK)


@then("{who:Shopper} sees a notice that {her:Pronoun} account is blocked because "
      "{her2:Pronoun} address was not confirmed")
def step_then_sees_blocked_notice(context, who, her, her2):
    context.world.shopper(who, her, her2)
    check_blocked_notice(context.world)


@then('the notice offers "Appeal for reactivation"')
def step_then_notice_offers_appeal(context):
    check_appeal_offered(context.world)


@then("{who:Shopper} is offered to send the activation letter to {her:Pronoun} registered address")
def step_then_offered_registered_address(context, who, her):
    context.world.shopper(who, her)
    page = ActivationChoicePage(context.world.page, context.world.profile)
    expect(page.title, context.world.said("the appeal's next step")).to_be_visible()
    expect(page.send_to_registered_address, context.world.said("send to the registered address")).to_be_visible()


@then("the appeal does not go on to the activation letter")
def step_then_appeal_stops(context):
    """Whatever stops it (the browser's own "fill in this field", or the shop's message), the
    appeal stays at the proof: no choice of address, and no activation letter."""
    world = context.world
    expect(ProveItIsYouPage(world.page, world.profile).password, world.said("still asked for the password")) \
        .to_be_visible()
    expect(ActivationChoicePage(world.page, world.profile).title, world.said("no next step")).to_have_count(0)
    check_no_new_letter(world, world.current_shopper().email, ACTIVATION, 0, "after an appeal without a password")


@then("the appeal refuses the password, saying it is not right")
def step_then_appeal_refuses_password(context):
    world = context.world
    field = ProveItIsYouPage(world.page, world.profile).password
    check_refused_beside(field, world.refusal(Refusal.APPEAL_WRONG_PASSWORD),
                         world.said("the refusal beside the password"))
    expect(ActivationChoicePage(world.page, world.profile).title, world.said("no next step")).to_have_count(0)
    # Rejects: a wrong password that is refused but sends the activation letter anyway.
    check_no_new_letter(world, world.current_shopper().email, ACTIVATION, 0, "after a wrong password")


@then("an activation letter with a link arrives in {her:Pronoun} mailbox")
def step_then_activation_letter_arrives(context, her):
    world = context.world
    letter = await_letter(world, world.shopper(her), ACTIVATION)
    letter.link(world.text(Label.ACTIVATE_LINK))


@then("a page says {her:Pronoun} account is active again")
def step_then_account_active_again(context, her):
    context.world.shopper(her)
    heading = Screen(context.world.page, context.world.profile).heading(Label.ACCOUNT_REACTIVATED)
    expect(heading, context.world.said("the account is active again")).to_be_visible()


@then("{who:Shopper} can sign in to {her:Pronoun} account again")
def step_then_can_sign_in_again(context, who, her):
    sign_in_successfully(context.world, context.world.shopper(who, her))
