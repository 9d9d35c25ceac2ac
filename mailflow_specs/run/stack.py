"""The reference environment: the mail catcher, the webmail site and the reference app as processes.

The harness never imports the reference app: it starts it like any program, on free
ports, and waits until it answers. An external target (``[target] base_url``) and an
external mail catcher (``[mail] api_url``, or ``MAILPIT_URL``) are never started nor stopped.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.mail import catchers
from mailflow_specs.paths import ROOT
from mailflow_specs.targets.endpoints import Endpoints
from mailflow_specs.targets.profile import TargetProfile

STARTUP_SECONDS = 30.0


class Stack:
    """Starts what the profile asks for, and stops exactly what it started."""

    def __init__(self, profile: TargetProfile, workdir: Path, *, port_base: int | None = None,
                 catcher: str | None = None) -> None:
        """``port_base`` fixes the ports (app, webmail, mail catcher HTTP and SMTP: base..base+3)
        for a stack that other programs must find; by default every port is a free one.
        ``catcher`` overrides the profile's mail catcher (``mailflow run --mail maildev``)."""
        self.profile = profile
        self.catcher = catcher or profile.catcher
        self.workdir = workdir
        self._processes = ExitStack()
        self._fixed_ports = iter(range(port_base, port_base + 4)) if port_base else None

    def _port(self) -> int:
        return next(self._fixed_ports) if self._fixed_ports else free_port()

    def __enter__(self) -> Endpoints:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> Endpoints:
        self.workdir.mkdir(parents=True, exist_ok=True)
        app_port, webmail_port = self._port(), self._port()
        mail_api, smtp = self._catcher()
        webmail_url = self.profile.webmail_url or self._webmail(mail_api, webmail_port)
        if self.profile.starts_reference_app:
            base_url = self._reference_app(smtp, webmail_url, app_port)
        else:
            base_url = self.profile.base_url or ""
            wait_until_answering(base_url, "the target", log=None)
        return Endpoints(base_url, mail_api, smtp, webmail_url, self.catcher)

    def stop(self) -> None:
        self._processes.close()

    def start_mail(self) -> Endpoints:
        """Only the mail catcher and the webmail over it, for a target that runs elsewhere."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._port()  # the first port is the target's: left free for it
        webmail_port = self._port()
        mail_api, smtp = self._catcher()
        return Endpoints("", mail_api, smtp, self._webmail(mail_api, webmail_port), self.catcher)

    def start_command(self, name: str, command: list[str], url: str) -> None:
        """Start an outside program (an implementation under test) and wait until ``url`` answers."""
        self._spawn(name, command, {})
        wait_until_answering(url, name, log=self._log(name))

    def _catcher(self) -> tuple[str, str]:
        """The mail catcher's API URL and SMTP address: the profile's, one the environment
        points at, or one started here on free ports."""
        server = catchers.server(self.catcher)
        if not self.profile.starts_catcher:
            url, smtp = self.profile.mail_api_url or "", self.profile.mail_smtp or ""
            wait_until_answering(url, f"the mail catcher ({server.title})", log=None)
            return url, smtp
        running = server.elsewhere()
        if running is not None:
            wait_until_answering(f"{running.api_url}{server.ready_path()}", server.title, log=None)
            return running.api_url, running.smtp
        program = server.program()
        if program is None:
            try:
                server.install()
            except SystemExit as refusal:
                raise TargetUnreachable(f"Expected {server.title} to be installed; {refusal}") from None
            program = server.program()
        http_port, smtp_port = self._port(), self._port()
        self._spawn(server.name, server.command(program, http_port, smtp_port, self.workdir), {})
        url = f"http://127.0.0.1:{http_port}"
        wait_until_answering(f"{url}{server.ready_path()}", server.title, log=self._log(server.name))
        return url, f"127.0.0.1:{smtp_port}"

    def _webmail(self, mail_api: str, port: int) -> str:
        command = [sys.executable, "-m", "webmail", "--port", str(port), "--mail", mail_api,
                   "--catcher", self.catcher]
        self._spawn("webmail", command, {})
        url = f"http://127.0.0.1:{port}"
        wait_until_answering(url, "the webmail site", log=self._log("webmail"))
        return url

    def _reference_app(self, smtp: str, webmail_url: str, port: int) -> str:
        database = self.workdir / "bazaar.sqlite"
        database.unlink(missing_ok=True)  # every start is a fresh shop, with today's schema
        host, _, smtp_port = smtp.rpartition(":")
        url = f"http://127.0.0.1:{port}"
        env = {
            "BAZAAR_PUBLIC_URL": url,  # links in letters point here, whatever Host a request sends
            "BAZAAR_SMTP_HOST": host,
            "BAZAAR_SMTP_PORT": smtp_port,
            "BAZAAR_WEBMAIL_URL": webmail_url,
            "BAZAAR_SECRET_KEY": secrets.token_hex(16),
            "BAZAAR_SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        }
        for key, value in self.profile.app_settings.items():
            env[f"BAZAAR_{key}"] = str(value)
        command = [sys.executable, "-m", "reference_app", "--host", "127.0.0.1",
                   "--port", str(port), "--test-mode"]
        self._spawn("reference-app", command, env)
        wait_until_answering(url, "the reference app", log=self._log("reference-app"))
        return url

    def _log(self, name: str) -> Path:
        return self.workdir / f"{name}.log"

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        log = open(self._log(name), "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        self._processes.callback(_terminate, process, log)


def _terminate(process: subprocess.Popen, log) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log.close()


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, what: str, *, log: Path | None) -> None:
    """Wait until ``url`` answers HTTP at all (any status), up to STARTUP_SECONDS."""
    deadline = time.monotonic() + STARTUP_SECONDS
    last_error = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered, if not with 200
        except OSError as error:
            last_error = str(getattr(error, "reason", error))
        time.sleep(0.05)  # between polls of a condition, not a fixed wait
    tail = ""
    if log is not None and log.exists():
        tail = "\nIts log ends with:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-15:])
    raise TargetUnreachable(
        f"Expected {what} to answer at {url} within {STARTUP_SECONDS:.0f}s; last error: {last_error}.{tail}"
    )
