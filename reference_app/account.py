"""My account → Profile settings → Change settings (the path of CONF-03 and CHG-01).

Other flows add their own entries to "Change settings" with `add_settings_link`.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask, current_app, render_template

from .auth import current_account, login_required

bp = Blueprint("account", __name__, url_prefix="/account")

SETTINGS_LINKS_KEY = "bazaar_settings_links"


@dataclass(frozen=True, slots=True)
class SettingsLink:
    endpoint: str
    text_key: str
    order: int = 100


def add_settings_link(app: Flask, endpoint: str, text_key: str, order: int = 100) -> None:
    """List `endpoint` on the "Change settings" page under the catalogue text `text_key`."""
    links = app.extensions.setdefault(SETTINGS_LINKS_KEY, [])
    links.append(SettingsLink(endpoint, text_key, order))
    links.sort(key=lambda link: link.order)


def settings_links() -> list[SettingsLink]:
    return list(current_app.extensions.get(SETTINGS_LINKS_KEY, []))


@bp.get("/")
@login_required
def my_account() -> str:
    return render_template("account/my_account.html", account=current_account())


@bp.get("/profile-settings")
@login_required
def profile_settings() -> str:
    return render_template("account/profile_settings.html", account=current_account())


@bp.get("/profile-settings/change")
@login_required
def change_settings() -> str:
    return render_template("account/change_settings.html", links=settings_links())
