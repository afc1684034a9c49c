"""Readiness pages: /kesiapan (overview), /tps/<id> (card) and the editing pages under /kesiapan/…"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("readiness", __name__)

from app.readiness.routes import deployment, logistics, overview, tps, turnout, vulnerability  # noqa: E402,F401
from app.readiness.routes.common import register_template_helpers  # noqa: E402

register_template_helpers(bp)
