"""Flask-WTF forms. Refusals are sentences from the text catalogue, shown beside their field.

Every field has a longest accepted length (`Longest`), checked before anything else about it,
so no value is too long for the database, the password checks or a letter; the request as a
whole is capped by MAX_CONTENT_LENGTH (the friendly 413 page)."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from unidecode import unidecode
from wtforms import BooleanField, PasswordField, StringField, TextAreaField
from wtforms.fields import EmailField
from wtforms.validators import StopValidation, ValidationError
from zxcvbn import zxcvbn

from . import address_change, challenges
from .accounts import address_taken, email_key
from .models import Account
from .texts import text

# Latin letters, and digits for pseudonyms ("Kitty99": the guide allows "just a pseudonym");
# a name needs at least one letter.
LATIN_NAME = re.compile(r"[A-Za-z0-9 .'\-]+")
NOT_IN_NAME = re.compile(r"[^A-Za-z0-9 .'\-]+")
STRONG_ENOUGH = 3
# zxcvbn refuses more than 72 characters (and gets slow); the first characters decide anyway.
ESTIMATE_LENGTH = 72
# Longest values accepted, in characters.
LONGEST_NAME = 120
LONGEST_EMAIL = 254
LONGEST_PASSWORD = 200
LONGEST_CAPTCHA = 10
LONGEST_CODE = 20
LONGEST_SOURCE = 500
LONGEST_MESSAGE = 2000


class Longest:
    """Refuse a value longer than `limit` characters, beside its field, before other checks."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, form: FlaskForm, field: object) -> None:
        data = getattr(field, "data", None)
        if isinstance(data, str) and len(data) > self.limit:
            raise StopValidation(text("refusals.too_long", limit=self.limit))


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def latin_spelling(value: str) -> str:
    """The Latin spelling of text in any alphabet ("Оля" → "Olia")."""
    return unidecode(value).strip()


def suggested_name(name: str) -> str:
    """A Latin spelling the name field would accept, or "" if there is none."""
    spelled = NOT_IN_NAME.sub(" ", latin_spelling(name))
    spelled = " ".join(spelled.split())
    return spelled if any(c.isalpha() for c in spelled) else ""


def as_typed_domain(value: str | None) -> str | None:
    """The address with its domain as the shopper typed it: a browser sends an internationalised
    domain as punycode, and a refused form shows back what she wrote ("пример.рф")."""
    if not isinstance(value, str) or not is_punycode_domain(value):
        return value
    local, _, domain = value.rpartition("@")
    try:
        return f"{local}@{domain.encode('ascii').decode('idna')}"
    except UnicodeError:
        return value


def is_punycode_domain(address: str) -> bool:
    """Whether a label of the address's domain is the ASCII form of other letters ("xn--...")."""
    domain = address.rpartition("@")[2]
    return any(label.strip().lower().startswith("xn--") for label in domain.split("."))


def normalized_email(value: str) -> str:
    """The address as email-validator normalizes it; raises ValidationError if invalid.

    English letters only, as the guide asks ("All information in English letters"): any
    character outside ASCII (a Cyrillic "а" in "olа@example.com", fullwidth letters, an
    internationalised domain such as пример.рф) is refused with its own sentence, so look-alike
    addresses never become separate accounts; allow_smtputf8=False keeps email-validator to
    the same rule. A browser sends an internationalised domain of an email field as punycode
    ("пример.рф" arrives as "xn--e1afmkfd.xn--p1ai"), so a label in that form is refused too."""
    if not value.isascii() or is_punycode_domain(value):
        raise ValidationError(text("refusals.email_not_latin"))
    try:
        return validate_email(value, check_deliverability=False, test_environment=True,
                              allow_smtputf8=False).normalized
    except EmailNotValidError:
        raise ValidationError(text("refusals.email_invalid")) from None


def password_weakness(password: str, user_inputs: list[str]) -> str | None:
    """Why the password is too simple, or None if it is strong enough."""
    if not password:
        return text("refusals.password_empty")
    result = zxcvbn(password[:ESTIMATE_LENGTH], user_inputs=user_inputs)
    if result["score"] >= STRONG_ENOUGH:
        return None
    feedback = result["feedback"]
    reason = feedback.get("warning") or next(iter(feedback.get("suggestions") or []), "")
    reason = reason.strip().rstrip(".")
    if not reason:
        return text("refusals.password_too_simple_default")
    if len(reason) > 1 and not reason[1].isupper():
        reason = reason[0].lower() + reason[1:]
    return reason


def check_name(form: FlaskForm, field: StringField) -> None:
    """The name rules of registration (REG-04), shared by every form with a name."""
    if not field.data:
        raise ValidationError(text("refusals.name_required"))
    if not LATIN_NAME.fullmatch(field.data) or not any(c.isalpha() for c in field.data):
        suggestion = suggested_name(field.data)
        if suggestion:
            form.name_suggestion = suggestion
            raise ValidationError(text("refusals.name_not_latin", suggestion=suggestion))
        raise ValidationError(text("refusals.name_not_latin_plain"))


class RegistrationForm(FlaskForm):
    """The CAPTCHA is checked first: until it is solved the form does not say whether the
    address is taken (a robot cannot probe which addresses are registered)."""

    name = StringField(filters=[strip], validators=[Longest(LONGEST_NAME)])
    email = EmailField(filters=[strip, as_typed_domain], validators=[Longest(LONGEST_EMAIL)])
    password = PasswordField(validators=[Longest(LONGEST_PASSWORD)])
    password_repeat = PasswordField(validators=[Longest(LONGEST_PASSWORD)])
    captcha_answer = StringField(filters=[strip], validators=[Longest(LONGEST_CAPTCHA)])
    membership = BooleanField()
    captcha_solved = False

    def validate(self, extra_validators: object = None) -> bool:
        self.captcha_solved = challenges.check_answer(self.captcha_answer.data)
        return super().validate(extra_validators)  # type: ignore[arg-type]

    def validate_name(self, field: StringField) -> None:
        check_name(self, field)

    def validate_email(self, field: EmailField) -> None:
        address = normalized_email(field.data or "")
        if self.captcha_solved and address_taken(address):
            raise ValidationError(text("refusals.email_taken"))
        self.normalized_email = address

    def validate_password(self, field: PasswordField) -> None:
        inputs = [*(self.name.data or "").split(), self.email.data or ""]
        inputs.append((self.email.data or "").partition("@")[0])
        reason = password_weakness(field.data or "", [i for i in inputs if i])
        if reason:
            raise ValidationError(text("refusals.password_too_simple", reason=reason))

    def validate_password_repeat(self, field: PasswordField) -> None:
        if field.data != self.password.data:
            raise ValidationError(text("refusals.passwords_differ"))

    def validate_captcha_answer(self, field: StringField) -> None:
        if not self.captcha_solved:
            raise ValidationError(text("refusals.captcha_wrong"))

    def validate_membership(self, field: BooleanField) -> None:
        if not field.data:
            raise ValidationError(text("refusals.membership_required"))

    name_suggestion: str = ""
    normalized_email: str = ""


class SignInForm(FlaskForm):
    email = EmailField(filters=[strip], validators=[Longest(LONGEST_EMAIL)])
    password = PasswordField(validators=[Longest(LONGEST_PASSWORD)])


class TransliterationForm(FlaskForm):
    source = TextAreaField(validators=[Longest(LONGEST_SOURCE)])


# CHG: changing the address, and the support console.

def new_address(account: Account, value: str, client: str | None) -> str:
    """The normalized new address for `account`, or ValidationError saying why not. With a
    `client` (the shopper's own form), the different addresses tried are counted and limited
    before the form says whether one is taken."""
    address = normalized_email(value)
    if email_key(address) == account.email_key:
        raise ValidationError(text("email_change.refusals.same_address"))
    refusal = address_change.note_address_tried(account.id, address, client) if client is not None else None
    if refusal is None and address_taken(address):
        refusal = text("refusals.email_taken")
    if refusal is None:
        refusal = address_change.code_letters_refusal(account.id, address, asking=True)
    if refusal is not None:
        raise ValidationError(refusal)
    return address


class NewAddressForm(FlaskForm):
    """The new address (CHG-06), checked against the account it is for; `client` (the IP
    address) when the shopper fills it in, None when an agent does."""

    new_email = EmailField(filters=[strip, as_typed_domain], validators=[Longest(LONGEST_EMAIL)])

    def __init__(self, account: Account, *args: object, client: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.account = account
        self.client = client
        self.normalized_email = ""

    def validate_new_email(self, field: EmailField) -> None:
        self.normalized_email = new_address(self.account, field.data or "", self.client)


class ConfirmationCodeForm(FlaskForm):
    code = StringField(filters=[strip], validators=[Longest(LONGEST_CODE)])

    def validate_code(self, field: StringField) -> None:
        if not field.data:
            raise ValidationError(text("email_change.refusals.code_required"))


class StaffSignInForm(FlaskForm):
    email = EmailField(filters=[strip], validators=[Longest(LONGEST_EMAIL)])
    password = PasswordField(validators=[Longest(LONGEST_PASSWORD)])


class ChatMessageForm(FlaskForm):
    body = TextAreaField(filters=[strip])

    def validate_body(self, field: TextAreaField) -> None:
        if not field.data:
            raise ValidationError(text("support.refusals.empty_message"))
        if len(field.data) > LONGEST_MESSAGE:
            raise ValidationError(text("support.refusals.message_too_long", limit=LONGEST_MESSAGE))


class ProfileForm(FlaskForm):
    """The editable personal data (CONF-05): the name, with the rules of registration."""

    name = StringField(filters=[strip], validators=[Longest(LONGEST_NAME)])
    name_suggestion: str = ""

    def validate_name(self, field: StringField) -> None:
        check_name(self, field)


class ActionForm(FlaskForm):
    """A button that changes something: nothing to fill in but the CSRF token."""


class AppealPasswordForm(FlaskForm):
    """CONF-10, first step of the appeal: prove it is you with the password."""

    password = PasswordField(validators=[Longest(LONGEST_PASSWORD)])
