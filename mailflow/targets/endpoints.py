"""Where everything of one run is reachable, once the stack has started or found it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where everything of one run is reachable."""

    base_url: str
    mailpit_url: str
    mailpit_smtp: str
    webmail_url: str

    def __str__(self) -> str:
        return (
            f"target {self.base_url} · webmail {self.webmail_url} · "
            f"Mailpit API {self.mailpit_url} · SMTP {self.mailpit_smtp}"
        )
