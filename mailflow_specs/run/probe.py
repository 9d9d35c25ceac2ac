"""``mailflow probe PROFILE``: what the scenarios will find on a running target, before a run.

It loads the profile (a wrong or unknown key is named), lists the texts the scenarios need
that the profile lacks, visits the pages the scenarios start from (home, the registration
form, sign-in), resolves every label there and prints what it cannot find with the page's
accessibility snapshot, asks whether each test seam exists, and ends with a coverage preview:
how many scenarios will run, and why the others will not.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import Counter

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, Browsing, launch
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.pages.registration import RegistrationPage
from mailflow_specs.paths import FEATURES
from mailflow_specs.run.dry_run import Planned, plan
from mailflow_specs.targets.features import TEXTS_OF_FEATURES
from mailflow_specs.targets.gate import scenario_status
from mailflow_specs.targets.labels import Capability, Label, Refusal, Route
from mailflow_specs.targets.profile import TargetProfile
from mailflow_specs.verdicts import structure

SNAPSHOT_LINES = 40
# The label keys resolved on each page the scenarios start from.
REGISTRATION_FIELDS = (Label.EMAIL, Label.PASSWORD, Label.PASSWORD_REPEAT, Label.CAPTCHA_ANSWER, Label.MEMBERSHIP)


def probe(profile: TargetProfile) -> int:
    """Print the probe's findings; the number of problems found on the target (a missing text
    is named but not counted: the instruction that needs it may be one you deviate from)."""
    missing_texts(profile)
    problems = 0
    if profile.starts_reference_app:
        print("The reference app is started by each run: the pages are probed only on an external target.")
    else:
        problems += probe_seams(profile) + probe_pages(profile)
    print_coverage(profile)
    return problems


def missing_texts(profile: TargetProfile) -> int:
    unused = {key for feature in profile.absent for key in TEXTS_OF_FEATURES[feature]}
    missing = [f"[labels] {k}" for k in Label if k not in profile.labels and k not in unused]
    missing += [f"[refusals] {k}" for k in Refusal if k not in profile.refusals and k not in unused]
    if missing:
        print(f"missing: {', '.join(missing)}\n  (a scenario that looks for one of these stops with a set-up "
              "error, unless its instructions are absent or deviations)")
    return len(missing)


def probe_seams(profile: TargetProfile) -> int:
    problems = 0
    for capability, path in profile.capabilities.items():
        if capability == Capability.SUPPORT_CONSOLE:
            continue
        request = urllib.request.Request(profile.base_url + path, method="OPTIONS")
        try:
            with urllib.request.urlopen(request, timeout=5):
                status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            print(f"unreachable: {profile.base_url} ({error}); is the target running?")
            return problems + 1
        if status == 404:
            problems += 1
            print(f"not found: [capabilities] {capability} = {path!r} answers 404")
    return problems


def probe_pages(profile: TargetProfile) -> int:
    with sync_playwright() as playwright:
        browser = launch(playwright, BrowserSettings())
        page = Browsing(browser, profile, profile.base_url or "").open().page
        form = RegistrationPage(page, profile)
        form.open_home()
        problems = 0
        try:
            form.enter(Label.REGISTER, Route.REGISTER)  # the header's control, the page's, or the route
            page.wait_for_load_state()
            problems += _resolve(page, "registration form", _registration_locators(form))
        except (ExpectationFailed, PlaywrightError) as error:
            problems += 1
            print(f"not reached: the registration form ({str(error).splitlines()[0]})")
            _print_snapshot(page)
        if Route.SIGN_IN in profile.routes:
            page.goto(profile.route(Route.SIGN_IN))
            problems += _resolve(page, "sign-in page", [
                ("email", form.field(Label.EMAIL)), ("password", form.field(Label.PASSWORD)),
                ("sign_in_button", form.control(profile.labels[Label.SIGN_IN_BUTTON]))])
        for note in structure.take_notes():
            print(f"note: {note}")
        browser.close()
    return problems


def _registration_locators(form: RegistrationPage) -> list:
    profile = form.profile
    found = [(f"name[{i}]", form.name_part(i)) for i in range(len(profile.name_fields))]
    found.append(("registration_heading", form.heading(Label.REGISTRATION_HEADING)))
    found += [(k, form.field(k)) for k in REGISTRATION_FIELDS if form.has_field(k)]
    found.append(("create_profile", form.control(profile.labels[Label.CREATE_PROFILE])))
    return found


def _resolve(page: Page, where: str, locators: list) -> int:
    missing = [key for key, locator in locators if locator.count() == 0]
    for role in ("banner", "main"):
        if page.get_by_role(role).count() == 0:
            print(f"note: no {role} landmark on the {where} ({page.url}): the steps search the whole page")
    if not missing:
        print(f"ok: the {where} ({page.url}) shows {', '.join(key for key, _ in locators)}")
        return 0
    print(f"not found on the {where} ({page.url}): {', '.join(missing)}; what the page offers:")
    _print_snapshot(page)
    return len(missing)


def _print_snapshot(page: Page) -> None:
    snapshot = page.locator("body").aria_snapshot().splitlines()
    for line in snapshot[:SNAPSHOT_LINES]:
        print(f"    {line}")
    if len(snapshot) > SNAPSHOT_LINES:
        print(f"    … ({len(snapshot) - SNAPSHOT_LINES} more lines)")


def coverage(profile: TargetProfile) -> tuple[Counter, Counter]:
    """Per status, how many scenarios this profile lets run ("run"), and why the others will not:
    the run's own selection and gate (``mailflow_specs.run.dry_run.plan``), so the preview is the run's."""
    return tally(plan(profile, [str(FEATURES)], [], []))


def tally(planned: list[Planned]) -> tuple[Counter, Counter]:
    verdicts: Counter = Counter()
    reasons: Counter = Counter()
    for item in planned:
        reason = item.skip_reason
        status = "run" if reason is None else scenario_status(reason)
        verdicts[status] += 1
        if status == "skipped":
            reasons[reason.split(" (")[0] if "depends on" not in reason
                    else "not checked: depends on " + reason.split("depends on ", 1)[1].split(" (")[0]] += 1
    return verdicts, reasons


def print_coverage(profile: TargetProfile) -> None:
    """How many scenarios this profile lets run, and why the others will not."""
    verdicts, reasons = coverage(profile)
    parts = [f"{verdicts[s]} {word}" for s, word in (("run", "scenarios run"), ("absent", "absent"),
                                                      ("deviation", "deviation"), ("skipped", "skipped"))
             if verdicts[s]]
    detail = "; ".join(f"{n}: {why}" for why, n in reasons.most_common())
    print(f"\nWith this profile {', '.join(parts)}" + (f" ({detail})" if detail else "") + ".")
    print("(A scenario that runs may still end \"not checked\" where an instruction it relies on fails.)")
