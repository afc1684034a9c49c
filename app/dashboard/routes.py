"""Dashboard (/): greeting, the election countdown, the user's scope and the agency's panels."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from app.clock import utcnow
from app.db import get_session
from app.i18n import local
from app.regions.elections import countdown, current_election
from app.regions.services import ancestors
from app.registry import registry

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    """The user's home: what their agency acts on first."""
    db = get_session()
    now = utcnow()
    election = current_election(db, current_user.region_code, local(now).date())
    panels = []
    for panel in registry.panels:
        context = panel.build(db, current_user, now)
        if context is not None:
            panels.append((panel, context))
    return render_template(
        "dashboard/index.html",
        election=election,
        countdown=countdown(election, now) if election else None,
        scope=ancestors(db, current_user.region_code),
        panels=panels,
        now=now,
    )


@bp.get("/menu")
@login_required
def menu():
    """Account and everything that does not fit in the phone's bottom bar."""
    db = get_session()
    return render_template("dashboard/menu.html", scope=ancestors(db, current_user.region_code))
