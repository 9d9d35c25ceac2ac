"""The scenario's view of the mail catcher: letters to the scenario's own addresses.

It waits for a *new* letter (one more than the scenario has already read) to an exact
address, polling the catcher until a deadline (never a fixed sleep), and keeps every
letter read so the report can show it. A subject is a part of the letter's subject, or a
``/pattern/``.
"""

from __future__ import annotations

import time

from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.mail.catcher import Catcher
from mailflow_specs.mail.letter import Heading, Letter, subject_matches

POLL_SECONDS = 0.1


class Mailbox:
    """Letters of one scenario. ``read`` lists every letter it waited for, in order."""

    def __init__(self, catcher: Catcher, *, timeout: float) -> None:
        self.catcher = catcher
        self.timeout = timeout
        self.read: list[Letter] = []
        self._counted: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        self.catcher.close()

    def new_letter(self, address: str, subject: str, *, instruction: str = "") -> Letter:
        """Wait for the next letter to ``address`` whose subject contains (or matches) ``subject``."""
        __tracebackhide__ = True
        key = (address.lower(), subject)
        expected = self._counted.get(key, 0) + 1
        deadline = time.monotonic() + self.timeout
        while True:
            found = self.matching(address, subject)
            if len(found) >= expected:
                break
            if time.monotonic() >= deadline:
                prefix = f"{instruction}: " if instruction else ""
                raise ExpectationFailed(prefix + self._none_arrived(address, subject, expected, len(found)))
            time.sleep(POLL_SECONDS)  # between polls of a condition, with a deadline
        self._counted[key] = expected
        letter = self.catcher.letter(found[expected - 1].id)
        self.read.append(letter)
        return letter

    def matching(self, address: str, subject: str) -> list[Heading]:
        return [h for h in self.catcher.headings(address) if subject_matches(h.subject, subject)]

    def count(self, address: str, subject: str) -> int:
        """How many letters to ``address`` with ``subject`` arrived so far (no waiting)."""
        return len(self.matching(address, subject))

    def everything_to(self, address: str) -> list[tuple[Heading, Letter, bytes]]:
        """Every letter to ``address`` so far, whole and as it arrived, oldest first (evidence)."""
        return [(h, self.catcher.letter(h.id), self.catcher.source(h.id)) for h in self.catcher.headings(address)]

    def _none_arrived(self, address: str, subject: str, expected: int, found: int) -> str:
        nth = "a letter" if expected == 1 else f"letter number {expected}"
        lines = [f'Expected {nth} to {address} with the subject "{subject}" within {self.timeout:g}s; '
                 f"{'none' if found == 0 else found} arrived."]
        others = self.catcher.headings(address)
        if others:
            lines.append(f"Letters to {address}:")
            lines += [f"  {h.received:%H:%M:%S}  {h}" for h in others]
        else:
            lines.append(f"No letter at all arrived for {address}.")
        return "\n".join(lines)
