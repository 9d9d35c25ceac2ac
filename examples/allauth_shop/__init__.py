"""A small shop built on Django and django-allauth: the second FOREIGN implementation of the guide's flows.

Another shape than the Flask-Security shop: Django's settings and apps, django-allauth's
stock account pages and letters (sign-up, e-mail verification, sign-in, the change of
address), rendered through allauth's "elements" with Bootstrap 5 markup, as teams theme
it: a refusal is a ``div.invalid-feedback`` beside the input inside the field's
``div.mb-3``, tied to it by nothing (no ``aria-describedby``). The page has no header
landmark: its menu is a Bootstrap ``nav.navbar`` ("Sign In", "Sign Up"), and the home page
also has a "Sign up" link in its body, under its sign-in form. The team added only: the
home page, the name field, the theme (templates/), and, in a TEST build only, the test
seams of ``seams.py``. It never imports ``mailflow`` nor ``reference_app``.
"""
