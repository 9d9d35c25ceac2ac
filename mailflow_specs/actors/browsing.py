"""Browsing, an ability of every actor: one Chromium per run, and each actor's browsers in it.

The browser is found the way ``mailflow_specs.run.install`` describes, or is a remote one.

``MAILFLOW_BROWSER_CDP=http://host:9222`` connects to a running Chromium over the Chrome
DevTools Protocol (``connect_over_cdp``); ``MAILFLOW_BROWSER_WS=ws://host:port/...`` to a
Playwright browser server (``connect``). Either way the browsers can live on a grid; the
run opens its own contexts there and leaves the browser running when it ends.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

from playwright.sync_api import Browser, BrowserContext, Page, Playwright
from playwright.sync_api import Error as PlaywrightError

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.targets.profile import TargetProfile

SYSTEM_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
HEADLESS_SHELLS = ("chromium-headless-shell", "headless_shell")


def system_browser(headless: bool = False) -> str | None:
    """A Chromium or Chrome installed on the machine, if any; for a headless run its headless shell first."""
    override = os.environ.get("MAILFLOW_BROWSER")
    if override:
        return override
    for name in (HEADLESS_SHELLS if headless else ()) + SYSTEM_BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def headless_shell() -> str | None:
    return next((found for name in HEADLESS_SHELLS if (found := shutil.which(name))), None)


# Flags for a closed network: Chromium's own background traffic would only be refused.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True, slots=True)
class BrowserSettings:
    headed: bool = False
    slow_mo_ms: float = 0.0


def remote_endpoint() -> tuple[str, str] | None:
    """("cdp", url) or ("ws", url) when a remote browser is configured, else None."""
    for kind in ("cdp", "ws"):
        url = os.environ.get(f"MAILFLOW_BROWSER_{kind.upper()}", "").strip()
        if url:
            return kind, url
    return None


def connect(playwright: Playwright, kind: str, url: str, settings: BrowserSettings) -> Browser:
    try:
        if kind == "cdp":
            return playwright.chromium.connect_over_cdp(url, slow_mo=settings.slow_mo_ms)
        return playwright.chromium.connect(url, slow_mo=settings.slow_mo_ms)
    except PlaywrightError as error:
        raise TargetUnreachable(
            f"Expected a browser at MAILFLOW_BROWSER_{kind.upper()}={url}; "
            f"could not connect: {error.message.splitlines()[0]}"
        ) from None


def launch(playwright: Playwright, settings: BrowserSettings) -> Browser:
    remote = remote_endpoint()
    if remote is not None:
        return connect(playwright, *remote, settings)
    executable = system_browser(headless=not settings.headed)
    try:
        return playwright.chromium.launch(
            executable_path=executable,
            headless=not settings.headed,
            slow_mo=settings.slow_mo_ms,
            args=CHROMIUM_ARGS,
        )
    except PlaywrightError as error:
        where = executable or "Playwright's own Chromium"
        raise TargetUnreachable(
            f"Expected Chromium to start ({where}); it did not: {error.message.splitlines()[0]}\n"
            "Run `make setup` (python -m mailflow_specs.run.install) or set MAILFLOW_BROWSER=/path/to/chrome."
        ) from None


@dataclass
class Device:
    """One browser of an actor's: a context of its own (cookies, storage) and its page."""

    context: BrowserContext
    page: Page

    def close(self) -> None:
        self.context.close()


@dataclass
class Browsing:
    """The ability to browse the target. Every browser context of a run opens here, with the
    profile's options: its base URL, locale, timeout and viewport, the run's tracing, on the
    run's browser (local, or a remote one: ``launch``)."""

    browser: Browser
    profile: TargetProfile
    base_url: str
    # The trace each scenario's first device records for a failure's evidence: full, snapshots or off.
    trace: str = "off"

    def open(self, *, traced: bool = False) -> Device:
        """A new browser, as on another computer: nothing of the others' cookies or pages."""
        options: dict = {"base_url": self.base_url or None, "locale": self.profile.locale}
        if self.profile.viewport:
            options["viewport"] = dict(zip(("width", "height"), self.profile.viewport, strict=True))
        context = self.browser.new_context(**options)
        context.set_default_timeout(self.profile.timeout_seconds * 1000)
        if traced and self.trace != "off":
            context.tracing.start(screenshots=self.trace == "full", snapshots=True)
        return Device(context, context.new_page())
