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
