"""Idempotent set-up of the two outside programs a run needs: a browser and Mailpit.

``python -m mailflow.run.install`` finds or installs each and says what it found:

Browser, in this order: ``MAILFLOW_BROWSER`` (a path); a system Chromium or Chrome;
Playwright's own Chromium (downloaded if the internet allows); Debian's ``chromium``
package where apt-get is usable as root. Headless runs prefer Chromium's headless shell
(``chromium-headless-shell``: the same engine without the desktop browser around it, measured
at 2.5 times less CPU per context and page load); where a full Chromium came from apt, the
set-up adds Debian's headless shell beside it. Headed runs always use the full browser.

Mailpit, in this order: ``MAILPIT_URL`` (a running one: nothing to install); a
``mailpit`` binary on PATH or in ``.cache/bin``; ``go install`` of a pinned Mailpit
version where Go is present; the official release archive where the internet is
reachable.
"""

from __future__ import annotations

import io
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

from mailflow.actors.browsing import headless_shell, system_browser
from mailflow.paths import CACHE_BIN

MAILPIT_VERSION = "v1.27.11"
MAILPIT_MODULE = "github.com/axllent/mailpit"
def mailpit_binary() -> str | None:
    """A mailpit program on PATH or in the project's .cache/bin."""
    local = CACHE_BIN / "mailpit"
    if local.is_file() and os.access(local, os.X_OK):
        return str(local)
    return shutil.which("mailpit")


def ensure_browser() -> str:
    found = system_browser()
    if found:
        shell = headless_shell() or _add_debian_headless_shell()
        return f"system browser {found}" + (f", headless runs use {shell}" if shell else "")
    if _run([sys.executable, "-m", "playwright", "install", "chromium"]):
        return "Playwright's own Chromium (with its headless shell)"
    if _apt_usable():
        _run(["apt-get", "update", "-q"])
        if _run(["apt-get", "install", "-y", "-q", "chromium", "chromium-headless-shell"]) and system_browser():
            return f"Debian's chromium ({system_browser()}) and its headless shell ({headless_shell()})"
        if _run(["apt-get", "install", "-y", "-q", "chromium"]) and system_browser():
            return f"Debian's chromium ({system_browser()})"
    raise SystemExit(
        "No browser: found no system Chromium/Chrome, Playwright could not download its own, "
        "and Debian's chromium could not be installed.\n"
        "Install Chromium or Chrome, or set MAILFLOW_BROWSER=/path/to/chrome, then run again."
    )


def _add_debian_headless_shell() -> str | None:
    """Debian's headless shell beside a Debian Chromium (best effort: the full browser works too)."""
    if not (_apt_usable() and _from_debian(system_browser() or "")):
        return None
    if not _run(["apt-get", "install", "-y", "-q", "chromium-headless-shell"]):
        _run(["apt-get", "update", "-q"])
        _run(["apt-get", "install", "-y", "-q", "chromium-headless-shell"])
    return headless_shell()


def _apt_usable() -> bool:
    return bool(shutil.which("apt-get")) and _is_root()


def _from_debian(executable: str) -> bool:
    return bool(executable) and shutil.which("dpkg") is not None and subprocess.run(
        ["dpkg", "-S", os.path.realpath(executable)], capture_output=True).returncode == 0


def ensure_mailpit() -> str:
    if os.environ.get("MAILPIT_URL"):
        return f"the running Mailpit at {os.environ['MAILPIT_URL']}"
    found = mailpit_binary()
    if found:
        return f"mailpit {found}"
    CACHE_BIN.mkdir(parents=True, exist_ok=True)
    go = shutil.which("go") or ("/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None)
    if go:
        env = {**os.environ, "GOBIN": str(CACHE_BIN), "CGO_ENABLED": "0"}
        # The release build stamps its version; a module build says "dev" unless told.
        stamp = f"-ldflags=-X {MAILPIT_MODULE}/config.Version={MAILPIT_VERSION}"
        if _run([go, "install", stamp, f"{MAILPIT_MODULE}@{MAILPIT_VERSION}"], env=env) and mailpit_binary():
            return f"mailpit {MAILPIT_VERSION} built with go install into {CACHE_BIN}"
    if _download_mailpit_release():
        return f"mailpit {MAILPIT_VERSION} release archive, unpacked into {CACHE_BIN}"
    raise SystemExit(
        "No Mailpit: none on PATH, Go could not build it and its release could not be downloaded.\n"
        "Either install mailpit (https://mailpit.axllent.org/docs/install/), or run it elsewhere "
        "(for example its container: docker run -p 8025:8025 -p 1025:1025 axllent/mailpit) and set "
        "MAILPIT_URL=http://127.0.0.1:8025 MAILPIT_SMTP=127.0.0.1:1025."
    )


def _download_mailpit_release() -> bool:
    system = platform.system().lower()
    machine = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        platform.machine().lower()
    )
    if system not in ("linux", "darwin") or machine is None:
        return False
    url = (
        f"https://github.com/axllent/mailpit/releases/download/{MAILPIT_VERSION}/"
        f"mailpit-{system}-{machine}.tar.gz"
    )
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            archive = response.read()
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            member = tar.getmember("mailpit")
            with tar.extractfile(member) as source, open(CACHE_BIN / "mailpit", "wb") as target:
                shutil.copyfileobj(source, target)
    except (OSError, KeyError, tarfile.TarError) as error:
        print(f"  (the Mailpit release could not be downloaded: {error})")
        return False
    (CACHE_BIN / "mailpit").chmod(0o755)
    return True


def _run(command: list[str], env: dict[str, str] | None = None) -> bool:
    print(f"  $ {' '.join(command)}", flush=True)
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1200)
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"    failed: {error}")
        return False
    if done.returncode != 0:
        print("    failed: " + (done.stderr.strip().splitlines() or ["(no output)"])[-1])
    return done.returncode == 0


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def main() -> None:
    print(f"Browser: {ensure_browser()}")
    print(f"Mailpit: {ensure_mailpit()}")


if __name__ == "__main__":
    main()
