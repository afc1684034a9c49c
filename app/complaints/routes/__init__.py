"""Pages of the complaints feature: public intake and status (no login), staff queue, detail and handling."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("complaints", __name__)

# The view modules add their routes to ``bp`` when imported; setup.register imports them before registering it.
VIEW_MODULES = ("intake", "status", "queue", "detail", "staff_intake", "handling", "gakkumdu")
