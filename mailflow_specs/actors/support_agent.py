"""The customer-support agent of the CHG-09 scenarios: a staff member of the target, at the
support console in a browser of their own."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

from mailflow_specs.actors.browsing import Device


@dataclass
class SupportAgent:
    email: str
    device: Device

    @property
    def page(self) -> Page:
        return self.device.page

    def close(self) -> None:
        self.device.close()
