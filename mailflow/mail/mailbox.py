"""The scenario's view of Mailpit: letters to the scenario's own addresses.

A thin adapter over pytest-mailpit's ``MailpitClient``. It waits for a *new* letter
(one more than the scenario has already read) to an exact address, never sleeping a
fixed time, and keeps every letter read so the report can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pytest_mailpit import MailpitAssertionError, MailpitClient, Message

from mailflow.errors import ExpectationFailed

POLL_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter a shopper received, as the scenario read it."""

    id: str
    subject: str
    sender: str
    recipients: tuple[str, ...]
    text: str
    html: str
    message: Message = field(repr=False, compare=False)

    @classmethod
    def from_message(cls, message: Message) -> Letter:
        return cls(
            id=message.id,
            subject=message.subject,
            sender=message.sender.address,
            recipients=tuple(a.address for a in message.to),
            text=message.text,
            html=message.html,
            message=message,
        )

    def __str__(self) -> str:
        return f'"{self.subject}" from {self.sender} to {", ".join(self.recipients)}'

    def link(self, text: str) -> str:
        """The one link whose visible text contains ``text``."""
        __tracebackhide__ = True
        try:
            return self.message.link(text=text)
        except MailpitAssertionError as error:
            raise ExpectationFailed(str(error)) from None

    def link_matching(self, pattern: str) -> str:
        """The one link whose URL contains ``pattern`` (or matches it, written ``/…/``),
        in the HTML or the plain text of the letter."""
        __tracebackhide__ = True
        try:
            if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
                return self.message.link(pattern=pattern[1:-1])
            return self.message.link(contains=pattern)
        except MailpitAssertionError as error:
            raise ExpectationFailed(str(error)) from None

    @property
    def is_plain_text(self) -> bool:
        return not self.html.strip()

    def code(self) -> str:
        """The one confirmation code in the letter."""
        __tracebackhide__ = True
        try:
            return self.message.code()
        except MailpitAssertionError as error:
            raise ExpectationFailed(str(error)) from None


class Mailbox:
    """Letters of one scenario. ``read`` lists every letter it waited for, in order."""

    def __init__(self, mailpit_url: str, *, timeout: float) -> None:
        self.client = MailpitClient(mailpit_url, wait_timeout=timeout, poll_interval=POLL_SECONDS)
        self.timeout = timeout
        self.read: list[Letter] = []
        self._counted: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        self.client.close()

    def new_letter(self, address: str, subject: str, *, instruction: str = "") -> Letter:
        """Wait for the next letter to ``address`` whose subject contains ``subject``."""
        __tracebackhide__ = True
        key = (address.lower(), subject)
        expected = self._counted.get(key, 0) + 1
        try:
            messages = self.client.wait_for_messages(
                expected, recipient=address, subject=subject, timeout=self.timeout
            )
        except MailpitAssertionError as error:
            prefix = f"{instruction}: " if instruction else ""
            raise ExpectationFailed(f"{prefix}{error}") from None
        self._counted[key] = expected
        letter = Letter.from_message(self.client.get_message(messages[-1].id))
        self.read.append(letter)
        return letter

    def count(self, address: str, subject: str) -> int:
        """How many letters to ``address`` with ``subject`` arrived so far (no waiting)."""
        query = f'to:"{address}" subject:"{subject}"'
        return sum(
            1 for s in self.client.search_all(query)
            if any(a.address.lower() == address.lower() for a in s.to)
        )
