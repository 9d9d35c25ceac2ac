"""How `mailflow probe --draft` turns what a target showed after registering into profile texts:
a message's first sentence, the part of a text that names no address (addresses differ on every
run), and the draft read back from its file."""

from pathlib import Path

from mailflow_specs.run.draft import Draft, read_draft, write_profile
from mailflow_specs.run.draft_account import _around, _without, first_sentence

ADDRESS = "drafting-3f9c1a@example.com"


def test_a_message_is_cut_at_the_end_of_its_first_sentence() -> None:
    assert first_sentence("Thank you. Your email has been confirmed.") == "Thank you"
    assert first_sentence("Invalid password") == "Invalid password"
    assert first_sentence("We have sent an email to you for verification. Follow the link") == \
        "We have sent an email to you for verification"
    assert first_sentence("Sign-up closed! Try later.") == "Sign-up closed"
    assert first_sentence("Version 2.5 is out") == "Version 2.5 is out"  # a full stop within a word ends nothing


def test_a_text_that_names_the_address_keeps_its_longer_side_without_the_address() -> None:
    line = f"Thank you. To confirm your email address {ADDRESS}, please click on the link we have sent you."
    assert _around(line, ADDRESS) == "please click on the link we have sent you"
    assert _around(f"Confirmation email sent to {ADDRESS}.", ADDRESS) == "Confirmation email sent to"
    assert _around(f"{ADDRESS.upper()} is already associated with an account.", ADDRESS) == \
        "is already associated with an account"


def test_a_confirmation_that_names_the_address_is_read_up_to_it() -> None:
    assert _without(f"You have confirmed {ADDRESS}.", ADDRESS) == "You have confirmed"
    assert _without("Thank you. Your email has been confirmed.", ADDRESS) == "Thank you. Your email has been confirmed"


def test_a_written_draft_reads_back_with_every_table_it_learnt(tmp_path: Path) -> None:
    found = Draft(base_url="http://127.0.0.1:5200", routes={"home": "/"}, labels={"register": 'Say "hi"'},
                  refusals={"wrong_credentials": "Invalid password"}, absent={"appeal": "drafted: none offered"},
                  timing={"grace_period_days": 0}, mail={"sender": "no-reply@shop.example"},
                  links={"confirm_link": "/accounts/confirm-email/"},
                  notes=["an unconfirmed account could not sign in right after registering"])
    path = tmp_path / "my-shop.toml"
    text = write_profile(found, path)
    assert text.startswith("# Drafted by")
    assert "# an unconfirmed account could not sign in right after registering" in text
    assert "grace_period_days = 0  # drafted: seen on the target" in text
    again = read_draft(path)
    assert again.filled() == found.filled()
