"""Pages of the complaints feature: public intake and status (no login), staff queue and handling."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("complaints", __name__)

from app.complaints.routes import gakkumdu, handling, public, staff  # noqa: E402,F401  (views register on bp)
