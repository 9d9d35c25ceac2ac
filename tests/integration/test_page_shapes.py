"""Page shapes the kit meets on foreign implementations, on small local pages: a flow's entry
outside the header (or only at a route), a refusal printed in the field's group as UI kits do,
and names that differ only in letter case. Each works, with a structure note, or fails saying
where the kit looked and what it found.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from playwright.sync_api import Page, sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, Browsing, launch
from mailflow_specs.errors import ExpectationFailed
from mailflow_specs.flows.checks import check_refused_beside
from mailflow_specs.pages.screen import Screen
from mailflow_specs.targets.labels import Label, Route
from mailflow_specs.targets.profile import Labels, TargetProfile
from mailflow_specs.verdicts import structure

pytestmark = pytest.mark.integration

PAGES = {
    "header.html": "<header><a href='form.html'>Sign Up</a></header><main><h1>Shop</h1></main>",
    "body.html": "<header><a href='/'>Shop</a></header><main><form><input aria-label='Email'></form>"
                 "<p>New here? <a href='form.html'>Sign Up</a></p></main>",
    "none.html": "<header><a href='/'>Shop</a></header><main><h1>Welcome</h1></main>",
    "form.html": "<main><h1>Create account</h1></main>",
    "cases.html": "<main><a href='form.html'>Sign Up</a> <a href='other.html'>Sign up</a>"
                  "<button>Log in</button></main>",
    # A UI kit's field group: the message beside the input, not linked by aria-describedby.
    "group.html": "<form><div class='field'><label for='e'>Email</label><div class='control'>"
                  "<input id='e' value='x'></div><p class='help is-danger'>Enter a valid email address.</p></div>"
                  "<div class='field'><label for='p'>Password</label><input id='p'></div></form>",
    "far.html": "<form><div><label for='e'>Email</label><input id='e' value='x'></div>"
                "<div><label for='p'>Password</label><input id='p'></div></form>"
                "<footer><p>Something went wrong.</p></footer><p>Enter a valid email address.</p>",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("shapes")
    for name, body in PAGES.items():
        (root / name).write_text(f"<!doctype html><title>{name}</title>{body}", encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def screen(site: str) -> Iterator[callable]:
    with sync_playwright() as playwright:
        browser = launch(playwright, BrowserSettings())
        devices = []

        def open_screen(home: str, routes: dict[str, str] | None = None) -> Screen:
            profile = TargetProfile.load("reference")
            texts = {**profile.labels.texts, Label.REGISTER: "Sign up", Label.EMAIL: "Email"}
            profile = replace(profile, base_url=site, timeout_seconds=2.0,
                              routes={Route.HOME: f"/{home}", **(routes or {})},
                              labels=Labels(texts, "test"))
            device = Browsing(browser, profile, site).open()
            devices.append(device)
            page = Screen(device.page, profile)
            page.open_home()
            structure.take_notes()
            return page

        yield open_screen
        for device in devices:
            device.close()
        browser.close()


def opened(page: Page) -> str:
    return page.url.rsplit("/", 1)[-1]


def test_the_header_control_opens_the_flow_without_a_note(screen) -> None:
    page = screen("header.html")
    page.enter(Label.REGISTER, Route.REGISTER)
    assert opened(page.page) == "form.html"
    assert not [n for n in structure.take_notes() if "Sign up" in n]


def test_a_control_in_the_page_body_opens_the_flow_with_a_note(screen) -> None:
    page = screen("body.html")
    page.enter(Label.REGISTER, Route.REGISTER)
    assert opened(page.page) == "form.html"
    assert any("'Sign up' is not in the header" in n for n in structure.take_notes())


def test_without_a_control_the_route_opens_the_flow_with_a_note(screen) -> None:
    page = screen("none.html", {Route.REGISTER: "/form.html"})
    page.enter(Label.REGISTER, Route.REGISTER)
    assert opened(page.page) == "form.html"
    assert any("[routes] register = '/form.html'" in n for n in structure.take_notes())


def test_without_a_control_or_a_route_the_entry_fails_at_once_naming_both(screen) -> None:
    page = screen("none.html")
    with pytest.raises(ExpectationFailed, match=r"'Sign up' in the header .* no \[routes\] register"):
        page.enter(Label.REGISTER, Route.REGISTER)


def test_the_route_is_not_taken_when_the_control_is_the_scenarios_own_subject(screen) -> None:
    page = screen("none.html", {Route.REGISTER: "/form.html"})
    with pytest.raises(ExpectationFailed, match="there is none"):
        page.enter(Label.REGISTER, Route.REGISTER, may_route=False)
    assert opened(page.page) == "none.html"


def test_names_that_differ_only_in_case_take_the_exact_one_with_a_note(screen) -> None:
    page = screen("cases.html")
    assert page.control("Sign up").count() == 1
    assert page.control("Sign up").get_attribute("href") == "other.html"
    assert page.control("Sign Up").get_attribute("href") == "form.html"
    assert page.control("log in").count() == 1  # no exact one: any case still matches
    page.press(Label.REGISTER)
    assert opened(page.page) == "other.html"
    assert any("in other letter case" in n for n in structure.take_notes())


def test_a_refusal_in_the_fields_group_counts_with_a_note(screen) -> None:
    page = screen("group.html")
    field = page.page.get_by_label("Email")
    assert check_refused_beside(field, "Enter a valid email address.", "REG-06: the refusal") == "by the target"
    assert any("field's group" in n for n in structure.take_notes())


def test_a_refusal_elsewhere_fails_saying_where_the_kit_looked_and_what_it_found_nearby(screen) -> None:
    page = screen("far.html")
    field = page.page.get_by_label("Email")
    with pytest.raises(ExpectationFailed) as failed:
        check_refused_beside(field, "Enter a valid email address.", "REG-06: the refusal")
    said = str(failed.value)
    assert "aria-describedby: ''" in said and "its group and its container" in said
    assert "found nearby: 'Password'" in said, said


def test_a_pattern_refusal_is_read_as_a_pattern(screen) -> None:
    page = screen("group.html")
    field = page.page.get_by_label("Email")
    assert check_refused_beside(field, "/valid e-?mail/", "REG-06: the refusal") == "by the target"


def test_a_failure_names_an_exact_first_locator_as_plainly_as_before(screen) -> None:
    from playwright.sync_api import expect

    from mailflow_specs.verdicts.messages import describe

    page = screen("none.html")
    with pytest.raises(AssertionError) as failed:
        expect(page.header_control(Label.REGISTER), "REG-01: x").to_be_visible(timeout=100)
    assert describe(str(failed.value))[1] == (
        "banner-landmark-or-whole-page.get_by_role(\"link\", name='Sign up').or_(banner-landmark-or-whole-page"
        ".filter(has_not=get_by_role(\"link\", name='Sign up')).get_by_role(\"button\", name='Sign up'))")
