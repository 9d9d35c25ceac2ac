"""``mailflow explore``: random sequences of the guide's actions against a target, each action's
outcome compared with the lifecycle model (``mailflow_specs.lifecycle.model``).

Two shoppers (Ola and Marek), each with a browser of her or his own and a fresh browser for
every look from elsewhere, act through the same flows, page objects and target profile as the
features, so any target a profile describes can be explored. After every action the actor's
account is observed from independent places: a sign-in from a fresh browser, the personal data
page there, and both parts of every letter that arrived. The runner is Hypothesis stateful
testing: a discrepancy is shrunk to a short sequence and printed as a Gherkin scenario in the
features' phrasing. ``--seed`` makes a run reproducible; ``--sequences N`` or ``--budget 5m``
bounds it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import ClassVar

import psutil
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky
from hypothesis.internal.conjecture import engine
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from playwright.sync_api import expect, sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, Browsing, launch
from mailflow_specs.actors.personas import make_persona, unique_address
from mailflow_specs.actors.shopper import AddressChange, Shopper
from mailflow_specs.actors.support_agent import SupportAgent
from mailflow_specs.actors.world import World
from mailflow_specs.flows.account import sign_in
from mailflow_specs.flows.checks import (
    check_address_confirmed,
    check_blocked_notice,
    check_no_blocked_notice,
    check_refused_beside,
    check_wrong_password_refused,
)
from mailflow_specs.flows.confirmation import ask_for_new_letter, edit_personal_data, open_personal_data
from mailflow_specs.flows.confirmed_state import signed_in_label
from mailflow_specs.flows.elsewhere import (
    SECOND_BROWSER,
    check_parts_agree,
    check_seen_from_second_browser,
    check_signed_out_in_second_browser,
    check_text_part_says_nothing_else,
    fresh_browser,
    open_other_browser,
    second_browser,
    world_in,
)
from mailflow_specs.flows.email_change import ask_for_link, check_no_new_address_form, send_request, type_code
from mailflow_specs.flows.letters import await_letter, follow_link
from mailflow_specs.flows.reactivation import (
    appeal,
    choose_registered_address,
    let_grace_period_almost_pass,
    let_rest_of_grace_period_pass,
)
from mailflow_specs.flows.registration import (
    check_email_refused_not_latin,
    open_registration_form,
    register,
    try_to_register_with,
)
from mailflow_specs.flows.support import (
    agent_at_console,
    agent_opens_chat,
    check_console_shows_address,
    console_of,
    open_chat,
)
from mailflow_specs.lifecycle.model import (
    ACTIONS,
    NEW_ADDRESS_GIVEN,
    NONE,
    ON_OTHERS_LETTER,
    Account,
    allowed,
    not_explored,
    others_after,
    predict,
    transitions,
)
from mailflow_specs.lifecycle.rules import Rules
from mailflow_specs.mail.catchers import open_catcher
from mailflow_specs.mail.letter import Letter
from mailflow_specs.mail.mailbox import Mailbox
from mailflow_specs.pages.account import SignInPage
from mailflow_specs.pages.appeal import ProveItIsYouPage
from mailflow_specs.pages.email_change import ConfirmationCodePage
from mailflow_specs.pages.screen import Screen
from mailflow_specs.run import explore_results, explore_workers
from mailflow_specs.run.stack import Stack
from mailflow_specs.targets.labels import Label, Refusal, Timing
from mailflow_specs.targets.profile import TargetProfile

NAMES = ("Ola", "Marek")
# A target limits sign-ins: the reference app 10 a minute per address and 20 refused ones a minute
# per client (SIGN_IN_RATE_LIMIT, SIGN_IN_FAILURES_PER_IP), and every browser here is one client.
# The explorer stays below both, so a limit never passes for a discrepancy: an action that signs in
# is not drawn, and a look from elsewhere is left out, while the minute is used up.
SIGN_INS_A_MINUTE = 8
REFUSALS_A_MINUTE = 15
SIGNS_IN = {"sign_in", "sign_in_second_browser", "sign_in_wrong", "appeal", "appeal_with_others_password",
            "send_request_elsewhere", "type_code_elsewhere"}
REFUSED = {"sign_in_wrong", "type_code", "type_code_elsewhere"}  # a wrong password; the old address tried after a change
# How much likelier an action is drawn than the others (1).
ONWARD = {"register": 2, "register_pseudonym": 2, "register_foreign_address": 2,
          "sign_in": 4, "sign_in_second_browser": 2, "confirm": 2, "ask_new_letter": 5, "verify_now": 4,
          "ask_change": 3, "send_request": 5, "type_code": 5,
          "appeal": 4, "activate": 4, "grace_passes": 2, "grace_almost_passes": 3, "grace_rest_passes": 4,
          # and the cross cases, which only come up when both shoppers are far enough along
          "confirm_others_link": 4, "activate_others_link": 4, "open_others_change_link": 4, "type_others_code": 4,
          "appeal_with_others_password": 3, "sign_in_wrong": 2}
# Swarm testing: each sequence leaves some actions out altogether (each with this chance, drawn
# from the seed and the sequence), so that its draws go to the rest and a sequence reaches deep
# states (both shoppers in the middle of a change) that a draw among every action rarely does.
# The actions that start a lifecycle are always in; an empty draw falls back to every action.
SWARM_LEAVES_OUT = 0.35
SWARM_KEEPS = {"register", "sign_in"}
# How a scenario gives each shopper a browser of her own, as the explorer does.
OWN_BROWSERS = "{who} and {other} each shop in a browser of their own"
# The looks from elsewhere and the notices, in the features' words (each a Then of steps/).
BLOCKED_NOTICE = "{who} sees a notice that {her} account is blocked because {her} address was not confirmed"
NO_BLOCKED_NOTICE = "{she} does not see the notice that {her} account is blocked"
BLOCKED_ELSEWHERE = "a sign-in from a fresh browser shows {who} that {her} account is blocked"
SIGNED_IN_ELSEWHERE = "a sign-in from a fresh browser lets {who} use {her} account"
UNCONFIRMED_ELSEWHERE = '{who}\'s address is still marked "Unconfirmed email", seen from a fresh browser'
CONSOLE_NOW = "the console shows the agent {her} address as it is now"
CONFIRMED_IN_SECOND = "{who}'s address is confirmed, seen from {her} second browser"
UNCONFIRMED_IN_SECOND = '{who}\'s address is still marked "Unconfirmed email", seen from {her} second browser'
BLOCKED_IN_SECOND = "{who}'s second browser no longer lets {her} use {her} account"
EXPECTING = (BLOCKED_NOTICE, NO_BLOCKED_NOTICE, BLOCKED_ELSEWHERE, SIGNED_IN_ELSEWHERE, UNCONFIRMED_ELSEWHERE,
             "{who}'s address is confirmed, seen from a fresh browser", CONSOLE_NOW,
             CONSOLE_NOW + ", nothing waiting for a code", CONFIRMED_IN_SECOND, UNCONFIRMED_IN_SECOND,
             BLOCKED_IN_SECOND)
# What a feature calls each kind of letter (steps/elsewhere_steps.py LETTERS).
LETTER_NAMES = {"confirm": "confirmation letter", "activate": "activation letter", "change": "letter with the link",
                "code": "letter with the code", "notice": "notice of the change"}
PARTS_AGREE = "the plain-text part of {her} {letter} holds the same {what} as its HTML part"
NOTHING_ELSE = "the plain-text part of {her} {letter} tells nothing that its HTML part does not"
EXPECTING += tuple(PARTS_AGREE.format(her="{her}", letter=name, what="code" if kind == "code" else "link")
                   for kind, name in LETTER_NAMES.items())
EXPECTING += tuple(NOTHING_ELSE.format(her="{her}", letter=name) for name in LETTER_NAMES.values())
# What each kind of letter is called in the profile, and the link it holds (None: a code).
LETTER_KINDS = {
    "confirm": (Label.CONFIRMATION_SUBJECT, Label.CONFIRM_LINK),
    "activate": (Label.ACTIVATION_SUBJECT, Label.ACTIVATE_LINK),
    "change": (Label.EMAIL_CHANGE_LINK_SUBJECT, Label.EMAIL_CHANGE_LINK),
    "code": (Label.CODE_SUBJECT, None),
    "notice": (Label.CHANGE_NOTICE_SUBJECT, Label.CHANGE_NOTICE_HELP),
}


@dataclass
class Tally:
    """What a run explored: actions per name and instruction, transitions, sequences, failures."""

    actions: Counter = field(default_factory=Counter)
    per_instruction: Counter = field(default_factory=Counter)
    discrepancies: Counter = field(default_factory=Counter)
    transitions: set = field(default_factory=set)
    sequences: int = 0
    failures: list[str] = field(default_factory=list)
    looks_left_out: int = 0  # looks from elsewhere left out to keep below a target's sign-in limit
    sequence_log: list[dict] = field(default_factory=list)  # each sequence: number, worker, steps, outcome
    discrepancy_log: list[dict] = field(default_factory=list)  # each: sequence, steps, gherkin, evidence
    not_explored: dict[str, str] = field(default_factory=dict)  # action -> why the target leaves it out
    model_transitions: set = field(default_factory=set)  # the transitions the target can reach

    def to_json(self) -> dict:
        """The tally as plain JSON (a worker's, for the run that merges them)."""
        return {"actions": dict(self.actions), "per_instruction": dict(self.per_instruction),
                "discrepancies": dict(self.discrepancies), "transitions": sorted(list(t) for t in self.transitions),
                "sequences": self.sequences, "failures": self.failures, "looks_left_out": self.looks_left_out,
                "sequence_log": self.sequence_log, "discrepancy_log": self.discrepancy_log,
                "not_explored": self.not_explored,
                "model_transitions": sorted(list(t) for t in self.model_transitions)}

    @classmethod
    def from_json(cls, data: dict) -> Tally:
        return cls(Counter(data["actions"]), Counter(data["per_instruction"]), Counter(data["discrepancies"]),
                   {tuple(t) for t in data["transitions"]}, data["sequences"], list(data["failures"]),
                   data["looks_left_out"], list(data["sequence_log"]), list(data["discrepancy_log"]),
                   dict(data.get("not_explored", {})), {tuple(t) for t in data.get("model_transitions", [])})

    @classmethod
    def merged(cls, tallies: list[Tally]) -> Tally:
        """The workers' tallies as one: counts added, transitions joined, sequences in their order."""
        whole = cls()
        for tally in tallies:
            whole.actions.update(tally.actions)
            whole.per_instruction.update(tally.per_instruction)
            whole.discrepancies.update(tally.discrepancies)
            whole.transitions |= tally.transitions
            whole.sequences += tally.sequences
            whole.looks_left_out += tally.looks_left_out
            whole.sequence_log += tally.sequence_log
            whole.discrepancy_log += tally.discrepancy_log
            whole.not_explored.update(tally.not_explored)
            whole.model_transitions |= tally.model_transitions
        whole.sequence_log.sort(key=lambda s: s["number"])
        whole.discrepancy_log.sort(key=lambda d: d["sequence"])
        whole.failures = [d["gherkin"] for d in whole.discrepancy_log] or \
            [f for tally in tallies for f in tally.failures]
        return whole


def rules_of(profile: TargetProfile) -> Rules:
    """The target's declared facts, as the lifecycle model reads them: its grace period and wait
    for another letter (``[timing]``), its absent features, its deviations and its seams."""
    grace = profile.timings.get(Timing.GRACE_PERIOD_DAYS, 7.0)
    resend = profile.timings.get(Timing.CONFIRMATION_RESEND_SECONDS, 60.0)
    return Rules(blocked_at_once=grace == 0, never_blocked=grace is None, resend_at_once=not resend,
                 absent=frozenset(profile.absent), deviations=frozenset(profile.deviations),
                 seams=frozenset(profile.capabilities))


@dataclass
class Run:
    """The run's shared resources: the profile, the target's endpoints, browsing, the mailbox."""

    profile: TargetProfile
    endpoints: object
    browsing: Browsing
    mailbox: Mailbox

    @cached_property
    def rules(self) -> Rules:
        return rules_of(self.profile)

    def world(self) -> World:
        device = self.browsing.open()
        world = World(profile=self.profile, endpoints=self.endpoints, browsing=self.browsing, device=device,
                      mailbox=self.mailbox, seams=None, instructions=("explore",))
        return world_in(world, device)


class Explorer(RuleBasedStateMachine):
    """One sequence: two fresh shoppers, their accounts in the model, their browsers."""

    run: ClassVar[Run]
    tally: ClassVar[Tally]
    # The Then of the check under way, in the features' words (printed with a discrepancy).
    expecting: ClassVar[str] = ""
    seed: ClassVar[int] = 1
    sequence: ClassVar[int] = 0
    last_steps: ClassVar[list[str]] = []
    # The first failure of a sequence as it happened (steps, the Then under way, the error), kept
    # in case shrinking gives up: a target that answers a replay differently (a sign-in limit, a
    # clock) makes Hypothesis report its own "flaky" error instead of the shrunk sequence.
    first_failure: ClassVar[tuple[list[str], str, str] | None] = None
    refusals: ClassVar[deque[float]] = deque()  # refused sign-ins of the whole run (one client)

    def __init__(self) -> None:
        super().__init__()
        self.worlds = {name: self.run.world() for name in NAMES}
        self.shoppers = {name: Shopper(make_persona(name)) for name in NAMES}
        for name in NAMES:
            self.worlds[name].shoppers[name] = self.shoppers[name]
            self.worlds[name].last_named = name
        self.accounts = {name: Account() for name in NAMES}
        self.signed_in = dict.fromkeys(NAMES, False)
        self.second_in = dict.fromkeys(NAMES, False)  # signed in in her second browser, kept open
        self.letters: dict[str, dict[str, Letter]] = {name: {} for name in NAMES}
        self.steps: list[str] = []
        self.sign_ins: dict[str, deque[float]] = {name: deque() for name in NAMES}
        self.agent: SupportAgent | None = None  # at the console once a shopper contacts support
        self.chats: set[str] = set()  # the shoppers whose chat the agent has open
        self.value = ""  # what the action under way is tried with (a pseudonym, an address)
        self.swarm = swarm(self.seed, self.sequence)  # the actions this sequence leaves out
        Explorer.last_steps = self.steps

    def teardown(self) -> None:
        for world in self.worlds.values():
            world.close_other_devices()
            world.device.close()
        if self.agent is not None:
            self.agent.close()

    def candidates(self) -> list[tuple[str, str]]:
        offered = [(who, action) for who in NAMES for action, spec in ACTIONS.items()
                   if allowed(action, self.accounts[who], self.accounts[other_of(who)],
                              signed_in=self.signed_in[who], rules=self.run.rules)
                   and (self.values(action) or not spec.values)
                   and not (action == "sign_in_second_browser" and self.second_in[who])]
        within = [(who, action) for who, action in offered
                  if (action not in SIGNS_IN or recent(self.sign_ins[who]) < SIGN_INS_A_MINUTE - 1)
                  and (action not in REFUSED or recent(self.refusals) < REFUSALS_A_MINUTE - 1)]
        # Actions that move an account along its lifecycle come up more often, so that a short
        # sequence reaches the later states (a change of address, an appeal).
        swarmed = [(who, action) for who, action in within or offered if action not in self.swarm]
        return [pair for pair in swarmed or within or offered for _ in range(ONWARD.get(pair[1], 1))]

    @rule(data=st.data())
    def act(self, data: st.DataObject) -> None:
        # Every step draws the same, whatever it then does, so that a replay meets the same draws.
        shift, value_shift = data.draw(st.integers(0, 64), label="shift"), data.draw(st.integers(0, 8), label="value")
        offered = self.candidates()
        if not offered:  # nothing left to do (both confirmed and signed in on a target without a
            return       # change of address): the sequence has ended
        # The seed and the step's place pick the action; Hypothesis's draw shifts it (and shrinks
        # it to 0), so every sequence of a seed differs and a failing one still shrinks.
        chosen = random.Random(f"{self.seed}/{self.sequence}/{len(self.steps)}").randrange(len(offered))
        who, action = offered[(chosen + shift) % len(offered)]
        me, other = who, other_of(who)
        before = self.accounts[me]
        new_address = ""
        if action in ("send_request", "send_request_elsewhere", "support_change", "ask_change"):
            shopper = self.shoppers[me]
            shopper.address_change = AddressChange(shopper.email, unique_address(f"{shopper.full_name} new"))
            new_address = shopper.address_change.new
        value = self.pick_value(action, value_shift)
        if action == "register_pseudonym":
            self.shoppers[me].persona = self.shoppers[me].persona.with_name(value)
        prediction = predict(action, before, address=self.shoppers[me].email, new_address=new_address,
                             rules=self.run.rules)
        instructions = self.run.rules.instructions(ACTIONS[action].ids)
        self.steps.append(Step.of(action, self.shoppers[me], self.shoppers[other], self.run.rules, value))
        self.value = value
        Explorer.expecting = (phrase(ACTIONS[action].then, self.shoppers[me], self.shoppers[other])
                              or self.look(me, prediction.account))
        self.tally.actions[action] += 1
        for instruction in instructions:
            self.tally.per_instruction[instruction] += 1
        if action in SIGNS_IN:
            self.sign_ins[me].append(time.monotonic())
        if action in REFUSED:
            self.refusals.append(time.monotonic())
        try:
            getattr(self, f"do_{action}")(me, other, prediction)
            self.accounts[me] = prediction.account
            self.tally.transitions.add((before.state, action, prediction.account.state))
            if prediction.account != before:  # a sign-in of its own for every change (the target
                self.observe(me)               # limits sign-ins a minute per address)
                self.look_from_second_browser(me, action)
            if action in ON_OTHERS_LETTER:
                self.accounts[other] = others_after(action, self.accounts[other], self.run.rules)
            if action in ("confirm_others_link", "activate_others_link"):
                self.observe(me)
                self.observe(other)
                self.look_from_second_browser(other, action)
        except Exception as error:  # an expectation, or a step it relies on (NotChecked: CONF-10's password step)
            for instruction in instructions:
                self.tally.discrepancies[instruction] += 1
            if Explorer.first_failure is None:
                Explorer.first_failure = (list(self.steps), Explorer.expecting, describe(error))
            raise

    def pick_value(self, action: str, shift: int) -> str:
        """What ``action`` is tried with, picked as the action is (the seed and the step's place,
        shifted by a draw that shrinks to 0): Hypothesis's own first draw would always be the first."""
        values = self.values(action)
        if not values:
            return ""
        chosen = random.Random(f"{self.seed}/{self.sequence}/{len(self.steps)}/value").randrange(len(values))
        return values[(chosen + shift) % len(values)]

    def values(self, action: str) -> tuple[str, ...]:
        """What ``action`` may be tried with on this target: a pseudonym only in as many words as
        the form has name fields (a one-word pseudonym cannot fill "First Name" and "Last Name")."""
        values = ACTIONS[action].values
        if action == "register_pseudonym":
            return tuple(v for v in values if len(v.split()) >= len(self.run.profile.name_fields))
        return values

    # The actions, through the features' flows.
    def do_register(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        register(world, shopper)
        self.receive(me, "confirm")

    def do_register_pseudonym(self, me: str, other: str, p) -> None:
        self.do_register(me, other, p)  # under the pseudonym, now her persona's name

    def do_register_foreign_address(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        open_registration_form(world)
        try_to_register_with(world, shopper, self.value)
        check_email_refused_not_latin(world, shopper)

    def do_confirm(self, me: str, other: str, p) -> None:
        self.follow(self.worlds[me], me, "confirm", Label.EMAIL_CONFIRMED)

    def do_confirm_elsewhere(self, me: str, other: str, p) -> None:
        with fresh_browser(self.worlds[me]) as there:
            self.follow(there, me, "confirm", Label.EMAIL_CONFIRMED)

    def do_confirm_others_link(self, me: str, other: str, p) -> None:
        self.follow(self.worlds[me], other, "confirm", Label.EMAIL_CONFIRMED)

    def do_activate_others_link(self, me: str, other: str, p) -> None:
        self.follow(self.worlds[me], other, "activate", Label.ACCOUNT_REACTIVATED)

    def do_open_others_change_link(self, me: str, other: str, p) -> None:
        world = self.worlds[me]
        follow_link(world, self.shoppers[other], Label.EMAIL_CHANGE_LINK, letter=self.letters[other]["change"])
        check_no_new_address_form(world)

    def do_ask_new_letter(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        edit_personal_data(world)
        ask_for_new_letter(world, shopper)
        self.check_parts(world, me, "confirm", shopper.last_letter)

    def do_grace_passes(self, me: str, other: str, p) -> None:
        self.worlds[me].let_time_pass(self.shoppers[me], Timing.GRACE_PERIOD_DAYS)
        self.session_ends_if_blocked(me, other, p)

    def do_grace_almost_passes(self, me: str, other: str, p) -> None:
        let_grace_period_almost_pass(self.worlds[me], self.shoppers[me])

    def do_grace_rest_passes(self, me: str, other: str, p) -> None:
        let_rest_of_grace_period_pass(self.worlds[me], self.shoppers[me])
        self.session_ends_if_blocked(me, other, p)

    def session_ends_if_blocked(self, me: str, other: str, p) -> None:
        """Her open session ends with the block: the next page she opens says so."""
        world = self.worlds[me]
        if self.signed_in[me] and not p.account.can_sign_in:
            Screen(world.page, world.profile).open_home()
            Explorer.expecting = phrase(BLOCKED_NOTICE, self.shoppers[me], self.shoppers[other])
            check_blocked_notice(world)
            self.signed_in[me] = False

    def do_resend_wait_passes(self, me: str, other: str, p) -> None:
        from datetime import timedelta
        self.worlds[me].let_time_pass(self.shoppers[me], Timing.CONFIRMATION_RESEND_SECONDS,
                                      margin=timedelta(seconds=1))

    def do_sign_in(self, me: str, other: str, p) -> None:
        world = self.worlds[me]
        if not p.account.can_sign_in:
            Explorer.expecting = phrase(BLOCKED_NOTICE, self.shoppers[me], self.shoppers[other])
        sign_in(world, self.shoppers[me])
        if p.account.can_sign_in:
            expect(Screen(world.page, world.profile).header_control(signed_in_label(world.profile)),
                   "explore: signed in").to_be_visible()
            self.signed_in[me] = True
        else:
            check_blocked_notice(world)

    def do_sign_in_second_browser(self, me: str, other: str, p) -> None:
        world = self.worlds[me]
        device = world.other_devices.get(SECOND_BROWSER) or open_other_browser(world, SECOND_BROWSER)
        page = sign_in(world_in(world, device), self.shoppers[me])
        expect(page.header_control(signed_in_label(world.profile)), "explore: signed in there").to_be_visible()
        self.second_in[me] = True

    def do_sign_in_wrong(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        page = SignInPage(world.page, world.profile)
        page.open()
        page.sign_in(shopper.email, shopper.password + "x")
        check_wrong_password_refused(world)
        Explorer.expecting = phrase(NO_BLOCKED_NOTICE, shopper, self.shoppers[other])
        check_no_blocked_notice(world)

    def do_appeal(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        sign_in(world, shopper)
        check_blocked_notice(world)
        appeal(world, shopper.password)
        choose_registered_address(world)
        self.receive(me, "activate")

    def do_appeal_with_others_password(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        sign_in(world, shopper)
        check_blocked_notice(world)
        appeal(world, self.shoppers[other].password)
        check_refused_beside(ProveItIsYouPage(world.page, world.profile).password,
                             world.refusal(Refusal.APPEAL_WRONG_PASSWORD), "explore: another's password")

    def do_activate(self, me: str, other: str, p) -> None:
        self.follow(self.worlds[me], me, "activate", Label.ACCOUNT_REACTIVATED)

    def do_activate_elsewhere(self, me: str, other: str, p) -> None:
        with fresh_browser(self.worlds[me]) as there:
            self.follow(there, me, "activate", Label.ACCOUNT_REACTIVATED)

    def do_send_request_elsewhere(self, me: str, other: str, p) -> None:
        """The letter read on another device: the link there (signing in if asked), the request
        sent from there; the code is typed later in her usual browser."""
        shopper = self.shoppers[me]
        with fresh_browser(self.worlds[me]) as there:
            follow_link(there, shopper, Label.EMAIL_CHANGE_LINK, letter=self.letters[me]["change"])
            sign_in_page = SignInPage(there.page, there.profile)
            if sign_in_page.field(Label.PASSWORD).count():
                sign_in_page.sign_in(shopper.email, shopper.password)
            send_request(there, shopper)
            expect(ConfirmationCodePage(there.page, there.profile).code,
                   "explore: the field for the code").to_be_visible()
        self.receive(me, "code", address=shopper.address_change.new)

    def do_support_change(self, me: str, other: str, p) -> None:
        """"Contact support": the shopper's chat, the agent at the console starts the change."""
        world, shopper = self.worlds[me], self.shoppers[me]
        open_chat(world)
        if self.agent is None:
            self.agent = agent_at_console(world)
        world.agent = self.agent
        console = console_of(world)
        console.open()
        agent_opens_chat(world, shopper)
        console.start_change(shopper.address_change.new)
        self.chats.add(me)
        self.receive(me, "code", address=shopper.address_change.new)

    def do_verify_now(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        ask_for_link(world, shopper)
        self.letters[me]["change"] = shopper.last_letter
        self.check_parts(world, me, "change", shopper.last_letter)

    def do_send_request(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        follow_link(world, shopper, Label.EMAIL_CHANGE_LINK, letter=self.letters[me]["change"])
        send_request(world, shopper)
        expect(ConfirmationCodePage(world.page, world.profile).code, "explore: the field for the code").to_be_visible()
        self.receive(me, "code", address=shopper.address_change.new)

    def do_ask_change(self, me: str, other: str, p) -> None:
        self.do_verify_now(me, other, p)
        self.do_send_request(me, other, p)

    def do_type_code(self, me: str, other: str, p) -> None:
        world = self.worlds[me]
        self.open_code_page(me)
        type_code(world, self.letters[me]["code"].code())
        expect(Screen(world.page, world.profile).heading(Label.EMAIL_CHANGED), "explore: changed").to_be_visible()
        self.bound(me)

    def do_type_code_elsewhere(self, me: str, other: str, p) -> None:
        world, shopper = self.worlds[me], self.shoppers[me]
        letter = self.letters[me]["code"]
        with fresh_browser(world) as there:
            follow_link(there, shopper, Label.CODE_LINK, letter=letter)
            sign_in_page = SignInPage(there.page, there.profile)
            if sign_in_page.field(Label.PASSWORD).count():
                sign_in_page.sign_in(shopper.email, shopper.password)
            expect(ConfirmationCodePage(there.page, there.profile).code, "explore: the field for the code").to_be_visible()
            type_code(there, letter.code())
            expect(Screen(there.page, there.profile).heading(Label.EMAIL_CHANGED), "explore: changed").to_be_visible()
        self.signed_in[me] = False  # her usual browser may be signed out by the bind: she signs in anew
        self.bound(me)

    def bound(self, me: str) -> None:
        """The new address is bound: the notice goes to the old one, which signs in no more."""
        world, shopper = self.worlds[me], self.shoppers[me]
        old = shopper.email
        shopper.moves_to_new_address()
        self.check_parts(world, me, "notice", await_letter(world, shopper, Label.CHANGE_NOTICE_SUBJECT, address=old))
        with fresh_browser(world) as there:  # the old address signs in no more
            sign_in(there, shopper, email=old)
            check_wrong_password_refused(there)

    def do_type_others_code(self, me: str, other: str, p) -> None:
        world = self.worlds[me]
        self.open_code_page(me)
        type_code(world, self.letters[other]["code"].code())
        check_refused_beside(ConfirmationCodePage(world.page, world.profile).code,
                             world.refusal(Refusal.CODE_WRONG), "explore: another shopper's code")

    def open_code_page(self, who: str) -> None:
        """The page for the code, from the link of her code letter (the way back to it)."""
        follow_link(self.worlds[who], self.shoppers[who], Label.CODE_LINK, letter=self.letters[who]["code"])
        expect(ConfirmationCodePage(self.worlds[who].page, self.run.profile).code,
               "explore: the field for the code").to_be_visible()

    # Letters and links.
    def receive(self, who: str, kind: str, *, address: str | None = None) -> None:
        world, shopper = self.worlds[who], self.shoppers[who]
        subject, _ = LETTER_KINDS[kind]
        letter = await_letter(world, shopper, subject, address=address)
        self.letters[who][kind] = letter
        self.check_parts(world, who, kind, letter)

    def check_parts(self, world: World, who: str, kind: str, letter: Letter) -> None:
        """Both parts of the letter: the plain text holds the HTML part's link or code, and tells
        nothing the HTML part does not."""
        self.letters[who][kind] = letter
        _, link_key = LETTER_KINDS[kind]
        Explorer.expecting = phrase(PARTS_AGREE.format(her="{her}", letter=LETTER_NAMES[kind],
                                                       what="link" if link_key else "code"),
                                    self.shoppers[who], self.shoppers[who])
        check_parts_agree(world, letter, link_key)
        Explorer.expecting = phrase(NOTHING_ELSE.format(her="{her}", letter=LETTER_NAMES[kind]),
                                    self.shoppers[who], self.shoppers[who])
        check_text_part_says_nothing_else(world, letter)

    def follow(self, world: World, owner: str, kind: str, heading: str) -> None:
        _, link_key = LETTER_KINDS[kind]
        follow_link(world, self.shoppers[owner], link_key, letter=self.letters[owner][kind])
        expect(Screen(world.page, world.profile).heading(heading), f"explore: {heading}").to_be_visible()

    def look_at_console(self, who: str) -> None:
        """The support console, where the agent has her chat open: her address, and a new one
        waiting for its code only while a change is open."""
        if self.agent is None or who not in self.chats:
            return
        shopper, waiting = self.shoppers[who], self.accounts[who].state == NEW_ADDRESS_GIVEN
        Explorer.expecting = phrase(CONSOLE_NOW if waiting else CONSOLE_NOW + ", nothing waiting for a code",
                                    shopper, shopper)
        check_console_shows_address(self.worlds[who], shopper, nothing_waiting=not waiting, agent=self.agent)

    # Independent observation of an account.
    def observe(self, who: str) -> None:
        account, shopper = self.accounts[who], self.shoppers[who]
        if account.state == NONE:
            return
        if recent(self.sign_ins[who]) >= SIGN_INS_A_MINUTE:
            self.tally.looks_left_out += 1
            return
        self.sign_ins[who].append(time.monotonic())
        me, other = shopper, self.shoppers[other_of(who)]
        with fresh_browser(self.worlds[who]) as there:
            page = sign_in(there, shopper)
            Explorer.expecting = self.look(who, account)
            if not account.can_sign_in:
                check_blocked_notice(there)
                return
            expect(page.header_control(signed_in_label(there.profile)),
                   f"explore: {who} signs in from a fresh browser").to_be_visible()
            if not there.profile.has_feature("personal_data"):
                return
            self.look_at_console(who)
            data = open_personal_data(there)
            Explorer.expecting = phrase("{who}'s address is confirmed, seen from a fresh browser" if account.confirmed
                                        else UNCONFIRMED_ELSEWHERE, me, other)
            if account.confirmed:
                check_address_confirmed(there, data, shopper.email)
            else:
                expect(data.main, f"explore: {who}'s address").to_contain_text(shopper.email)
                expect(data.unconfirmed_label, f'explore: {who}\'s "Unconfirmed email"').to_be_visible()


    def look_from_second_browser(self, who: str, action: str) -> None:
        """Her session in the second browser, open all along, after a change of her account: the
        block ends it; after the new address is bound it may end (the guide leaves that open) or
        show the new address; otherwise it shows her address as it is now."""
        if not self.second_in[who]:
            return
        account, world, me, other = self.accounts[who], self.worlds[who], self.shoppers[who], self.shoppers[other_of(who)]
        if not account.can_sign_in:
            Explorer.expecting = phrase(BLOCKED_IN_SECOND, me, other)
            check_signed_out_in_second_browser(world)
            self.second_in[who] = False
            return
        there = second_browser(world)
        screen = Screen(there.page, there.profile)
        screen.open_home()
        bound = action in ("type_code", "type_code_elsewhere")
        if bound and not screen.header_control(signed_in_label(there.profile)).count():
            self.second_in[who] = False
            return
        if not there.profile.has_feature("personal_data"):
            return
        Explorer.expecting = phrase(CONFIRMED_IN_SECOND if account.confirmed else UNCONFIRMED_IN_SECOND, me, other)
        check_seen_from_second_browser(world, me, confirmed=account.confirmed)

    def look(self, who: str, account: Account) -> str:
        """The first look from elsewhere at ``who``'s account, in the features' words."""
        return phrase(SIGNED_IN_ELSEWHERE if account.can_sign_in else BLOCKED_ELSEWHERE,
                      self.shoppers[who], self.shoppers[other_of(who)])


class Step(str):
    """A step of a sequence, written as its one-line summary, with the feature steps that perform
    it (``last``: as the sequence's last action, ``before``: before it) and the instructions it
    exercises on the target."""

    last: tuple[str, ...]
    before: tuple[str, ...]
    ids: tuple[str, ...]
    who: str

    @classmethod
    def of(cls, action: str, me: Shopper, other: Shopper, rules: Rules, value: str = "") -> Step:
        spec = ACTIONS[action]
        step = cls(phrase(spec.given[-1] if spec.given else spec.phrase, me, other, value))
        step.last = tuple(phrase(text, me, other, value) for text in spec.steps(last=True))
        step.before = tuple(phrase(text, me, other, value) for text in spec.steps(last=False))
        step.ids = rules.instructions(spec.ids)
        step.who = me.first_name
        return step


def swarm(seed: int, sequence: int) -> frozenset[str]:
    """The actions sequence ``sequence`` of ``seed`` leaves out (the same on every replay)."""
    draw = random.Random(f"{seed}/{sequence}/swarm")
    return frozenset(action for action in ACTIONS if action not in SWARM_KEEPS and draw.random() < SWARM_LEAVES_OUT)


def recent(moments: deque[float], seconds: float = 60.0) -> int:
    """How many of ``moments`` (monotonic times, oldest first) fall within the last ``seconds``."""
    while moments and moments[0] < time.monotonic() - seconds:
        moments.popleft()
    return len(moments)


def other_of(who: str) -> str:
    return NAMES[1 - NAMES.index(who)]


def phrase(text: str, me: Shopper, other: Shopper, value: str = "") -> str:
    """A step of the model in the features' words, for ``me`` (and ``other``; ``value``: what
    the action is tried with)."""
    her = {"she": "her", "he": "his", "they": "their"}[me.pronoun]
    return text.format(who=me.first_name, her=her, she=me.pronoun, other=other.first_name, value=value)


def as_gherkin(steps: list[str], error: str, seed: int, sequence: int, then: str = "") -> str:
    """The sequence as a scenario in the features' steps: each action's Given steps, the last
    action's own step as the When, and the expectation that failed as the Then."""
    ids = sorted({i for s in steps for i in _ids_of(s)})
    lines = [f"  @explored @hardening {' '.join('@' + i for i in ids)}",
             f"  Scenario: Explored sequence {sequence} of seed {seed}"]
    printed = [line for number, step in enumerate(steps)
               for line in getattr(step, "last" if number == len(steps) - 1 else "before", (step,))]
    shoppers = list(dict.fromkeys(getattr(step, "who", "") for step in steps if getattr(step, "who", "")))
    if len(shoppers) > 1:  # as in the explorer, each in a browser of her own
        printed.insert(0, OWN_BROWSERS.format(who=shoppers[0], other=shoppers[1]))
    for number, step in enumerate(printed):
        keyword = "When" if number == len(printed) - 1 else ("Given" if number == 0 else "And")
        lines.append(f"    {keyword} {step}")
    lines.append(f"    Then {then or 'what the guide predicts happens'}")
    lines.append(f"    # evidence: {' '.join(error.split())[:300]}")
    return "\n".join(lines)


def _ids_of(step: str) -> tuple[str, ...]:
    """The instructions a step exercises (a ``Step`` knows them; a plain text is matched)."""
    if isinstance(step, Step):
        return step.ids
    return tuple(i for a in ACTIONS.values() if any(_matches(t, step) for t in (a.phrase, *a.given)) for i in a.ids)


def _matches(text: str, step: str) -> bool:
    pattern = re.escape(text).replace(r"\{who\}", r"\w+").replace(r"\{her\}", r"\w+")
    pattern = pattern.replace(r"\{she\}", r"\w+").replace(r"\{other\}", r"\w+").replace(r"\{value\}", ".+")
    return re.fullmatch(pattern, step) is not None


def gave_up_shrinking(error: BaseException) -> bool:
    """Whether Hypothesis stopped with its own "flaky" error (a replay went otherwise)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return isinstance(error, Flaky)


def describe(error: BaseException) -> str:
    """The failure in one line: its type and message (a group's first member)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return f"{type(error).__name__}: {error}"


def cpu_seconds() -> float:
    """CPU used so far by this process and everything it started (browser, target, mail)."""
    me = psutil.Process()
    total = 0.0
    for process in (me, *me.children(recursive=True)):
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


class Evidenced(Explorer):
    """The explorer, keeping the evidence of a discrepancy before its browsers close: Hypothesis
    tears a machine down in a ``finally``, so the error under way is the one the sequence raised.
    The last failing replay is the shrunk sequence, so its evidence is the one kept."""

    run_dir: ClassVar[Path | None] = None
    kept: ClassVar[dict] = {}
    traced: ClassVar[bool] = False  # --trace: each shopper's own browser records a Playwright trace

    def __init__(self) -> None:
        super().__init__()
        if self.traced:
            for world in self.worlds.values():
                world.device.context.tracing.start(snapshots=True, screenshots=True)

    def teardown(self) -> None:
        raised = sys.exc_info()[1]
        failed = isinstance(raised, Exception) and self.run_dir is not None
        if failed:
            Evidenced.kept = explore_results.keep_evidence(self.worlds, self.run_dir, self.sequence)
        if self.traced:
            traces = explore_results.stop_tracing(self.worlds, self.run_dir if failed else None, self.sequence)
            if failed:
                Evidenced.kept["traces"] = traces
        super().teardown()


def explore(args: argparse.Namespace) -> int:
    """``mailflow explore``: a run folder under ``--reports`` with explore.json, traceability.json
    and index.html (``latest`` moves to it); with ``--worker K/N`` (inside ``--workers N``) only
    this worker's share, its tally in ``--into``'s ``workers/K.json``."""
    profile = TargetProfile.load(args.target)
    if getattr(args, "worker", None):
        index, count = explore_workers.parse_worker(args.worker)
        tally, facts = explore_once(args, profile, Path(args.into), (index, count))
        worker_file = Path(args.into) / explore_workers.WORKERS / f"{index}.json"
        worker_file.write_text(json.dumps({"tally": tally.to_json(), **facts}) + "\n", encoding="utf-8")
        return 1 if tally.discrepancy_log else 0
    reports = Path(args.reports).resolve()
    run_dir = explore_results.new_run_dir(reports, f"{profile.name}-explore")
    found = explore_into(args, profile, run_dir)
    explore_results.write_standalone(run_dir, found)
    if explore_results.point_latest_at(reports, run_dir):
        print(f"Report: {reports / 'latest' / 'index.html'} (explore.json and traceability.json beside it)")
    else:
        print(f"The report page of {run_dir} was not written; {reports / 'latest'} still shows the last one that was.")
    return 1 if found["discrepancies"] else 0


def explore_into(args: argparse.Namespace, profile: TargetProfile, run_dir: Path) -> dict:
    """Explore (in ``--workers`` processes, or here), print the summary, write ``explore.json``
    into ``run_dir``; answer its record."""
    workers = max(1, getattr(args, "workers", 1) or 1)
    if args.sequences:
        workers = min(workers, args.sequences)
    started = time.monotonic()
    if workers > 1:
        print(f"Exploring in {workers} workers; each worker's output is in {run_dir / explore_workers.WORKERS}",
              flush=True)
        kept = [json.loads(path.read_text(encoding="utf-8"))
                for path in explore_workers.run_workers(args, workers, run_dir)]
        tally = Tally.merged([Tally.from_json(worker["tally"]) for worker in kept])
        seconds = max(worker["seconds"] for worker in kept)
        cpu_used = sum(worker["cpu_seconds"] for worker in kept)
    else:
        tally, facts = explore_once(args, profile, run_dir, (1, 1))
        seconds, cpu_used = facts["seconds"], facts["cpu_seconds"]
    wall = time.monotonic() - started
    summarize(tally, seconds, cpu_used, wall)
    facts = {"target": profile.name, "profile": str(profile.path), "seed": args.seed,
             "bounds": {"sequences": args.sequences or None, "budget_seconds": args.budget or None,
                        "steps": args.steps, "workers": workers},
             "seconds": round(seconds, 1), "cpu_seconds": round(cpu_used, 1), "wall_seconds": round(wall, 1)}
    found = explore_results.record(tally, facts)
    explore_results.write_record(run_dir, found)
    return found


def explore_once(args: argparse.Namespace, profile: TargetProfile, run_dir: Path,
                 share: tuple[int, int]) -> tuple[Tally, dict]:
    """The sequences ``share`` = (K, N) takes, K, K+N, ..., in this process with its own stack."""
    work = Path(tempfile.mkdtemp(prefix="mailflow-explore-"))
    tally = Tally()
    Explorer.tally = tally
    Evidenced.run_dir, Evidenced.traced = run_dir, bool(getattr(args, "trace", False))
    index, count = share
    cpu_before = 0.0
    with Stack(profile, work / "stack") as endpoints, sync_playwright() as playwright:
        browser = launch(playwright, BrowserSettings())
        expect.set_options(timeout=profile.timeout_seconds * 1000)
        mailbox = Mailbox(open_catcher(endpoints.catcher, endpoints.mail_api, timeout=profile.timeout_seconds),
                          timeout=profile.timeout_seconds)
        Explorer.run = Run(profile, endpoints, Browsing(browser, profile, endpoints.base_url), mailbox)
        tally.not_explored, tally.model_transitions = not_explored(Explorer.run.rules), transitions(Explorer.run.rules)
        cpu_before = cpu_seconds()
        explored_from = time.monotonic()
        bounds = [f"{args.sequences} sequences" if args.sequences else "",
                  f"a budget of {args.budget:.0f}s" if args.budget else ""]
        print(f"Exploring {profile.path.name} with seed {args.seed}, {' and '.join(b for b in bounds if b)}"
              f"{f' (worker {index} of {count}: sequences {index}, {index + count}, ...)' if count > 1 else ''}; "
              f"{len(tally.model_transitions)} transitions in the model that this target can reach.", flush=True)
        for sequence in explore_workers.share(index, count, args.sequences):
            if args.budget and time.monotonic() - explored_from >= args.budget:
                break
            if not run_one(args, sequence, tally, worker=index if count > 1 else None):
                break
        cpu_used = cpu_seconds() - cpu_before
        seconds = time.monotonic() - explored_from
        mailbox.close()
        browser.close()
    return tally, {"seconds": seconds, "cpu_seconds": cpu_used}


def run_one(args: argparse.Namespace, sequence: int, tally: Tally, *, worker: int | None = None) -> bool:
    """One sequence of up to ``--steps`` actions; False when it found a discrepancy."""
    # Hypothesis shrinks for at most five minutes; each try here replays browser actions, so the
    # explorer bounds it (an internal knob of Hypothesis's engine, read when shrinking starts).
    engine.MAX_SHRINKING_SECONDS = args.shrink_seconds
    Explorer._hypothesis_internal_use_seed = args.seed * 1_000_003 + sequence
    Explorer.seed, Explorer.sequence = args.seed, sequence
    options = settings(max_examples=1, stateful_step_count=args.steps, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck), print_blob=False,
                       report_multiple_bugs=False)  # the shortest failing sequence, replayed last
    tally.sequences += 1
    Evidenced.kept = {}
    Explorer.first_failure = None
    discrepancies_before = Counter(tally.discrepancies)
    try:
        run_state_machine_as_test(Evidenced, settings=options)
    except Exception as error:  # a discrepancy (an expectation), or the target broke on the way
        steps, expecting, said = list(Explorer.last_steps), Explorer.expecting, describe(error)
        if gave_up_shrinking(error) and Explorer.first_failure is not None:
            steps, expecting, said = Explorer.first_failure
            said += " (not shrunk: a replay of it went otherwise, so this is the sequence as first found)"
        Explorer.last_steps[:] = steps
        # Every failing replay while shrinking counted one; the discrepancy is the shrunk one's last action.
        tally.discrepancies = discrepancies_before + Counter(failed_action_ids(steps))
        scenario = as_gherkin(steps, said, args.seed, sequence, expecting)
        tally.failures.append(scenario)
        tally.sequence_log.append({"number": sequence, "worker": worker, "steps": list(Explorer.last_steps),
                                   "outcome": "discrepancy"})
        tally.discrepancy_log.append({"sequence": sequence, "worker": worker, "steps": list(Explorer.last_steps),
                                      "then": Explorer.expecting, "gherkin": scenario,
                                      "evidence": {"error": said, **Evidenced.kept}})
        print(f"\nsequence {sequence}: DISCREPANCY, shrunk to {len(Explorer.last_steps)} actions:\n"
              f"{scenario}\n", flush=True)
        return False
    tally.sequence_log.append({"number": sequence, "worker": worker, "steps": list(Explorer.last_steps),
                               "outcome": "as predicted"})
    print(f"sequence {sequence}: {len(Explorer.last_steps)} actions, as the model predicts: "
          + "; ".join(Explorer.last_steps), flush=True)
    return True


def failed_action_ids(steps: list[str]) -> tuple[str, ...]:
    """The instructions of a sequence's last action (the one whose outcome differed)."""
    return tuple(dict.fromkeys(_ids_of(steps[-1]))) if steps else ()


def summarize(tally: Tally, seconds: float, cpu_used: float, wall: float) -> None:
    done = sum(tally.actions.values())
    every = tally.model_transitions or transitions()
    visited = tally.transitions & every
    print(f"\nExplored {tally.sequences} sequences, {done} actions in {seconds:.0f}s "
          f"({60 * done / seconds if seconds else 0:.1f} actions a minute; "
          f"{cpu_used / done if done else 0:.2f} CPU-seconds an action; {wall:.0f}s with the set-up).")
    print(f"Transitions visited: {len(visited)}/{len(every)}")
    print("Actions: " + ", ".join(f"{name} {count}" for name, count in tally.actions.most_common()))
    for instruction in sorted(tally.per_instruction):
        print(f"  {instruction:8} explored: {tally.per_instruction[instruction]} actions, "
              f"{tally.discrepancies[instruction]} discrepancies")
    if tally.looks_left_out:
        print(f"Looks from elsewhere left out to stay below the target's sign-in limit: {tally.looks_left_out}")
    for action, reason in tally.not_explored.items():
        print(f"Not explored: {action}: {reason}")
    print(f"Discrepancies: {len(tally.failures)}")
