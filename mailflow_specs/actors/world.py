"""Everything one scenario works with: its actors (the shoppers, the support agent), the
browser in front of them, their letters, and the target's seams.

The actors' abilities live here too: ``browsing`` opens every browser context of the scenario
with the profile's options (``mailflow_specs.actors.browsing``), ``mailbox`` reads their letters.

behave's ``context`` holds the world (``context.world``) and nothing else of a scenario.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from playwright.sync_api import BrowserContext, Page

from mailflow_specs.actors.browsing import Browsing, Device
from mailflow_specs.actors.parameter_types import Who
from mailflow_specs.actors.personas import make_persona
from mailflow_specs.actors.shopper import PRONOUNS, Shopper
from mailflow_specs.actors.support_agent import SupportAgent
from mailflow_specs.errors import NotApplicable, StepMismatch
from mailflow_specs.mail.mailbox import Mailbox
from mailflow_specs.targets.endpoints import Endpoints
from mailflow_specs.targets.labels import Capability
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.targets.seams import Seams


@dataclass
class World:
    profile: TargetProfile
    endpoints: Endpoints
    # The ability to open browsers, and the scenario's own browser (the shoppers' computer).
    browsing: Browsing | None
    device: Device | None
    mailbox: Mailbox
    seams: Seams
    # The CAPTCHA answer the seam fixed for this scenario's browser session ("" without the seam).
    captcha_answer: str = ""
    shoppers: dict[str, Shopper] = field(default_factory=dict)
    last_named: str | None = None
    # The instruction IDs the scenario transcribes (its tags), for failure messages.
    instructions: tuple[str, ...] = ()
    # The customer-support agent of the scenario, once one is at the console (CHG-09).
    agent: SupportAgent | None = None
    # The instructions of the flows the scenario is inside of and relies on, innermost last.
    relied_on: list[tuple[str, ...]] = field(default_factory=list)
    # Browsers opened after the first (another computer of a shopper's), closed with the world.
    other_devices: dict[str, Device] = field(default_factory=dict)
    # Where each shopper shops in a browser of her own (as ``mailflow explore`` has them), her
    # browser with its seams and CAPTCHA answer, by first name; None: one browser for all.
    own_browsers: dict[str, tuple[Device, Seams, str]] | None = None
    browser_owner: str | None = None

    def close_other_devices(self) -> None:
        for device in self.other_devices.values():
            device.close()
        self.other_devices.clear()

    @property
    def context(self) -> BrowserContext:
        return self.device.context

    @property
    def page(self) -> Page:
        return self.device.page

    def shopper(self, who: Who | str, *pronouns: str) -> Shopper:
        """The shopper a step names ("Ola"), or the last one named for a pronoun ("she").

        Every pronoun of the step ("her address") must agree with that shopper, or the
        step fails saying which word is wrong: "his name" for Ola is a mistake in the feature.
        """
        word = who.word if isinstance(who, Who) else who
        if word.lower() in PRONOUNS:
            shopper = self.current_shopper(word)
        else:
            if word not in self.shoppers:
                self.shoppers[word] = Shopper(make_persona(word))
            self.last_named = word
            shopper = self.shoppers[word]
        for pronoun in (word, *pronouns) if word.lower() in PRONOUNS else pronouns:
            if not shopper.is_called(pronoun):
                raise StepMismatch(
                    f"The step says {pronoun!r} of {shopper.first_name}, whose pronoun is "
                    f"{shopper.pronoun!r}: fix the feature's wording.")
        self._into_browser_of(shopper)
        return shopper

    def _into_browser_of(self, shopper: Shopper) -> None:
        """Where each shopper has a browser of her own, the world goes on in hers (the first one
        named keeps the scenario's browser; the others get a new one, with its own seams)."""
        if self.own_browsers is None or shopper.first_name == self.browser_owner:
            return
        if self.browser_owner is not None:
            self.own_browsers[self.browser_owner] = (self.device, self.seams, self.captcha_answer)
            if shopper.first_name not in self.own_browsers:
                device = self.browsing.open()
                self.other_devices[f"own-{shopper.first_name}"] = device
                seams = Seams(self.profile, device.context, self.endpoints.base_url)
                answer = seams.fix_captcha_answer() if seams.offers(Capability.CAPTCHA_SEAM) else ""
                self.own_browsers[shopper.first_name] = (device, seams, answer)
            self.device, self.seams, self.captcha_answer = self.own_browsers[shopper.first_name]
        self.browser_owner = shopper.first_name

    def current_shopper(self, pronoun: str = "") -> Shopper:
        """The last shopper the scenario named (a step that says only "she" or "the letter")."""
        if self.last_named is None:
            said = f"says {pronoun!r}" if pronoun else "refers to a shopper"
            raise StepMismatch(f"The step {said} before the scenario names any shopper.")
        return self.shoppers[self.last_named]

    def let_time_pass(self, shopper: Shopper, timing_key: str, *,
                      margin: timedelta = timedelta(hours=1)) -> None:
        """Age the shopper's account past the target's ``timing_key`` by ``margin`` (a
        negative margin leaves it just inside); other accounts are untouched."""
        rule = self.profile.duration(timing_key)
        passed = rule + margin
        if passed < timedelta(0):
            raise NotApplicable(f"[timing] {timing_key} is {rule}: "
                                "there is no moment just before it ends")
        if rule == timedelta(0):  # a rule of 0 ends at once: no time has to pass, no seam is needed
            return
        self.seams.age_account(shopper.email, hours=passed / timedelta(hours=1))

    def said(self, what: str) -> str:
        """A failure message's subject, prefixed with the instruction IDs it checks: the
        scenario's own, or inside a flow it relies on (``relied_on``) that flow's."""
        ids = self.relied_on[-1] if self.relied_on else self.instructions
        return f"{', '.join(ids)}: {what}" if ids else what

    def text(self, key: str) -> str:
        """A visible text of the target, from its profile's label set."""
        return self.profile.labels[key]

    def refusal(self, key: str) -> str:
        """A refusal text of the target; "" where its profile has none (any refusal will do)."""
        return self.profile.refusals.texts.get(key, "")
