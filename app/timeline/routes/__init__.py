"""Timeline routes, split by sub-resource: the page and posting (pages.py), an entry's page and photos
(entries.py), the place pickers (places.py), incident actions (actions.py), the SSE stream (stream.py),
summary and CSV export (summary.py)."""

from flask import Blueprint

bp = Blueprint("timeline", __name__)

from app.timeline.routes import actions, entries, pages, places, stream, summary  # noqa: E402, F401
