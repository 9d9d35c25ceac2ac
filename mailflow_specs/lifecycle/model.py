"""The account's lifecycle as the guide tells it: states, actions, and what each action predicts.

Written from fixtures/instructions.toml and the guide (shared/spec), never from a target's code,
so a product owner can read it as a table. An account is in one STATE at a time; an ACTION is
allowed in some states and predicts the page the shopper sees, the letter that arrives (if any)
and the state after it. ``Account`` keeps what the guide says a shopper holds: her addresses and
the letters whose link or code still works.

A target's declared facts (``Rules``, from its profile: a grace period of 0, features it does not
have, instructions it does differently) change what is predicted (registering leads straight to
"blocked" where an unconfirmed account is blocked at once) and which actions are tried at all
(``left_out``: an action of an absent feature, or whose instruction is a declared deviation, is
never tried, so never a discrepancy); ``transitions`` counts only what that target can reach.

The explorer (``mailflow_specs.run.explore``) performs the actions on a target and compares what it
observes with ``predict``; this module does no I/O.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from functools import cache

from mailflow_specs.lifecycle.rules import GUIDE, Rules

# The states of an account (the guide's words in brackets).
NONE = "none"                        # not registered yet
UNCONFIRMED = "unconfirmed"          # registered, within the grace period (CONF-01)
BLOCKED = "blocked"                  # unconfirmed past the grace period (CONF-02, CONF-09)
APPEAL_SENT = "appeal sent"          # proved it is her, activation letter sent (CONF-10, CONF-11)
CONFIRMED = "confirmed"              # the address is confirmed (REG-14, CONF-08, CONF-11)
CHANGE_REQUESTED = "change requested"  # "Verify now": a link went to the current address (CHG-04, CHG-05)
NEW_ADDRESS_GIVEN = "new address given"  # "Send request": a code went to the new address (CHG-06, CHG-07)
CHANGED = "changed"                  # the new address is bound and confirmed (CHG-08)
STATES = (NONE, UNCONFIRMED, BLOCKED, APPEAL_SENT, CONFIRMED, CHANGE_REQUESTED, NEW_ADDRESS_GIVEN, CHANGED)

# States in which the shopper can sign in and use her account.
USABLE = (UNCONFIRMED, CONFIRMED, CHANGE_REQUESTED, NEW_ADDRESS_GIVEN, CHANGED)
# States whose address is confirmed (no "Unconfirmed email" on the personal data).
CONFIRMED_STATES = (CONFIRMED, CHANGED)


@dataclass(frozen=True, slots=True)
class Action:
    """One thing a shopper (or the clock) does, the instructions it exercises, and its phrase
    in the features' own words (``{who}`` is the shopper, ``{other}`` the other one).

    Every phrase is a step of the features (``steps/``): ``phrase`` is the step of the action
    itself (a When, and a Given too when the action is not the last of a sequence), ``leading``
    the Given steps that bring the shopper to it, and ``given`` the Given steps that do the whole
    action, waiting for its letter, where the features have them (printed instead of leading and
    phrase when the action is not the last: a later step follows the link of that letter)."""

    name: str
    ids: tuple[str, ...]
    phrase: str
    then: str = ""   # what the guide predicts, in the features' words ("" : see the account's state)
    needs: str = ""  # a capability of the target profile it needs ("" for none)
    feature: str = ""  # the feature it uses that a target may not have (targets/features.py)
    clock: str = ""  # the rule whose time it lets pass: "grace" or "resend"
    leading: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # what it is tried with, one drawn each time (``{value}``)

    def steps(self, *, last: bool) -> tuple[str, ...]:
        """The feature steps that perform it, as the last action of a sequence or before it."""
        return self.given if self.given and not last else (*self.leading, self.phrase)


# Names the guide accepts besides the shopper's own (REG-04: "your real data or just a pseudonym"),
# as registration.feature's examples have them.
PSEUDONYMS = ("Olenka", "Bargain Hunter", "Ola Kowalska-O'Neil", "Kitty99")
# Addresses the guide refuses: "all information in English letters" (REG-03), as the features say them.
FOREIGN_ADDRESSES = ("an address written in Cyrillic letters", "an address with one Cyrillic letter among Latin ones",
                     "an address whose domain is written in Cyrillic letters")

ACTIONS = {a.name: a for a in (
    Action("register", ("REG-10", "REG-11"), '{who} presses "Create your profile"',
           then="{who} sees that the registration succeeded",
           leading=("{who} has filled in the registration form correctly",),
           given=("{who} has just created {her} profile",)),
    Action("register_pseudonym", ("REG-04", "REG-10", "REG-11"), '{who} presses "Create your profile"',
           then="{who} sees that the registration succeeded",
           leading=('{who} has filled in the registration form with the pseudonym "{value}"',), values=PSEUDONYMS),
    Action("register_foreign_address", ("REG-03", "REG-06"), "{who} tries to create {her} profile with {value}",
           then="the form says beside the email address that it must be written in English letters",
           leading=("{who} is on the registration form",), values=FOREIGN_ADDRESSES),
    Action("confirm", ("REG-13", "REG-14"), "{who} follows the big link in the letter",
           then="a new page says {her} email address is confirmed"),
    Action("confirm_elsewhere", ("REG-14",), "{who} follows the big link in the letter in a fresh browser",
           then="a new page says {her} email address is confirmed",
           given=("{who} has followed the big link in the letter in a fresh browser",)),
    Action("confirm_others_link", ("REG-14",), "{who} follows the big link in {other}'s letter",
           then="{other}'s address is confirmed, seen from a fresh browser"),
    Action("ask_new_letter", ("CONF-06", "CONF-07"),
           '{who} clicks "Click here to confirm" beside {her} address',
           then="a confirmation letter with a link arrives at once", feature="personal_data",
           leading=('{who} has pressed "Edit" on {her} personal data',),
           given=('{who} has pressed "Edit" on {her} personal data', "{who} has asked for another confirmation letter")),
    Action("grace_passes", ("CONF-01", "CONF-02"), "the grace period has passed since {who} registered",
           needs="account_aging", clock="grace"),
    # The grace period counts from registering, whatever happens in it (CONF-02): split in two, with
    # another letter asked for in between, it still ends when it would have.
    Action("grace_almost_passes", ("CONF-01", "CONF-02"), "almost the whole grace period has passed since {who} registered",
           needs="account_aging", clock="grace"),
    Action("grace_rest_passes", ("CONF-02",), "the rest of the grace period has passed since {who} registered",
           needs="account_aging", clock="grace"),
    Action("resend_wait_passes", ("CONF-07",), "the waiting time before another letter to {who} has passed",
           needs="account_aging", clock="resend"),
    Action("sign_in", ("CONF-01", "CONF-09", "CHG-08"), "{who} signs in with {her} password",
           then="{who} can use {her} account"),
    # A session of her own in another browser, looked at after every change of her account: the
    # state seen from a second place that was open all along (not only a fresh sign-in).
    Action("sign_in_second_browser", ("CONF-01",), "{who} signs in in a second browser too",
           then="{who} can use {her} account", given=("{who} is signed in in a second browser too",)),
    Action("sign_in_wrong", ("CONF-09",), "{who} signs in with a wrong password",
           then="the sign-in is refused as for any wrong password"),
    Action("appeal", ("CONF-10", "CONF-11"),
           "{who} chooses to send the activation letter to {her} registered address",
           then="an activation letter with a link arrives in {her} mailbox", feature="appeal",
           leading=("{who} signs in with {her} password", "{who} appeals for reactivation with {her} password"),
           given=("{who} signs in with {her} password", "{who} appeals for reactivation with {her} password",
                  "{who} has had the activation letter sent to {her} registered address")),
    Action("appeal_with_others_password", ("CONF-10",), "{who} appeals for reactivation with {other}'s password",
           then="the appeal refuses the password, saying it is not right", feature="appeal",
           leading=("{who} signs in with {her} password",)),
    Action("activate", ("CONF-11",), "{who} follows the link in the activation letter",
           then="a page says {her} account is active again"),
    Action("activate_others_link", ("CONF-11",), "{who} follows the link in {other}'s activation letter",
           then="{other}'s address is confirmed, seen from a fresh browser"),
    Action("activate_elsewhere", ("CONF-11",), "{who} follows the link in the activation letter in a fresh browser",
           then="a page says {her} account is active again",
           given=("{who} has followed the link in the activation letter in a fresh browser",)),
    Action("verify_now", ("CHG-04", "CHG-05"), '{who} presses "Verify now"',
           then="a letter with a link arrives at {her} current address",
           leading=("{who} has chosen to change {her} email address",),
           given=("{who} has asked to verify through {her} current address",)),
    Action("open_others_change_link", ("CHG-05",), "{who} follows the link in {other}'s letter",
           then="no form for a new address of {her} account opens"),
    Action("send_request", ("CHG-05", "CHG-06", "CHG-07"),
           '{who} enters {her} new address and presses "Send request"',
           then="a letter with a confirmation code arrives at {her} new address",
           leading=("{who} follows the link in the letter",)),
    Action("send_request_elsewhere", ("CHG-05", "CHG-06", "CHG-07"),
           '{who} enters {her} new address and presses "Send request"',
           then="a letter with a confirmation code arrives at {her} new address",
           leading=("{who} has followed the link in the letter in a fresh browser, signing in if asked",)),
    # "Verify now", the link and "Send request" in one: a shortcut that brings a sequence deep into
    # a change of address in one draw (both shoppers at once, for the cross cases of the code).
    Action("ask_change", ("CHG-04", "CHG-05", "CHG-06", "CHG-07"), "{who} asks to change {her} address to a new one",
           then="a letter with a confirmation code arrives at {her} new address",
           given=("{who} has asked to change {her} address to a new one",)),
    Action("support_change", ("CHG-09",), "the agent sends a confirmation code to the new address {she} gave",
           then="a letter with a confirmation code arrives at {her} new address", needs="support_console",
           feature="support_chat", leading=("{who} is chatting with an agent of customer support",),
           given=("{who} is chatting with an agent of customer support",
                  "the agent has sent a confirmation code to the new address {she} gave")),
    Action("type_code", ("CHG-07", "CHG-08"), "{who} enters the code from the letter at {her} new address",
           then="a page says {her} email address has been changed"),
    # The code letter read on another device: its link there, a sign-in if asked, the code typed
    # there. Her usual browser may be signed out by then (the guide does not say), so she signs in anew.
    Action("type_code_elsewhere", ("CHG-07", "CHG-08"),
           "{who} types the code from the letter in a fresh browser, signing in if asked",
           then="a page says {her} email address has been changed"),
    Action("type_others_code", ("CHG-07",), "{who} types the code from {other}'s letter and confirms",
           then="the code is refused because \"the code is wrong\"",
           leading=("{who} has opened the page for the code from {her} letter",)),
)}


@dataclass(frozen=True, slots=True)
class Account:
    """What the guide says one shopper's account holds at a moment."""

    state: str = NONE
    address: str = ""            # the address she signs in with and letters go to
    new_address: str = ""        # the address she asked to change to (while a change is open)
    confirmed: bool = False      # no "Unconfirmed email" beside the address
    resend_ready: bool = True    # whether "Click here to confirm" may be asked again now
    live: frozenset[str] = field(default_factory=frozenset)  # letters whose link or code still works
    grace: str = ""              # the grace period since registering: "" running, "almost" over, "over"

    @property
    def can_sign_in(self) -> bool:
        return self.state in USABLE


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the guide predicts after an action: the account, the page's key (a profile label,
    "" for no check), the letter that arrives (a subject key, "" for none), or a refusal."""

    account: Account
    page: str = ""
    letter: str = ""
    refused: bool = False


def left_out(action: str, rules: Rules = GUIDE) -> str:
    """Why ``action`` is never tried on a target with these rules, in a sentence; "" when it is."""
    spec = ACTIONS[action]
    return rules.left_out(feature=spec.feature, ids=spec.ids, needs=spec.needs, clock=spec.clock)


def allowed(action: str, me: Account, other: Account, *, signed_in: bool, rules: Rules = GUIDE) -> bool:
    """Whether the explorer may try ``action`` now: the guide's preconditions, plus what a
    shopper can do at all (a link must be in a letter she holds, a form must be open to her),
    on a target whose rules do not leave it out."""
    if left_out(action, rules):
        return False
    s = me.state
    rules = {
        "register": s == NONE,
        "register_pseudonym": s == NONE,
        "register_foreign_address": s == NONE and not signed_in,
        "confirm": "confirm" in me.live,
        "confirm_elsewhere": "confirm" in me.live,
        "confirm_others_link": "confirm" in other.live and signed_in,
        "ask_new_letter": s == UNCONFIRMED and signed_in and me.resend_ready,
        "grace_passes": s != NONE,
        "grace_almost_passes": s == UNCONFIRMED and not me.grace,
        "grace_rest_passes": me.grace == "almost",
        "resend_wait_passes": s == UNCONFIRMED and not me.resend_ready,
        "sign_in": s != NONE and not signed_in,
        "sign_in_second_browser": me.can_sign_in,  # the explorer: once until that session ends
        "sign_in_wrong": s != NONE and not signed_in,
        "appeal": s == BLOCKED and not signed_in,
        "appeal_with_others_password": s == BLOCKED and not signed_in and other.state != NONE,
        "activate": "activate" in me.live,
        "activate_elsewhere": "activate" in me.live,
        "activate_others_link": "activate" in other.live and signed_in,
        "verify_now": s in (UNCONFIRMED, CONFIRMED, CHANGED) and signed_in,
        "open_others_change_link": "change" in other.live and signed_in,
        "send_request": "change" in me.live and signed_in,
        "send_request_elsewhere": "change" in me.live and signed_in,
        "ask_change": s in (UNCONFIRMED, CONFIRMED, CHANGED) and signed_in,
        "support_change": s in (UNCONFIRMED, CONFIRMED, CHANGED) and signed_in,
        "type_code": "code" in me.live and s == NEW_ADDRESS_GIVEN and signed_in,
        "type_code_elsewhere": "code" in me.live and s == NEW_ADDRESS_GIVEN,
        "type_others_code": "code" in other.live and s == NEW_ADDRESS_GIVEN and signed_in,
    }
    return rules[action]


def _confirm(me: Account) -> Account:
    state = CONFIRMED if me.state in (UNCONFIRMED, APPEAL_SENT, BLOCKED) else me.state
    return replace(me, state=state, confirmed=True, live=me.live - {"confirm", "activate"})


def _time_passes(me: Account) -> Account:
    """The grace period passes: every link and code has expired; an unconfirmed account is
    blocked (an open change of it abandoned), a confirmed one keeps its state, its change void."""
    state = (CHANGED if me.state == CHANGED else CONFIRMED) if me.confirmed else BLOCKED
    return replace(me, state=state, new_address="", live=frozenset(), resend_ready=True)


def predict(action: str, me: Account, *, address: str = "", new_address: str = "",
            rules: Rules = GUIDE) -> Prediction:
    """The guide's prediction for ``action`` on ``me`` (``allowed`` says when it is tried), on a
    target with these ``rules``."""
    match action:
        case "register" | "register_pseudonym":  # unconfirmed for a grace period, or blocked at once
            return Prediction(Account(BLOCKED if rules.blocked_at_once else UNCONFIRMED, address,
                                      live=frozenset({"confirm"})),
                              page="registration_success", letter="confirmation_subject")
        case "register_foreign_address":  # refused beside the field: no account
            return Prediction(me, refused=True)
        case "confirm" | "confirm_elsewhere":
            return Prediction(_confirm(me), page="email_confirmed")
        case "confirm_others_link" | "activate_others_link":
            return Prediction(me)  # the other account is confirmed (reactivated); hers is untouched
        case "open_others_change_link":  # no form for her account; whether his link still works
            return Prediction(me)          # after that, the guide does not say: he asks anew
        case "ask_new_letter":  # a new letter, the older link replaced (CONF-07)
            return Prediction(replace(me, resend_ready=rules.resend_at_once, live=me.live | {"confirm"}),
                              letter="confirmation_subject")
        case "grace_passes" | "grace_rest_passes":
            return Prediction(replace(_time_passes(me), grace="over"))
        case "grace_almost_passes":  # still usable; the links of its letters have expired by now
            return Prediction(replace(me, grace="almost", live=frozenset(), resend_ready=True))
        case "resend_wait_passes":
            return Prediction(replace(me, resend_ready=True))
        case "sign_in":
            return Prediction(me, page="sign_out" if me.can_sign_in else "account_blocked")
        case "sign_in_second_browser":
            return Prediction(me, page="sign_out")
        case "sign_in_wrong" | "appeal_with_others_password" | "type_others_code":
            return Prediction(me, refused=True)
        case "appeal":
            return Prediction(replace(me, state=APPEAL_SENT, live=me.live | {"activate"}),
                              letter="activation_subject")
        case "activate" | "activate_elsewhere":
            return Prediction(_confirm(me), page="account_reactivated")
        case "verify_now":
            return Prediction(replace(me, state=CHANGE_REQUESTED, live=me.live | {"change"}),
                              letter="email_change_link_subject")
        case "send_request" | "send_request_elsewhere" | "support_change" | "ask_change":
            return Prediction(replace(me, state=NEW_ADDRESS_GIVEN, new_address=new_address,
                                      live=(me.live - {"change"}) | {"code"}), letter="code_subject")
        case "type_code" | "type_code_elsewhere":
            return Prediction(Account(CHANGED, me.new_address, confirmed=True, live=me.live - {"code", "confirm"}),
                              page="email_changed", letter="change_notice_subject")
    raise ValueError(f"Expected an action of the lifecycle model; got {action!r}.")


# The actions on the other shopper's letter, which change her account (``others_after``).
ON_OTHERS_LETTER = ("confirm_others_link", "activate_others_link", "open_others_change_link")

# A moment of a sequence: both shoppers' accounts and whether each is signed in (Ola's first).
Moment = tuple[Account, Account, bool, bool]


def others_after(action: str, other: Account, rules: Rules = GUIDE) -> Account:
    """The other shopper's account after an action on one of her letters: confirmed by her
    confirmation link, reactivated by her activation link, her change link given up."""
    match action:
        case "confirm_others_link":
            return predict("confirm", other, rules=rules).account
        case "activate_others_link":
            return predict("activate", other, rules=rules).account
        case "open_others_change_link":
            return replace(other, live=other.live - {"change"})
    return other


def _after(action: str, moment: Moment, who: int, rules: Rules) -> Moment:
    """The moment after ``who`` (0 or 1) performs ``action``, as the explorer keeps it: the
    account predicted, the other one's confirmed by her own link, the session after a sign-in
    or after the block."""
    me, other, signed_in = moment[who], moment[1 - who], moment[2 + who]
    after = predict(action, me, rules=rules).account
    other = others_after(action, other, rules)
    if action == "sign_in":
        signed_in = after.can_sign_in
    elif action in ("grace_passes", "grace_rest_passes"):
        signed_in = signed_in and after.can_sign_in
    elif action == "type_code_elsewhere":
        signed_in = False
    accounts, sessions = [after, other][:: 1 - 2 * who], [moment[2], moment[3]]
    sessions[who] = signed_in
    return accounts[0], accounts[1], sessions[0], sessions[1]


@cache
def _reachable(rules: Rules, also: str = "") -> frozenset[tuple[str, str, str]]:
    """Every (state before, action, state after) a target with ``rules`` can reach from two new
    shoppers (``also``: one action left out tried all the same, to see what it would open)."""
    start: Moment = (Account(), Account(), False, False)
    seen, queue, found = {start}, deque([start]), set()
    while queue:
        moment = queue.popleft()
        for who in (0, 1):
            me, other = moment[who], moment[1 - who]
            for action in ACTIONS:
                if not (allowed(action, me, other, signed_in=moment[2 + who], rules=rules) or (
                        action == also and allowed(action, me, other, signed_in=moment[2 + who]))):
                    continue
                after = _after(action, moment, who, rules)
                found.add((me.state, action, after[who].state))
                if after not in seen:
                    seen.add(after)
                    queue.append(after)
    return frozenset(found)


def transitions(rules: Rules = GUIDE) -> set[tuple[str, str, str]]:
    """Every (state before, action, state after) that a target with these rules can reach,
    for "transitions visited"."""
    return set(_reachable(rules))


def not_explored(rules: Rules = GUIDE) -> dict[str, str]:
    """The actions never tried on a target with these rules, and why, in a sentence each:
    left out by its declarations, or reached only through an action that is."""
    why = {action: reason for action in ACTIONS if (reason := left_out(action, rules))}
    reached = {action for _, action, _ in _reachable(rules)}
    for action in ACTIONS:
        if action in why or action in reached:
            continue
        through = [other for other in why if action in {a for _, a, _ in _reachable(rules, other)}]
        why[action] = (f"reached only through {' or '.join(through)}, left out" if through
                       else "never reachable on this target")
    return why
