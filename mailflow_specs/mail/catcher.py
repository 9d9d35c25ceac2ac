"""The door to the mail catcher: what the harness and the webmail need of one, and nothing more.

A catcher is an SMTP server that keeps every letter and shows them through an HTTP API.
Each adapter (``mailpit.py``, ``maildev.py``) says how to read letters from it (``Catcher``)
and how to find, install and start it (``Server``); ``catchers.py`` chooses by name. Nothing
outside this package knows which catcher runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mailflow_specs.errors import MailflowError
from mailflow_specs.mail.letter import Heading, Letter


class LetterNotFound(MailflowError):
    """The catcher has no letter by that id (deleted, or never there)."""


class Catcher(Protocol):
    """Reading letters from a running catcher. Connection problems raise TargetUnreachable."""

    def headings(self, address: str) -> list[Heading]:
        """The letters addressed to ``address`` (To, Cc or Bcc, letter case aside), oldest first."""
        ...

    def letter(self, letter_id: str) -> Letter:
        """One whole letter; LetterNotFound when there is none by that id."""
        ...

    def source(self, letter_id: str) -> bytes:
        """The letter exactly as it arrived (RFC 5322), for an .eml file."""
        ...

    def version(self) -> str:
        """The catcher's name and version, for the report ("Mailpit v1.27.11")."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Running:
    """Where a catcher answers: its HTTP API and its SMTP server."""

    api_url: str
    smtp: str


class Server(Protocol):
    """Finding, installing and starting one kind of catcher."""

    name: str  # as a profile names it: [mail] catcher = "maildev"
    title: str  # as a person names it: "MailDev"

    def program(self) -> list[str] | None:
        """The command that starts it, if it is installed; None otherwise."""
        ...

    def install(self) -> str:
        """Install it (idempotently); say what was found or installed. SystemExit if it cannot be."""
        ...

    def command(self, program: list[str], http_port: int, smtp_port: int, workdir: Path) -> list[str]:
        """The whole command line of one catcher on these loopback ports, keeping its files in workdir."""
        ...

    def ready_path(self) -> str:
        """The API path that answers once the catcher takes letters."""
        ...

    def elsewhere(self) -> Running | None:
        """A catcher of this kind the environment points at (MAILPIT_URL, ...), to use as it is."""
        ...
