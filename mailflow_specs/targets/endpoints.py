"""Where everything of one run is reachable, once the stack has started or found it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where everything of one run is reachable."""

    base_url: str
    mail_api: str
    mail_smtp: str
    webmail_url: str
    # Which mail catcher holds the letters (a name of mailflow_specs.mail.catchers).
    catcher: str = "mailpit"

    def __str__(self) -> str:
        return (
            f"target {self.base_url} · webmail {self.webmail_url} · "
            f"{self.catcher} API {self.mail_api} · SMTP {self.mail_smtp}"
        )
