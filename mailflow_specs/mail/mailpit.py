"""Mailpit behind the door: read through pytest-mailpit's client, built or downloaded by the set-up.

Found in this order: ``MAILPIT_URL`` (+ ``MAILPIT_SMTP``), a running one; a ``mailpit``
program in ``.cache/bin`` or on PATH; ``go install`` of a pinned version where Go is present;
the official release archive where the internet is reachable.
"""

from __future__ import annotations

import io
import os
import platform
import shutil
import tarfile
import urllib.request
from datetime import datetime
from pathlib import Path

from pytest_mailpit import MailpitAPIError, MailpitClient, MailpitConnectionError
from pytest_mailpit.models import Address, MessageSummary

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.installing import run_step
from mailflow_specs.mail.catcher import LetterNotFound, Running
from mailflow_specs.mail.letter import Heading, Letter, Mailer
from mailflow_specs.paths import CACHE_BIN

VERSION = "v1.27.11"
MODULE = "github.com/axllent/mailpit"


def _mailer(address: Address) -> Mailer:
    return Mailer(address.address, address.name or "")


def _heading(found, received: datetime) -> Heading:
    return Heading(id=found.id, subject=found.subject, sender=_mailer(found.sender),
                   to=tuple(_mailer(a) for a in found.to), received=received,
                   copies=tuple(_mailer(a) for a in (*found.cc, *found.bcc)))


class MailpitCatcher:
    def __init__(self, api_url: str, *, timeout: float = 10.0) -> None:
        self.api_url = api_url
        self.client = MailpitClient(api_url, wait_timeout=timeout)

    def headings(self, address: str) -> list[Heading]:
        with _reached(self.api_url):
            found: list[MessageSummary] = self.client.search_all(f'to:"{address}"')
        headings = [_heading(s, s.created) for s in found]
        return sorted((h for h in headings if h.is_addressed_to(address)), key=lambda h: h.received)

    def letter(self, letter_id: str) -> Letter:
        try:
            with _reached(self.api_url):
                message = self.client.get_message(letter_id)
        except MailpitAPIError as error:
            if error.status_code == 404:
                raise LetterNotFound(f"Mailpit has no letter {letter_id!r}.") from None
            raise TargetUnreachable(f"Mailpit at {self.api_url} answered {error}") from None
        return Letter.of(_heading(message, message.date), message.text, message.html)

    def source(self, letter_id: str) -> bytes:
        with _reached(self.api_url):
            return self.client.get_raw(letter_id)

    def version(self) -> str:
        with _reached(self.api_url):
            return f"Mailpit {self.client.info().version}"

    def close(self) -> None:
        self.client.close()


class _reached:
    """Mailpit's connection errors as the harness's own: the catcher is unreachable."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if isinstance(error, MailpitConnectionError):
            raise TargetUnreachable(f"Expected Mailpit to answer at {self.url}: {error}") from None
        return False


class MailpitServer:
    name = "mailpit"
    title = "Mailpit"

    def program(self) -> list[str] | None:
        local = CACHE_BIN / "mailpit"
        if local.is_file() and os.access(local, os.X_OK):
            return [str(local)]
        found = shutil.which("mailpit")
        return [found] if found else None

    def command(self, program: list[str], http_port: int, smtp_port: int, workdir: Path) -> list[str]:
        return [*program, "--listen", f"127.0.0.1:{http_port}", "--smtp", f"127.0.0.1:{smtp_port}",
                "--max", "5000", "--quiet", "--disable-version-check",
                "--ignore-duplicate-ids"]  # a letter re-sent after a crash arrives once

    def ready_path(self) -> str:
        return "/readyz"

    def elsewhere(self) -> Running | None:
        url = os.environ.get("MAILPIT_URL", "").strip().rstrip("/")
        return Running(url, os.environ.get("MAILPIT_SMTP", "127.0.0.1:1025")) if url else None

    def install(self) -> str:
        running = self.elsewhere()
        if running:
            return f"the running Mailpit at {running.api_url}"
        found = self.program()
        if found:
            return f"mailpit {found[0]}"
        CACHE_BIN.mkdir(parents=True, exist_ok=True)
        go = shutil.which("go") or ("/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None)
        if go:
            env = {**os.environ, "GOBIN": str(CACHE_BIN), "CGO_ENABLED": "0"}
            # The release build stamps its version; a module build says "dev" unless told.
            stamp = f"-ldflags=-X {MODULE}/config.Version={VERSION}"
            if run_step([go, "install", stamp, f"{MODULE}@{VERSION}"], env=env) and self.program():
                return f"mailpit {VERSION} built with go install into {CACHE_BIN}"
        if _download_release():
            return f"mailpit {VERSION} release archive, unpacked into {CACHE_BIN}"
        raise SystemExit(
            "No Mailpit: none on PATH, Go could not build it and its release could not be downloaded.\n"
            "Either install mailpit (https://mailpit.axllent.org/docs/install/), or run it elsewhere "
            "(for example its container: docker run -p 8025:8025 -p 1025:1025 axllent/mailpit) and set "
            "MAILPIT_URL=http://127.0.0.1:8025 MAILPIT_SMTP=127.0.0.1:1025."
        )


def _download_release() -> bool:
    system = platform.system().lower()
    machine = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower()
    )
    if system not in ("linux", "darwin") or machine is None:
        return False
    url = f"https://github.com/axllent/mailpit/releases/download/{VERSION}/mailpit-{system}-{machine}.tar.gz"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            archive = response.read()
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            member = tar.getmember("mailpit")
            with tar.extractfile(member) as source, open(CACHE_BIN / "mailpit", "wb") as target:
                shutil.copyfileobj(source, target)
    except (OSError, KeyError, tarfile.TarError) as error:
        print(f"  (the Mailpit release could not be downloaded: {error})")  # noqa: T201 (the set-up's own output)
        return False
    (CACHE_BIN / "mailpit").chmod(0o755)
    return True

