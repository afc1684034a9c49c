"""``/linimasa/stream``: Server-Sent Events with the cards the viewer may see, as soon as they are committed.

- ``retry:`` first, then one ``id:``-tagged message per batch of cards (the id is the cursor), replay from
  ``Last-Event-ID`` (or ``?since=``), and a named ``event: ping`` heartbeat every ~15 s.
- Wake-ups come from ``app.live`` (in-process hub; PostgreSQL LISTEN/NOTIFY across processes).
- No database session is held while waiting: the request's session is closed before streaming, catch-up
  reads use a short session, and live reads go through the shared ``Feed`` (one query per new entry).
"""

from __future__ import annotations

import os
import time
from types import SimpleNamespace

from flask import Response, current_app, g, render_template, request, stream_with_context
from flask_babel import get_locale
from flask_login import current_user
from sqlmodel import Session

from app.authz import permission_required
from app.db import get_engine, get_session
from app.live import hub
from app.timeline import queries
from app.timeline.feed import feed
from app.timeline.routes import bp
from app.timeline.services import CHANNEL

HEARTBEAT = 15.0
MAX_LIFETIME = 30 * 60  # streams end after 30 minutes; the client reconnects with Last-Event-ID
RETRY_MS = 3000
# After a wake-up a stream waits this long for more entries and sends them together: under a burst of posts
# every stream writes a few larger messages instead of one per post (bench/timeline_load.py).
COALESCE = 0.2


def _message(cursor: int, html: str) -> str:
    lines = "".join(f"data: {line}\n" for line in html.splitlines() if line.strip())
    return f"id: {cursor}\n{lines}\n"


def _cursor(session: Session) -> int:
    for value in (request.headers.get("Last-Event-ID", ""), request.args.get("since", "")):
        if value.isdigit() and len(value) < 12:
            return int(value)
    return queries.latest_id(session)


@bp.get("/linimasa/stream")
@permission_required("timeline.view")
def stream():
    app = current_app._get_current_object()
    user = current_user._get_current_object()
    viewer = SimpleNamespace(id=user.id, agency=user.agency, region_code=user.region_code)
    filters = queries.Filters.from_args(request.args)
    db = get_session()
    cursor = _cursor(db)
    db.close()  # nothing of the request's session stays open while the stream waits
    g.pop("db_session", None)
    locale = str(get_locale())
    the_feed = feed(app)
    heartbeat = float(app.config.get("TIMELINE_HEARTBEAT", HEARTBEAT))
    coalesce = float(app.config.get("TIMELINE_COALESCE", COALESCE))

    def render(cards, data) -> str:
        return render_template("timeline/_cards.html", cards=cards, cd=data, live=True)

    def catch_up(after: int) -> tuple[str, int]:
        with Session(get_engine(app), expire_on_commit=False) as session:
            cards, new_cursor = queries.changes_after(session, viewer, after)
            cards = [c for c in cards if filters.matches(c)]
            html = render(cards, queries.card_data(session, cards)) if cards else ""
        return html, new_cursor

    def events():
        nonlocal cursor
        yield f"retry: {RETRY_MS}\n\n"
        with hub(app).subscribe(CHANNEL) as sub:
            html, cursor_after = catch_up(cursor)
            if cursor_after > cursor:
                cursor = cursor_after
                if html:
                    yield _message(cursor, html)
            started = time.monotonic()
            while time.monotonic() - started < MAX_LIFETIME:
                payload = sub.get(timeout=heartbeat)
                if payload is None:
                    yield "event: ping\ndata: \n\n"
                    continue
                if coalesce:
                    time.sleep(coalesce)  # cooperative under gevent
                wanted = max([int(p) for p in [payload, *sub.drain()] if p.isdigit()] or [cursor])
                if wanted <= cursor:
                    continue
                changes = the_feed.changes_after(cursor, wanted)
                if changes is None:  # too far behind the shared cache: read with our own query
                    html, cursor_after = catch_up(cursor)
                    cursor = max(cursor, cursor_after)
                    if html:
                        yield _message(cursor, html)
                    continue
                parts: dict[int, str] = {}
                for change in changes:
                    cursor = max(cursor, change.row_id)
                    if queries.is_visible(viewer, change.card) and filters.matches(change.card):
                        parts.pop(change.card.id, None)
                        parts[change.card.id] = the_feed.html(
                            change, locale, lambda c: render([c.card], c.data))
                if parts:
                    yield f"id: {cursor}\n" + "".join(reversed(list(parts.values()))) + "\n"

    response = Response(stream_with_context(events()), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache, no-store"
    response.headers["X-Accel-Buffering"] = "no"
    response.headers["X-Timeline-Worker"] = str(os.getpid())  # which process serves it (multi-process tests)
    return response
