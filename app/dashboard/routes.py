"""Dashboard (/): what the user's agency acts on now, first; then the wider picture, the scope and links."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from app.clock import utcnow
from app.dashboard.home import build_home
from app.db import get_session
from app.regions.services import ancestors

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    """The user's home: the panels that lead for this user (their queue), then the others."""
    db = get_session()
    now = utcnow()
    return render_template("dashboard/index.html", home=build_home(db, current_user, now), now=now)


@bp.get("/menu")
@login_required
def menu():
    """Account and everything that does not fit in the phone's bottom bar."""
    db = get_session()
    return render_template("dashboard/menu.html", scope=ancestors(db, current_user.region_code))
