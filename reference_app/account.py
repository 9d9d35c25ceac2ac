"""My account → Profile settings → Change settings (the path of CONF-03 and CHG-01).

Other flows list their own entries on "Change settings" (`settings_menu`).
"""

from __future__ import annotations

from flask import Blueprint, render_template

from .sessions import current_account, login_required
from .settings_menu import settings_links

bp = Blueprint("account", __name__, url_prefix="/account")


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
