"""Meeting routes, split by sub-resource: the meetings themselves, attendance, minutes, documents."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("meetings", __name__, url_prefix="/rapat")
public_bp = Blueprint("meetings_public", __name__)

from app.meetings.routes import attendance, documents, letterhead, meetings, minutes  # noqa: E402,F401
