"""Friendly error pages (never a stack trace) and the security headers of every response."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from .texts import text

# status → (heading key, message key)
PAGES = {
    400: ("errors.heading", "errors.bad_request"),
    404: ("errors.not_found_heading", "errors.not_found"),
    405: ("errors.not_allowed_heading", "errors.not_allowed"),
    413: ("errors.too_large_heading", "errors.too_large"),
    429: ("errors.too_many_heading", "errors.too_many"),
}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def error_page(heading_key: str, message_key: str, status: int) -> tuple[str, int]:
    return render_template("errors/error.html", heading=text(heading_key),
                           message=text(message_key)), status


def handle_http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    if isinstance(error, CSRFError):
        return error_page("errors.form_expired_heading", "errors.form_expired", 400)
    heading, message = PAGES.get(error.code, ("errors.heading", "errors.server_error"))
    return error_page(heading, message, error.code)


def handle_server_error(error: InternalServerError) -> tuple[str, int]:
    return error_page("errors.heading", "errors.server_error", 500)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_server_error)
    app.after_request(add_security_headers)
