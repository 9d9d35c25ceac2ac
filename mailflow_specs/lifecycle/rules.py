"""What a target declares about itself, as the lifecycle model needs it: plain data.

The guide leaves some rules to the implementation, and a target's profile says which it chose
(``[timing]``), which features it does not have (``[absent]``) and which instructions it does
differently on purpose (``[deviations]``). The model reads them from ``Rules`` and never from a
target's code; the defaults are the guide's rules as the reference app (Bazaar) has them.

``left_out`` says, in a sentence, why an action is never tried on a target: it belongs to an
absent feature, one of its instructions is a declared deviation, a rule of the target makes it
meaningless, or it needs a test seam the target lacks. Such an action is never drawn and
never reported as a discrepancy. This module does no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

# The instruction that a grace period of 0 ("blocked at once") makes inapplicable: the account is
# never "unconfirmed and usable for a while".
USABLE_WHILE_UNCONFIRMED = "CONF-01"


@dataclass(frozen=True, slots=True)
class Rules:
    """A target's declared facts.

    - ``blocked_at_once``: ``grace_period_days = 0``; an unconfirmed account is blocked from the
      start (registering leads to "blocked", CONF-01 does not apply).
    - ``never_blocked``: ``grace_period_days = "none"``; an unconfirmed account is never blocked.
    - ``resend_at_once``: ``confirmation_resend_seconds`` is 0 or "none"; another confirmation
      letter can be asked for at once.
    - ``absent``: the features of ``[absent]`` (``personal_data``, ``appeal``, ``support_chat``, ...).
    - ``deviations``: the instruction IDs of ``[deviations]``.
    - ``seams``: the capabilities of ``[capabilities]`` the target offers; None means all of them.
    """

    blocked_at_once: bool = False
    never_blocked: bool = False
    resend_at_once: bool = False
    absent: frozenset[str] = frozenset()
    deviations: frozenset[str] = frozenset()
    seams: frozenset[str] | None = None

    def applies(self, instruction_id: str) -> bool:
        """Whether the target follows this instruction as the guide tells it (a declared
        deviation that the rules already model, CONF-01 when blocked at once, does not count)."""
        if instruction_id == USABLE_WHILE_UNCONFIRMED and self.blocked_at_once:
            return False
        return instruction_id not in self.deviations

    def instructions(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        """The instructions of an action that the target can be checked against."""
        return tuple(i for i in ids if self.applies(i))

    def left_out(self, *, feature: str, ids: tuple[str, ...], needs: str, clock: str = "") -> str:
        """Why an action (of ``feature``, exercising ``ids``, needing the seam ``needs``, letting
        the ``clock`` of a rule pass: "grace" or "resend") is never tried on this target; "" when
        it is."""
        if feature and feature in self.absent:
            return f"{feature} declared absent"
        deviating = [i for i in ids if i in self.deviations and not (
            i == USABLE_WHILE_UNCONFIRMED and self.blocked_at_once)]
        if deviating:
            return f"{', '.join(deviating)} declared a deviation"
        if clock == "grace" and self.blocked_at_once:
            return "grace period 0: an unconfirmed account is blocked at once, no time to pass"
        if clock == "grace" and self.never_blocked:
            return 'grace period "none": an unconfirmed account is never blocked'
        if clock == "resend" and self.resend_at_once:
            return "another confirmation letter can be asked for at once: there is no wait to pass"
        if needs and self.seams is not None and needs not in self.seams:
            return f"needs the target's {needs} seam, which the profile does not offer"
        return ""


# The guide's rules as the reference app has them: a grace period of days, a wait before another
# letter, every feature, no deviation, every seam.
GUIDE = Rules()
