"""Idempotent set-up of the outside programs a run needs: a browser and a mail catcher.

``python -m mailflow_specs.run.install`` finds or installs each and says what it found:

Browser, in this order: ``MAILFLOW_BROWSER`` (a path); a system Chromium or Chrome;
Playwright's own Chromium (downloaded if the internet allows); Debian's ``chromium``
package where apt-get is usable as root. Headless runs prefer Chromium's headless shell
(``chromium-headless-shell``: the same engine without the desktop browser around it, measured
at 2.5 times less CPU per context and page load); where a full Chromium came from apt, the
set-up adds Debian's headless shell beside it. Headed runs always use the full browser.

The mail catchers, each as its adapter in ``mailflow_specs.mail`` says: Mailpit (the default:
a running one at ``MAILPIT_URL``, a ``mailpit`` program, ``go install`` of a pinned version,
or its release archive) and MailDev (a pinned version from npm, where npm is present).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

from mailflow_specs.actors.browsing import headless_shell, system_browser
from mailflow_specs.installing import run_step
from mailflow_specs.mail import catchers


def ensure_browser() -> str:
    found = system_browser()
    if found:
        shell = headless_shell() or _add_debian_headless_shell()
        return f"system browser {found}" + (f", headless runs use {shell}" if shell else "")
    if run_step([sys.executable, "-m", "playwright", "install", "chromium"]):
        return "Playwright's own Chromium (with its headless shell)"
    if _apt_usable():
        run_step(["apt-get", "update", "-q"])
        if run_step(["apt-get", "install", "-y", "-q", "chromium", "chromium-headless-shell"]) and system_browser():
            return f"Debian's chromium ({system_browser()}) and its headless shell ({headless_shell()})"
        if run_step(["apt-get", "install", "-y", "-q", "chromium"]) and system_browser():
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
    if not run_step(["apt-get", "install", "-y", "-q", "chromium-headless-shell"]):
        run_step(["apt-get", "update", "-q"])
        run_step(["apt-get", "install", "-y", "-q", "chromium-headless-shell"])
    return headless_shell()


def _apt_usable() -> bool:
    return bool(shutil.which("apt-get")) and _is_root()


def _from_debian(executable: str) -> bool:
    return bool(executable) and shutil.which("dpkg") is not None and subprocess.run(
        ["dpkg", "-S", os.path.realpath(executable)], capture_output=True).returncode == 0


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def ensure_catchers(names: list[str]) -> list[str]:
    """Mailpit always (the default catcher); MailDev where npm is there to install it. Answers what was found."""
    found = []
    for name in names:
        server = catchers.server(name)
        if name != catchers.DEFAULT and server.program() is None and shutil.which("npm") is None:
            print(f"{server.title}: not installed (no npm here); only `--mail {name}` needs it")
            found.append(f"{server.title}: none (no npm)")
            continue
        print(f"{server.title}: {server.install()}")
        found.append(server.title)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mailflow_specs.run.install", description=__doc__.splitlines()[0])
    parser.add_argument("--mail", action="append", choices=catchers.NAMES,
                        help="the mail catcher(s) to install (default: all it can)")
    parser.add_argument("--only", choices=("browser", "mail"),
                        help="one step of the set-up: the browser, or the mail catchers (default: both)")
    args = parser.parse_args()
    found = []
    if args.only in (None, "browser"):
        browser = ensure_browser()
        print(f"Browser: {browser}")
        found.append(browser)
    if args.only in (None, "mail"):
        found += ensure_catchers(args.mail or list(catchers.NAMES))
    print("found: " + "; ".join(found))  # the set-up's one line for this step (.ci/timed-step) shows it


if __name__ == "__main__":
    main()
