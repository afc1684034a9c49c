"""Timeline routes: pages and posting (pages.py), incident actions (actions.py), the SSE stream (stream.py),
summary and CSV export (summary.py)."""

from flask import Blueprint

bp = Blueprint("timeline", __name__)

from app.timeline.routes import actions, pages, stream, summary  # noqa: E402, F401
