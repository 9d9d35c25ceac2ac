"""behave fixtures: the run's stack and browser, and each scenario's shopper world.

``environment.py`` applies them with ``use_fixture``; this module holds what they do.
Settings come from behave's userdata (``-D name=value``) or the environment:
``target`` (MAILFLOW_TARGET), ``headed`` (MAILFLOW_HEADED), ``slowmo`` (MAILFLOW_SLOWMO, ms),
``artifacts`` (MAILFLOW_ARTIFACTS, where logs and failure evidence go), ``mail`` (MAILFLOW_MAIL,
the mail catcher the harness starts: ``mailpit`` or ``maildev``), and what each scenario
records: ``trace`` (MAILFLOW_TRACE: ``full``, ``snapshots`` or ``off``), ``screenshots``
(MAILFLOW_SCREENSHOTS) and ``letters`` (MAILFLOW_LETTERS, the letters read, shown in the report).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from behave import fixture
from playwright.sync_api import expect, sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, Browsing, launch
from mailflow_specs.actors.world import World
from mailflow_specs.errors import ProfileError
from mailflow_specs.mail.catchers import open_catcher
from mailflow_specs.mail.mailbox import Mailbox
from mailflow_specs.run.stack import Stack
from mailflow_specs.targets.labels import Capability
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.targets.seams import Seams
from mailflow_specs.verdicts.ids import instruction_ids


def setting(context, name: str, default: str = "") -> str:
    """A run setting: ``-D name=value`` first, then MAILFLOW_<NAME>, then the default."""
    value = context.config.userdata.get(name)
    if value is None:
        value = os.environ.get(f"MAILFLOW_{name.upper()}", default)
    return str(value)


def is_on(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


TRACE_MODES = ("full", "snapshots", "off")
DEFAULT_TRACE = "snapshots"  # DOM snapshots, actions, network; "full" adds a screencast


@dataclass(frozen=True, slots=True)
class Recording:
    """What each scenario records for the report and for a failure's evidence."""

    trace: str = DEFAULT_TRACE  # full: DOM snapshots and a screencast; snapshots: no screencast; off
    screenshots: bool = True  # a picture after each step that changed what the shopper sees
    letters: bool = True  # each letter the scenario read, shown in the report

    @classmethod
    def from_settings(cls, context) -> Recording:
        trace = setting(context, "trace", DEFAULT_TRACE).strip().lower()
        if trace not in TRACE_MODES:
            raise ProfileError(f"Expected the trace setting to be one of {', '.join(TRACE_MODES)}; got {trace!r}.")
        return cls(trace=trace, screenshots=is_on(setting(context, "screenshots", "true")),
                   letters=is_on(setting(context, "letters", "true")))


@fixture
def reference_environment(context):
    """Load the target profile and start what it asks for; stop it after the run."""
    context.profile = TargetProfile.load(setting(context, "target", "reference"))
    context.recording = Recording.from_settings(context)
    artifacts = setting(context, "artifacts") or tempfile.mkdtemp(prefix="mailflow-")
    context.artifacts = Path(artifacts)
    catcher = setting(context, "mail") or None
    with Stack(context.profile, context.artifacts / "stack", catcher=catcher) as endpoints:
        context.endpoints = endpoints
        expect.set_options(timeout=context.profile.timeout_seconds * 1000)
        yield endpoints


@fixture
def browser(context):
    """One Chromium for the whole run."""
    settings = BrowserSettings(
        headed=is_on(setting(context, "headed")),
        slow_mo_ms=float(setting(context, "slowmo", "0") or 0),
    )
    with sync_playwright() as playwright:
        context.browser = launch(playwright, settings)
        yield context.browser
        context.browser.close()


@fixture
def shopper_world(context):
    """A fresh browser (context and page), mailbox and seams for one scenario."""
    browsing = Browsing(context.browser, context.profile, context.endpoints.base_url,
                        trace=context.recording.trace)
    device = browsing.open(traced=True)
    mailbox = Mailbox(open_catcher(context.endpoints.catcher, context.endpoints.mail_api,
                                   timeout=context.profile.timeout_seconds),
                      timeout=context.profile.timeout_seconds)
    seams = Seams(context.profile, device.context, context.endpoints.base_url)
    context.world = World(
        profile=context.profile,
        endpoints=context.endpoints,
        browsing=browsing,
        device=device,
        mailbox=mailbox,
        seams=seams,
        # Before the first page: every CAPTCHA of this session then takes this answer.
        captcha_answer=seams.fix_captcha_answer() if seams.offers(Capability.CAPTCHA_SEAM) else "",
        instructions=tuple(instruction_ids(context.scenario.effective_tags)),
    )
    yield context.world
    context.world.close_other_devices()
    mailbox.close()
    device.close()
