"""Each catcher behind the door keeps the same promises: a real one started on loopback ports,
a real letter sent by SMTP, then read through the ``Catcher`` interface alone."""

from __future__ import annotations

import smtplib
import subprocess
from email.message import EmailMessage

import pytest

from mailflow_specs.errors import TargetUnreachable
from mailflow_specs.mail.catcher import LetterNotFound
from mailflow_specs.mail.catchers import NAMES, open_catcher, server
from mailflow_specs.mail.mailbox import Mailbox
from mailflow_specs.run.stack import free_port, wait_until_answering

pytestmark = pytest.mark.integration


@pytest.fixture(params=NAMES)
def running(request, tmp_path):
    kind = server(request.param)
    if kind.program() is None:
        kind.install()
    http_port, smtp_port = free_port(), free_port()
    process = subprocess.Popen(kind.command(kind.program(), http_port, smtp_port, tmp_path),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_answering(f"{url}{kind.ready_path()}", kind.title, log=None)
        yield request.param, url, smtp_port
    finally:
        process.terminate()
        process.wait(timeout=10)


def send(smtp_port: int, to: str, subject: str) -> None:
    letter = EmailMessage()
    letter["From"], letter["To"], letter["Subject"] = "Shop <no-reply@shop.test>", to, subject
    letter.set_content("Your code: 482913\nhttp://shop.test/code/xyz")
    letter.add_alternative('<p>Your code: 482913</p><a href="http://shop.test/code/xyz">Enter it</a>', subtype="html")
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as smtp:
        smtp.send_message(letter)


def test_a_letter_sent_by_smtp_is_read_whole_through_the_door(running) -> None:
    name, url, smtp_port = running
    catcher = open_catcher(name, url)
    send(smtp_port, "ola@example.com", "Your confirmation code")
    send(smtp_port, "marek@example.com", "Someone else's letter")
    mailbox = Mailbox(catcher, timeout=10)
    letter = mailbox.new_letter("OLA@example.com", "/confirmation code$/")
    assert letter.recipients == ("ola@example.com",) and letter.sender == "no-reply@shop.test"
    assert letter.heading.sender.name == "Shop"
    assert letter.code() == "482913" and letter.link("Enter it") == "http://shop.test/code/xyz"
    assert [h.subject for h in catcher.headings("ola@example.com")] == ["Your confirmation code"]
    assert b"Subject: Your confirmation code" in catcher.source(letter.id)
    assert catcher.version().lower().startswith(name)
    with pytest.raises(LetterNotFound):
        catcher.letter("no-such-letter")
    catcher.close()


def test_a_catcher_that_does_not_answer_is_unreachable_not_an_empty_mailbox() -> None:
    for name in NAMES:
        catcher = open_catcher(name, f"http://127.0.0.1:{free_port()}", timeout=2)
        with pytest.raises(TargetUnreachable):
            catcher.headings("ola@example.com")
