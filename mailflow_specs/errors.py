"""What can go wrong in a run, sorted by who has to act on it.

A wrong behaviour of the target is a test failure (``ExpectationFailed`` is an
``AssertionError``); a broken set-up is an error; a missing test seam turns into
a skipped scenario that carries its reason.
"""


class MailflowError(Exception):
    """Base of every error the harness raises on purpose."""


class ExpectationFailed(MailflowError, AssertionError):
    """The target did not behave as an instruction says: a failed scenario."""


class TargetUnreachable(MailflowError):
    """The target, Mailpit or the browser could not be reached or started."""


class ProfileError(MailflowError):
    """A target profile is missing, unreadable or has a wrong key."""


class CapabilityMissing(MailflowError):
    """The target lacks a test seam a scenario needs; the scenario is skipped."""

    def __init__(self, capability: str, reason: str) -> None:
        super().__init__(reason)
        self.capability = capability
        self.reason = reason


class StepMismatch(MailflowError):
    """A feature's wording does not fit its scenario: a pronoun that names another shopper,
    or a phrase the harness does not know. The feature needs fixing, not the target."""


class NotChecked(MailflowError):
    """The scenario cannot check its own instructions because it relies on another one
    the target lacks, deviates from or failed: reported "not checked: depends on …"."""


class NotApplicable(MailflowError):
    """The target has no such rule (a timing of "none", a period of 0): the scenario that
    checks it does not apply, reported with the reason."""
