"""Strict settings: yes/no settings take known spellings only, anything else stops the app at
start naming the setting; links in letters come from PUBLIC_URL, never from the Host header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import RegistrationActions, letters

from reference_app import SettingError, create_app
from reference_app.__main__ import main as serve


def build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **environment: str):
    for name, value in environment.items():
        monkeypatch.setenv(f"BAZAAR_{name}", value)
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'settings.sqlite'}",
                       "SECRET_KEY": "settings"})


@pytest.mark.parametrize("spelling", ["False", "false", "off", "OFF", "no", "0"])
def test_a_false_spelling_of_test_mode_leaves_the_seams_off(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, spelling: str,
) -> None:
    app = build(monkeypatch, tmp_path, TEST_MODE=spelling)
    assert app.config["TEST_MODE"] is False
    assert app.test_client().post("/__test__/staff").status_code == 404


@pytest.mark.parametrize("spelling", ["True", "on", "yes", "1"])
def test_a_true_spelling_of_test_mode_switches_the_seams_on(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, spelling: str,
) -> None:
    assert build(monkeypatch, tmp_path, TEST_MODE=spelling).config["TEST_MODE"] is True


def test_a_false_aging_seam_setting_removes_the_seam(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    app = build(monkeypatch, tmp_path, TEST_MODE="true", ACCOUNT_AGING_SEAM="False")
    answer = app.test_client().post("/__test__/accounts/age", json={"email": "a@example.com", "hours": 1})
    assert answer.status_code == 404


@pytest.mark.parametrize(("name", "value"), [
    ("TEST_MODE", "maybe"), ("ACCOUNT_AGING_SEAM", "2"), ("SESSION_COOKIE_SECURE", "yes please"),
    ("SMTP_PORT", "smtp"), ("PUBLIC_URL", "shop.example"), ("PUBLIC_URL", "ftp://shop.example"),
    ("WEBMAIL_URL", "mail.example"), ("SMTP_HOST", " "), ("MAIL_SENDER", "Bazaar"),
    ("PASSWORD_HASHING", "fast"),
])
def test_a_setting_of_the_wrong_kind_is_refused_at_start_naming_it(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str,
) -> None:
    with pytest.raises(SettingError, match=rf"Expected BAZAAR_{name} .*got '?{re.escape(value)}'?\.$"):
        build(monkeypatch, tmp_path, **{name: value})


def test_the_server_refuses_to_start_with_a_bad_setting_and_says_which(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BAZAAR_TEST_MODE", "maybe")
    monkeypatch.setenv("BAZAAR_SQLALCHEMY_DATABASE_URI", f'"sqlite:///{tmp_path / "x.sqlite"}"')
    assert serve(["--port", "0"]) == 2
    assert "BAZAAR_TEST_MODE" in capsys.readouterr().err


def test_the_confirmation_link_uses_the_public_url_whatever_host_the_request_names(
    make_app,
) -> None:
    app = make_app(PUBLIC_URL="https://shop.example/")
    evil = {"base_url": "http://evil.example"}  # every request says Host: evil.example
    client = app.test_client()
    client.post("/__test__/captcha", json={"answer": "ABCDE"}, **evil)
    client.get("/register", **evil)
    answer = client.post("/register", data=RegistrationActions(client).form_data(), **evil)
    assert answer.status_code == 302
    [letter] = letters(app)
    links = re.findall(r'href="([^"]+)"', letter.html)
    assert links and all(link.startswith("https://shop.example/confirm/") for link in links), links
    assert "evil.example" not in letter.html + letter.text


@pytest.mark.parametrize(("name", "value"), [
    ("EMAIL_CHANGE_CODE_ATTEMPTS", "-1"), ("EMAIL_CHANGE_CODE_ATTEMPTS", "0"), ("SMTP_PORT", "70000"),
    ("GRACE_PERIOD_DAYS", "0"), ("OUTBOX_MAX_ATTEMPTS", "0"), ("OUTBOX_SENDERS", "1000"),
    ("MAX_CONTENT_LENGTH", "-5"), ("SERVER_CONNECTION_LIMIT", "1"), ("CONFIRMATION_RESEND_SECONDS", "NaN"),
])
def test_a_number_out_of_its_range_is_refused_at_start_naming_the_range(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str,
) -> None:
    with pytest.raises(SettingError, match=rf"^Expected BAZAAR_{name} to be a number from \S+ to \S+; got .*\.$"):
        build(monkeypatch, tmp_path, **{name: value})


@pytest.mark.parametrize(("name", "value"), [
    ("SIGN_IN_RATE_LIMIT", "lots"), ("EMAIL_CHANGE_CODES_PER_ACCOUNT", "0 per day"),
    ("NEW_ADDRESSES_PER_ACCOUNT", "off"), ("NEW_ADDRESSES_PER_CLIENT", "10 per fortnight"),
])
def test_a_limit_that_is_not_a_rate_is_refused_at_start(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str,
) -> None:
    with pytest.raises(SettingError, match=rf'^Expected BAZAAR_{name} to be a rate such as "5 per hour; 10 per day"'):
        build(monkeypatch, tmp_path, **{name: value})


def test_every_number_setting_has_a_range_and_every_setting_is_in_the_readme() -> None:
    from reference_app.settings import DEFAULTS, RANGES
    numbers = {n for n, v in DEFAULTS.items() if isinstance(v, int) and not isinstance(v, bool)}
    assert numbers <= set(RANGES), numbers - set(RANGES)
    readme = (Path(__file__).parents[3] / "docs" / "reference-app.md").read_text("utf-8")
    own = [n for n in DEFAULTS if not n.startswith(("RATELIMIT_", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
                                                     "WTF_"))]
    missing = [name for name in own if f"`{name}`" not in readme]
    assert not missing, f"Expected every setting in the table of docs/reference-app.md; missing {missing}."


def test_per_client_limits_are_off_in_test_mode_unless_set(make_app) -> None:
    assert make_app().config["NEW_ADDRESSES_PER_CLIENT"] == "off"
    assert make_app(TEST_MODE=False).config["NEW_ADDRESSES_PER_CLIENT"] == "30 per hour; 100 per day"
    assert make_app(NEW_ADDRESSES_PER_CLIENT="3 per day").config["NEW_ADDRESSES_PER_CLIENT"] == "3 per day"


@pytest.mark.parametrize(("environment", "expected"), [
    ({"BAZAAR_PASSWORD_HASHING": "fast"}, "bazaar: Expected BAZAAR_PASSWORD_HASHING to be one of production, test"),
    ({"BAZAAR_PASSWORD_HASHING": "test"}, "bazaar: Expected BAZAAR_PASSWORD_HASHING = 'test' only with TEST_MODE on"),
    ({"BAZAAR_EMAIL_CHANGE_CODE_ATTEMPTS": "-1"}, "bazaar: Expected BAZAAR_EMAIL_CHANGE_CODE_ATTEMPTS to be a number"),
    ({"BAZAAR_LANGUAGE": "xx"}, "bazaar: Expected BAZAAR_LANGUAGE to be one of"),
])
def test_the_server_refuses_a_bad_setting_in_one_line_without_a_traceback(
    make_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    environment: dict[str, str], expected: str,
) -> None:
    monkeypatch.setenv("BAZAAR_SQLALCHEMY_DATABASE_URI", f'"sqlite:///{tmp_path / "x.sqlite"}"')
    monkeypatch.setenv("BAZAAR_SECRET_KEY", "settings")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert serve(["--port", "0"]) == 2
    error = capsys.readouterr().err
    assert error.startswith(expected) and error.count("\n") == 1, error


def test_the_debugger_is_refused_without_test_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve(["--port", "0", "--debug"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("bazaar: Expected --debug only with --test-mode") and error.count("\n") == 1, error


def test_without_a_secret_key_one_is_made_once_and_kept_in_the_instance_file(make_app, tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    first = make_app(SECRET_KEY=None, SECRET_KEY_FILE=str(key_file)).config["SECRET_KEY"]
    assert len(first) == 64 and key_file.read_text("ascii") == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert make_app(SECRET_KEY=None, SECRET_KEY_FILE=str(key_file)).config["SECRET_KEY"] == first


def test_the_client_address_comes_from_x_forwarded_for_only_behind_trusted_proxies(make_app) -> None:
    from flask import request

    def seen(app) -> str:
        app.add_url_rule("/__ip", "ip", lambda: request.remote_addr or "")
        forwarded = {"X-Forwarded-For": "203.0.113.9"}
        return app.test_client().get("/__ip", headers=forwarded, environ_base={"REMOTE_ADDR": "10.0.0.2"}).text

    assert seen(make_app()) == "10.0.0.2"
    assert seen(make_app(TRUSTED_PROXIES=1)) == "203.0.113.9"


def test_a_blank_secret_key_is_refused_rather_than_replaced(make_app) -> None:
    with pytest.raises(SettingError, match=r"^Expected BAZAAR_SECRET_KEY to be a long random text \(or unset\); got ' '\.$"):
        make_app(SECRET_KEY=" ")
