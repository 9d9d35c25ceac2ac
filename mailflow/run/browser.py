"""One Chromium per run, found the way ``mailflow.run.install`` describes."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser, Playwright
from playwright.sync_api import Error as PlaywrightError

from mailflow.errors import TargetUnreachable
from mailflow.run.install import system_browser

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


def launch(playwright: Playwright, settings: BrowserSettings) -> Browser:
    executable = system_browser()
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
            "Run `make setup` (python -m mailflow.run.install) or set MAILFLOW_BROWSER=/path/to/chrome."
        ) from None
