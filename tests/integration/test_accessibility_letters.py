"""A letter the webmail shows in a sandboxed frame is scanned, and the scan ends.

The webmail serves a letter's HTML with a CSP ``sandbox`` header and no scripts. axe-core run
inside such a document never finishes, so a scan that opened the frame's address hung the
whole run (first seen on a run that picked one scenario by file:line). A local page here frames
a letter served the same way; the scanner must come back, naming the letter's own violation.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, sync_playwright

from mailflow_specs.actors.browsing import BrowserSettings, launch
from mailflow_specs.report.accessibility import Scanner

pytestmark = pytest.mark.integration

PAGE = b"""<!doctype html><html lang="en"><head><title>Inbox</title></head>
<body><main><h1>Welcome to the shop</h1><iframe title="The letter" src="/letter"></iframe></main></body></html>"""
LETTER = b"""<!doctype html><html lang="en"><head><title>Welcome to the shop</title></head>
<body><p>Hello</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>"""


class Webmail(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = LETTER if self.path == "/letter" else PAGE
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path == "/letter":
            self.send_header("Content-Security-Policy", "sandbox allow-popups allow-top-navigation-by-user-activation")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def webmail() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Webmail)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright, BrowserSettings())
        yield browser
        browser.close()


@pytest.mark.timeout(60)
def test_a_letter_in_a_sandboxed_frame_is_scanned_and_the_scan_ends(webmail, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(webmail)
    scanner = Scanner(browser, "report")
    try:
        scans = scanner.look(context, "The shopper reads her letter", b"")
    finally:
        scanner.close()
        context.close()

    by_name = {scan.name: scan for scan in scans}
    letter = by_name["Letter: Inbox"]
    assert letter.error == ""
    assert "image-alt" in {violation.rule for violation in letter.violations}
    assert by_name.keys() == {"Welcome to the shop", "Letter: Inbox"}
