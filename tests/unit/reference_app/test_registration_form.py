"""REG-01..REG-10: the header, the registration form and its refusals."""

from __future__ import annotations

import pytest
from conftest import CAPTCHA, STRONG_PASSWORD, RegistrationActions, page
from flask.testing import FlaskClient


def test_the_header_offers_register_and_sign_in_to_a_visitor(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    header = html[html.index("<header"):html.index("</header>")]
    assert '>Register</a>' in header
    assert '>Sign in</a>' in header
    assert "Sign out" not in header


def test_the_registration_form_labels_every_line_in_order(client: FlaskClient) -> None:
    html = client.get("/register").get_data(as_text=True)
    labels = ["First and last name", "Email address", "Password", "Repeat the password",
              'alt="CAPTCHA picture"', "Letters from the picture",
              "I agree to become a member of the Bazaar Club", "Create your profile"]
    positions = [html.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "<h1>Registration</h1>" in html
    assert 'href="/transliterate">Transliterate a name</a>' in html
    for control in ("name", "email", "password", "password_repeat", "captcha_answer", "membership"):
        assert f'<label class="field__label" for="{control}">' in html or f'<label for="{control}">' in html


REFUSALS = [
    ("name", {"name": ""}, "Enter your first and last name."),
    ("name", {"name": "Ola@home"}, "Write your name in Latin letters. Suggested spelling: Ola home."),
    ("name", {"name": "42"}, "Write your name in Latin letters."),
    ("email", {"email": "ola@"}, "Enter a valid email address."),
    ("email", {"email": "not an address"}, "Enter a valid email address."),
    ("password", {"password": "password1", "password_repeat": "password1"},
     "This password is too simple: this is a very common password."),
    ("password_repeat", {"password_repeat": STRONG_PASSWORD + "!"}, "The passwords do not match."),
    ("captcha_answer", {"captcha_answer": "ZZZZZ"},
     "The letters do not match the picture. Please type the letters of the new picture."),
    ("membership", {"membership": None}, "Agree to become a club member to register."),
]


@pytest.mark.parametrize(("control", "overrides", "message"), REFUSALS)
def test_a_refused_line_shows_its_reason_as_the_fields_description(
    registration: RegistrationActions, control: str, overrides: dict[str, str | None], message: str
) -> None:
    response = registration.register(**overrides)
    assert response.status_code == 200
    form = page(response)
    assert form.description(control) == message
    assert form.attrs(control)["aria-invalid"] == "true"
    others = {"name", "email", "password", "password_repeat", "captcha_answer", "membership"} - {control}
    assert all("aria-invalid" not in form.attrs(other) for other in others)


@pytest.mark.parametrize(("control", "overrides", "message"), REFUSALS)
def test_a_refused_form_keeps_what_was_typed_except_passwords_and_the_captcha(
    registration: RegistrationActions, control: str, overrides: dict[str, str | None], message: str
) -> None:
    sent = registration.form_data(**overrides)
    form = page(registration.register(**overrides))
    assert form.value("name") == sent["name"]
    assert form.value("email") == sent["email"]
    assert form.value("password") == ""
    assert form.value("password_repeat") == ""
    assert form.value("captcha_answer") == ""
    assert STRONG_PASSWORD not in form.html
    assert ("checked" in form.attrs("membership")) == ("membership" in sent)


@pytest.mark.parametrize("address", ["оля@example.com", "olа@example.com", "ola@пример.рф",
                                     "ola@xn--e1afmkfd.xn--p1ai", "ola@mail.XN--P1AI"])
def test_an_address_in_other_letters_than_english_is_refused_beside_the_field(
    registration: RegistrationActions, address: str
) -> None:
    form = page(registration.register(email=address))
    assert form.description("email") == ("Write the email address in English letters only: no letters of "
                                         "other alphabets, no accents, no wide letters.")


def test_a_domain_the_browser_sent_as_punycode_is_shown_back_as_typed(registration: RegistrationActions) -> None:
    form = page(registration.register(email="ola@xn--e1afmkfd.xn--p1ai"))
    assert form.value("email") == "ola@пример.рф"


@pytest.mark.parametrize("pseudonym", ["Kitty99", "Ola 42", "R2 D2"])
def test_a_pseudonym_with_digits_is_accepted(registration: RegistrationActions, pseudonym: str) -> None:
    response = registration.register(name=pseudonym)
    assert response.status_code == 302, page(response).description("name")


def test_a_name_in_cyrillic_is_refused_with_the_transliterated_spelling(
    registration: RegistrationActions,
) -> None:
    form = page(registration.register(name="Оля Ковальская"))
    assert form.description("name") == (
        "Write your name in Latin letters. Suggested spelling: Olia Koval'skaia.")
    assert form.value("name") == "Оля Ковальская"
    assert "Use this spelling</button>" in form.html
    assert "data-suggestion=\"Olia Koval&#39;skaia\"" in form.html


def test_use_this_spelling_without_javascript_fills_the_suggestion_in(
    registration: RegistrationActions,
) -> None:
    data = registration.form_data(name="Оля Ковальская", use_suggestion="1")
    form = page(registration.client.post("/register", data=data))
    assert form.value("name") == "Olia Koval'skaia"
    assert "aria-invalid" not in form.attrs("name")
    assert form.value("email") == "ola@example.com"


def test_an_address_already_registered_is_refused_whatever_its_case(
    registration: RegistrationActions,
) -> None:
    assert registration.register().status_code == 302
    form = page(registration.register(name="Marek Lis", email="OLA@Example.com"))
    assert form.description("email") == "This email address is already registered."


def test_a_wrong_captcha_answer_brings_a_new_picture_with_a_new_answer(client: FlaskClient) -> None:
    first = page(client.get("/register"))
    refused = page(client.post("/register", data={"captcha_answer": "WRONG"}))
    assert refused.captcha_src() != first.captcha_src()
    assert client.get(first.captcha_src()).status_code == 404
    picture = client.get(refused.captcha_src())
    assert picture.status_code == 200
    assert picture.mimetype == "image/png"
    assert picture.data.startswith(b"\x89PNG")
    assert picture.headers["Cache-Control"] == "no-store"


def test_the_captcha_answer_never_appears_in_the_page(registration: RegistrationActions) -> None:
    registration.fix_captcha("QWERT")
    html = registration.client.get("/register").get_data(as_text=True)
    assert "QWERT" not in html


def test_the_captcha_seam_fixes_the_answer_only_for_its_own_session(
    registration: RegistrationActions, app,
) -> None:
    registration.fix_captcha()
    stranger = RegistrationActions(app.test_client())
    stranger.client.get("/register")
    refused = stranger.client.post("/register", data=stranger.form_data(email="marek@example.com"))
    assert page(refused).description("captcha_answer").startswith("The letters do not match")
    registration.client.get("/register")
    accepted = registration.client.post("/register", data=registration.form_data())
    assert accepted.status_code == 302


def test_the_captcha_seam_keeps_drawing_new_pictures(registration: RegistrationActions) -> None:
    registration.fix_captcha()
    first = page(registration.client.get("/register")).captcha_src()
    second = page(registration.client.get("/register")).captcha_src()
    assert first != second


def test_the_captcha_answer_is_compared_without_regard_to_case(
    registration: RegistrationActions,
) -> None:
    assert registration.register(captcha_answer=CAPTCHA.lower()).status_code == 302


def test_the_transliteration_page_shows_the_latin_spelling_and_keeps_the_input(
    client: FlaskClient,
) -> None:
    empty = page(client.get("/transliterate"))
    assert "latin-spelling" not in empty.elements
    result = page(client.post("/transliterate", data={"source": "Оля Ковальская"}))
    assert result.attrs("latin-spelling")["value"] == "Olia Koval'skaia"
    assert "readonly" in result.attrs("latin-spelling")
    assert "Оля Ковальская</textarea>" in result.html
    assert '<label class="field__label" for="latin-spelling">Latin spelling</label>' in result.html
    assert '<label class="field__label" for="source">Text in any alphabet</label>' in result.html


def test_showing_the_registration_form_writes_nothing_to_the_database(app, client: FlaskClient) -> None:
    from reference_app.extensions import db
    from reference_app.models import UsedCaptcha

    for _ in range(20):
        assert client.get("/register").status_code == 200
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(UsedCaptcha)).scalar_one() == 0


def test_a_solved_captcha_cannot_be_answered_again_from_a_copied_cookie(registration: RegistrationActions) -> None:
    client = registration.client
    registration.fix_captcha()
    client.get("/register")
    copied = client.get_cookie("session").value
    assert client.post("/register", data=registration.form_data()).status_code == 302
    client.set_cookie("session", copied, domain="localhost")
    again = client.post("/register", data=registration.form_data(email="marek@example.com"))
    assert page(again).description("captcha_answer").startswith("The letters do not match")


def test_outside_test_mode_the_letters_of_the_picture_are_the_answer(make_app) -> None:
    from reference_app.challenges import NONCE_KEY, answer_for

    app = make_app(TEST_MODE=False)
    client = app.test_client()
    client.get("/register")
    with client.session_transaction() as session:
        nonce = session[NONCE_KEY]
    with app.test_request_context():
        answer = answer_for(nonce)
    assert len(answer) == 5 and answer.isalpha() and answer.isupper()
    data = RegistrationActions(client).form_data(captcha_answer=answer)
    assert client.post("/register", data=data).status_code == 302
