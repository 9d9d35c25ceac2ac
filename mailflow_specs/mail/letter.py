"""A letter as a person reads it, whichever mail catcher caught it.

Links and codes are found by pytest-mailpit's pure extraction functions (no I/O), so a
letter from any catcher is read the same way; failures list what the letter does contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pytest_mailpit.extract import Link, filter_links, find_codes, find_links, html_to_text

from mailflow_specs.errors import ExpectationFailed

EXCERPT_CHARS = 300


@dataclass(frozen=True, slots=True)
class Mailer:
    """One address of a letter's head, with its display name."""

    address: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


@dataclass(frozen=True, slots=True)
class Heading:
    """What a mailbox list shows of a letter: enough to pick it, not its body."""

    id: str
    subject: str
    sender: Mailer
    to: tuple[Mailer, ...]
    received: datetime
    # Cc and Bcc: a letter is addressed to a person by any of them.
    copies: tuple[Mailer, ...] = ()

    def is_addressed_to(self, address: str) -> bool:
        wanted = address.lower()
        return any(m.address.lower() == wanted for m in (*self.to, *self.copies))

    def __str__(self) -> str:
        return f'"{self.subject}" from {self.sender.address} to {", ".join(m.address for m in self.to)}'


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter, whole: its heading, its plain-text part and its HTML part."""

    heading: Heading
    text: str
    html: str
    _links: tuple[Link, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def of(cls, heading: Heading, text: str, html: str) -> Letter:
        return cls(heading, text or "", html or "", tuple(find_links(text or "", html or "")))

    # Its heading, read through.
    @property
    def id(self) -> str:
        return self.heading.id

    @property
    def subject(self) -> str:
        return self.heading.subject

    @property
    def sender(self) -> str:
        return self.heading.sender.address

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(m.address for m in self.heading.to)

    def __str__(self) -> str:
        return f'"{self.subject}" from {self.sender} to {", ".join(self.recipients)}'

    @property
    def is_plain_text(self) -> bool:
        return not self.html.strip()

    def links(self) -> list[str]:
        """Every http(s) link of the letter, from its HTML part first, then its plain text."""
        return [link.url for link in self._links]

    def links_with_texts(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every http(s) link of the letter with the texts it is shown as (none in plain text)."""
        return [(link.url, tuple(link.texts)) for link in self._links]

    def link(self, text: str) -> str:
        """The one link whose visible text contains ``text`` (letter case aside), or matches it,
        written ``/…/``."""
        __tracebackhide__ = True
        if is_pattern(text):
            found = [link for link in self._links if any(text_matches(t, text) for t in link.texts)]
            return self._one_link(f" whose text matches {text}", found)
        return self._one_link(f" whose text contains {text!r}", filter_links(list(self._links), text=text))

    def link_matching(self, pattern: str) -> str:
        """The one link whose URL contains ``pattern`` (or matches it, written ``/…/``)."""
        __tracebackhide__ = True
        if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
            regex = pattern[1:-1]
            return self._one_link(f" matching {pattern}", filter_links(list(self._links), pattern=regex))
        return self._one_link(f" containing {pattern!r}", filter_links(list(self._links), contains=pattern))

    def code(self) -> str:
        """The one confirmation code in the letter."""
        __tracebackhide__ = True
        found = find_codes(self.text, self.html)
        if len(found) == 1:
            return found[0]
        if found:
            raise ExpectationFailed(f"Expected one confirmation code in the letter {self}; found "
                                    f"{len(found)}: {', '.join(found)}.")
        raise ExpectationFailed(f"Expected one confirmation code in the letter {self}; found none. "
                                f"Its text: {self.excerpt()!r}")

    def excerpt(self) -> str:
        body = " ".join((self.text if self.text.strip() else html_to_text(self.html)).split())
        return body if len(body) <= EXCERPT_CHARS else body[:EXCERPT_CHARS] + "…"

    def _one_link(self, described: str, found: list[Link]) -> str:
        __tracebackhide__ = True
        if len(found) == 1:
            return found[0].url
        lines = [f"Expected one link{described} in the letter {self}; found {len(found)}."]
        if self._links:
            lines.append("Links in the letter:")
            lines += [f"  {link.url}" + (f" ({', '.join(repr(t) for t in link.texts)})" if link.texts else "")
                      for link in self._links]
        else:
            lines.append("The letter has no http(s) link.")
        raise ExpectationFailed("\n".join(lines))


def is_pattern(wanted: str) -> bool:
    """A profile text written ``/like|this/`` is a pattern."""
    return len(wanted) > 2 and wanted.startswith("/") and wanted.endswith("/")


def text_matches(text: str, wanted: str) -> bool:
    """``wanted`` is a part of ``text`` (letter case aside), or a ``/pattern/`` searched in it."""
    if is_pattern(wanted):
        return re.search(wanted[1:-1], text, re.IGNORECASE) is not None
    return wanted.lower() in text.lower()


def subject_matches(subject: str, wanted: str) -> bool:
    """``wanted`` is a part of the subject, or a ``/pattern/`` searched in it."""
    if is_pattern(wanted):
        return re.search(wanted[1:-1], subject) is not None
    return wanted in subject


def sender_matches(sender: str, wanted: str) -> bool:
    """The sender's address is ``wanted`` (letter case aside), or a ``/pattern/`` matches it
    (``/@shop\\.example$/``: any sender of that domain)."""
    if is_pattern(wanted):
        return re.search(wanted[1:-1], sender, re.IGNORECASE) is not None
    return sender.lower() == wanted.lower()
