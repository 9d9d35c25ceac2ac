"""The target's test seams, named for their intent.

Seams are called through the scenario's browser context, so they share its cookies:
fixing the CAPTCHA answer applies to this shopper's session only. A target without a
seam makes the scenario skip (``CapabilityMissing``), never pass.
"""

from __future__ import annotations

from playwright.sync_api import APIResponse, BrowserContext

from mailflow.errors import TargetUnreachable
from mailflow.targets.profile import TargetProfile

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
        self._post("captcha_seam", {"answer": answer})
        return answer

    def age_account(self, email: str, *, hours: float) -> None:
        """Make one account (and its links) look ``hours`` older; other accounts are untouched."""
        self._post("account_aging", {"email": email, "hours": hours})

    def create_account(self, *, email: str, password: str, name: str, confirmed: bool,
                       age_hours: float = 0) -> None:
        """An account made without the registration form; an unconfirmed one is left as right
        after registration (its confirmation letter sent as the target normally sends it)."""
        self._post("account_seam", {"email": email, "password": password, "name": name,
                                    "confirmed": confirmed, "age_hours": age_hours})

    def create_staff_member(self) -> tuple[str, str]:
        """A new customer-support agent of the target: (address, password)."""
        answer = self._post("staff_seam", {}).json()
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
