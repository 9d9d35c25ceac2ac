"""Django settings of the allauth shop; ``SHOP_*`` environment variables are read by __main__.py."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

HERE = Path(__file__).resolve().parent

SECRET_KEY = secrets.token_hex(32)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "examples.allauth_shop.urls"
WSGI_APPLICATION = None
USE_TZ = True
LANGUAGE_CODE = "en-us"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "allauth",
    "allauth.account",
    "examples.allauth_shop",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [HERE / "templates"],  # the theme: before allauth's own templates
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": os.environ.get("SHOP_DATABASE", ":memory:")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
# Django's own default validators (what `startproject` writes).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("SHOP_SMTP_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("SHOP_SMTP_PORT", "1025"))
DEFAULT_FROM_EMAIL = "no-reply@shop.example"

LOGIN_REDIRECT_URL = "/"
# django-allauth: sign in and sign up by e-mail address, the address confirmed before
# the first sign-in, the link confirming on GET, a change of address confirmed by the new one.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "examples.allauth_shop.forms.NameForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3  # allauth's default
# Confirmations kept in the database (allauth's documented alternative to signed keys): the
# aging seam of the TEST build moves their "sent" time.
ACCOUNT_EMAIL_CONFIRMATION_HMAC = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Allauth shop] "
ACCOUNT_LOGOUT_ON_GET = False

TEST_MODE = os.environ.get("SHOP_TEST_MODE") == "1"
if TEST_MODE:
    # The test build signs up hundreds of shoppers from one address in minutes: no rate limits
    # (allauth's defaults allow 20 sign-ups a minute per address and one letter in 3 minutes).
    ACCOUNT_RATE_LIMITS = False
