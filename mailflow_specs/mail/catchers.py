"""The catchers the harness knows, by the name a profile gives them (``[mail] catcher``)."""

from __future__ import annotations

from mailflow_specs.errors import ProfileError
from mailflow_specs.mail.catcher import Catcher, Server
from mailflow_specs.mail.maildev import MaildevCatcher, MaildevServer
from mailflow_specs.mail.mailpit import MailpitCatcher, MailpitServer

DEFAULT = "mailpit"
SERVERS: dict[str, Server] = {"mailpit": MailpitServer(), "maildev": MaildevServer()}
_CATCHERS = {"mailpit": MailpitCatcher, "maildev": MaildevCatcher}
NAMES = tuple(SERVERS)


def server(name: str) -> Server:
    if name not in SERVERS:
        raise ProfileError(f"Expected a mail catcher named {' or '.join(map(repr, NAMES))}; got {name!r}.")
    return SERVERS[name]


def open_catcher(name: str, api_url: str, *, timeout: float = 10.0) -> Catcher:
    """A reader of the letters of the catcher ``name`` answering at ``api_url``."""
    server(name)
    return _CATCHERS[name](api_url, timeout=timeout)
