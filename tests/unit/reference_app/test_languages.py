"""The interface speaks Polish on request: every text, the letters, and the routes."""

import tomllib
from importlib import resources

import pytest

from reference_app import create_app
from reference_app.localized_routes import translate_path


def flat_keys(language: str) -> set[str]:
    source = resources.files("reference_app").joinpath("texts", f"{language}.toml")
    keys: set[str] = set()

    def walk(table: dict, prefix: str = "") -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            else:
                keys.add(f"{prefix}{key}")

    walk(tomllib.loads(source.read_text(encoding="utf-8")))
    return {key for key in keys if not key.startswith("routes.")}


def test_the_polish_catalogue_has_a_text_for_every_english_one() -> None:
    assert flat_keys("en") - flat_keys("pl") == set()
    assert flat_keys("pl") - flat_keys("en") == set()


def test_route_segments_are_translated_and_variable_parts_kept() -> None:
    segments = {"register": "rejestracja", "confirm": "potwierdz", "account": "konto"}
    assert translate_path("/register/success", segments) == "/rejestracja/success"
    assert translate_path("/confirm/<token>", segments) == "/potwierdz/<token>"
    assert translate_path("/", segments) == "/"


@pytest.fixture
def polish_client(tmp_path):
    app = create_app({
        "TESTING": True, "LANGUAGE": "pl", "TEST_MODE": True, "ACCOUNT_AGING_SEAM": False,
        "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pl.sqlite'}",
    })
    from reference_app import init_db
    init_db(app)
    return app.test_client()


def test_the_polish_registration_form_is_at_its_polish_route_with_the_guides_words(polish_client) -> None:
    page = polish_client.get("/rejestracja")
    assert page.status_code == 200
    assert "Stwórz swój profil" in page.get_data(as_text=True)
    assert polish_client.get("/register").status_code == 404


def test_the_aging_seam_can_be_left_out_of_a_test_build(polish_client) -> None:
    answer = polish_client.post("/__test__/accounts/age", json={"email": "a@example.com", "hours": 1})
    assert answer.status_code == 404
    assert polish_client.post("/__test__/captcha", json={"answer": "ABCDE"}).status_code == 204
