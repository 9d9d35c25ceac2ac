"""Everything one scenario works with: its shoppers, its browser page, their letters."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Page

from mailflow.mail.mailbox import Letter, Mailbox
from mailflow.run.stack import Endpoints
from mailflow.scenario.personas import Persona, make_persona
from mailflow.targets.profile import TargetProfile
from mailflow.targets.seams import Seams


@dataclass(frozen=True, slots=True)
class AddressChange:
    """A shopper's address before and after a change she asked for."""

    old: str
    new: str


PRONOUNS = ("she", "he", "they", "her", "his", "their", "him", "them")


@dataclass
class World:
    profile: TargetProfile
    endpoints: Endpoints
    context: BrowserContext
    page: Page
    mailbox: Mailbox
    seams: Seams
    # The CAPTCHA answer the seam fixed for this scenario's browser session ("" without the seam).
    captcha_answer: str = ""
    personas: dict[str, Persona] = field(default_factory=dict)
    last_named: str | None = None
    # The letter each shopper last opened, by first name.
    letters: dict[str, Letter] = field(default_factory=dict)
    # What each shopper typed into the last form, by first name, to check it was kept.
    typed: dict[str, dict[str, object]] = field(default_factory=dict)
    # The address change each shopper asked for, by first name (CHG).
    address_changes: dict[str, AddressChange] = field(default_factory=dict)

    def shopper(self, who: str) -> Persona:
        """The persona a step names ("Ola"), or the last one named for a pronoun ("she")."""
        if who.lower() in PRONOUNS:
            if self.last_named is None:
                raise LookupError(f"The step says {who!r} before naming any shopper.")
            return self.personas[self.last_named]
        if who not in self.personas:
            self.personas[who] = make_persona(who)
        self.last_named = who
        return self.personas[who]

    def text(self, key: str) -> str:
        """A visible text of the target, from its profile's label set."""
        return self.profile.labels[key]

    def refusal(self, key: str) -> str:
        return self.profile.refusals[key]

    def url(self, route: str) -> str:
        return self.profile.route(route)
