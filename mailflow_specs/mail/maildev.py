"""MailDev behind the door: the second catcher, which proves that nothing else knows the first.

MailDev (an SMTP server with a web interface, from the npm registry) keeps every letter and
lists them, whole, at ``/api/email``; ``/api/email/{id}/source`` gives one as it arrived.
Found in this order: ``MAILDEV_URL`` (+ ``MAILDEV_SMTP``), a running one; the pinned
version in ``.cache/maildev``; ``npm install`` of that version where npm is present.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.installing import run_step
from mailflow_specs.mail.catcher import LetterNotFound, Running
from mailflow_specs.mail.letter import Heading, Letter, Mailer
from mailflow_specs.paths import CACHE_BIN

VERSION = "3.0.0"
HOME = CACHE_BIN.parent / "maildev"
TIMEOUT = 10.0


def _mailers(data: Any) -> tuple[Mailer, ...]:
    return tuple(Mailer(item.get("address") or "", item.get("name") or "")
                 for item in data or () if isinstance(item, dict))


def _heading(data: dict) -> Heading:
    senders = _mailers(data.get("from"))
    return Heading(
        id=str(data["id"]),
        subject=data.get("subject") or "",
        sender=senders[0] if senders else Mailer(""),
        to=_mailers(data.get("to")),
        received=datetime.fromisoformat(str(data.get("time") or "1970-01-01T00:00:00Z").replace("Z", "+00:00")),
        copies=_mailers(data.get("cc")) + _mailers(data.get("calculatedBcc")),
    )


class MaildevCatcher:
    def __init__(self, api_url: str, *, timeout: float = TIMEOUT) -> None:
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()

    def _get(self, path: str) -> requests.Response:
        url = f"{self.api_url}{path}"
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.RequestException as error:
            raise TargetUnreachable(f"Expected MailDev to answer at {url}: {error}") from None
        if response.status_code == 404:
            raise LetterNotFound(f"MailDev has nothing at {path}.")
        if not response.ok:
            raise TargetUnreachable(f"Expected MailDev to answer GET {url}; it said {response.status_code}.")
        return response

    def _all(self) -> list[dict]:
        found = self._get("/api/email").json()
        if not isinstance(found, list):
            raise TargetUnreachable(f"Expected a list of letters from MailDev at {self.api_url}/api/email.")
        return found

    def headings(self, address: str) -> list[Heading]:
        headings = (_heading(item) for item in self._all())
        return sorted((h for h in headings if h.is_addressed_to(address)), key=lambda h: h.received)

    def letter(self, letter_id: str) -> Letter:
        data = self._get(f"/api/email/{letter_id}").json()
        return Letter.of(_heading(data), data.get("text") or "", data.get("html") or "")

    def source(self, letter_id: str) -> bytes:
        return self._get(f"/api/email/{letter_id}/source").content

    def version(self) -> str:
        config = self._get("/api/config").json()
        return f"MailDev {config.get('version', '?')}"

    def close(self) -> None:
        self.session.close()


class MaildevServer:
    name = "maildev"
    title = "MailDev"

    def program(self) -> list[str] | None:
        script = HOME / "node_modules" / "maildev" / "dist" / "bin" / "maildev.js"
        node = shutil.which("node")
        return [node, str(script)] if node and script.is_file() else None

    def command(self, program: list[str], http_port: int, smtp_port: int, workdir: Path) -> list[str]:
        return [*program, "--smtp", str(smtp_port), "--web", str(http_port), "--ip", "127.0.0.1",
                "--web-ip", "127.0.0.1", "--mail-directory", str(workdir / "maildev-letters"), "--silent"]

    def ready_path(self) -> str:
        return "/api/healthz"

    def elsewhere(self) -> Running | None:
        url = os.environ.get("MAILDEV_URL", "").strip().rstrip("/")
        return Running(url, os.environ.get("MAILDEV_SMTP", "127.0.0.1:1025")) if url else None

    def install(self) -> str:
        running = self.elsewhere()
        if running:
            return f"the running MailDev at {running.api_url}"
        if self.program():
            return f"MailDev {VERSION} in {HOME}"
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            raise SystemExit("No MailDev: it needs Node.js and npm (apt-get install nodejs npm), or a running "
                             "one: set MAILDEV_URL=http://127.0.0.1:1080 MAILDEV_SMTP=127.0.0.1:1025.")
        HOME.mkdir(parents=True, exist_ok=True)
        if run_step([npm, "install", "--prefix", str(HOME), "--no-audit", "--no-fund", "--silent",
                     f"maildev@{VERSION}"]) and self.program():
            return f"MailDev {VERSION} installed with npm into {HOME}"
        raise SystemExit(f"No MailDev: npm could not install maildev@{VERSION} into {HOME}.")
