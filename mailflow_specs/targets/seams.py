"""The target's test seams, named for their intent.

Seams are called through the scenario's browser context, so they share its cookies:
fixing the CAPTCHA answer applies to this shopper's session only. A target without a
seam makes the scenario skip (``CapabilityMissing``), never pass.
"""

from __future__ import annotations

from playwright.sync_api import APIResponse, BrowserContext

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.targets.labels import Capability
from mailflow_specs.targets.profile import TargetProfile

# The answer the CAPTCHA seam fixes for the scenario's session.
CAPTCHA_ANSWER = "KTRWZ"


class Seams:
    def __init__(self, profile: TargetProfile, context: BrowserContext, base_url: str) -> None:
        self.profile = profile
        self.context = context
        self.base_url = base_url

    def offers(self, capability: str) -> bool:
        return capability in self.profile.capabilities

    def fix_captcha_answer(self, answer: str = CAPTCHA_ANSWER) -> str:
        self._post(Capability.CAPTCHA_SEAM, {"answer": answer})
        return answer

    def create_account(self, email: str, password: str, name: str, *, confirmed: bool,
                       age_hours: float = 0) -> str:
        """An account as registering leaves it (its confirmation letter sent) or, ``confirmed``,
        as confirming it does; ``age_hours`` old. Answers the address as the target stored it."""
        body = {"email": email, "password": password, "name": name, "confirmed": confirmed,
                "age_hours": age_hours}
        return self._post(Capability.ACCOUNT_SEAM, body).json()["email"]

    def age_account(self, email: str, *, hours: float) -> None:
        """Make one account (and its links) look ``hours`` older; other accounts are untouched."""
        self._post(Capability.ACCOUNT_AGING, {"email": email, "hours": hours})

    def lose_next_letter(self, email: str) -> None:
        """The target's next letter to ``email`` is lost on its way, as in a mail server outage."""
        self._post(Capability.MAIL_LOSS, {"email": email})

    def create_staff_member(self) -> tuple[str, str]:
        """A new customer-support agent of the target: (address, password)."""
        answer = self._post(Capability.STAFF_SEAM, {}).json()
        return answer["email"], answer["password"]

    def _post(self, capability: str, body: dict) -> APIResponse:
        url = self.base_url + self.profile.seam(capability)
        response = self.context.request.post(url, data=body)
        if not response.ok:
            raise TargetUnreachable(
                f"Expected the test seam {capability} at {url} to accept {sorted(body)}; "
                f"it answered {response.status} {response.status_text}: {response.text()[:200]}"
            )
        return response
