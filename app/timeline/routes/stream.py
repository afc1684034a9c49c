"""``/linimasa/stream``: Server-Sent Events with the cards the viewer may see, as soon as they are committed.

- ``retry:`` first, then one ``id:``-tagged message per batch of cards (the id is the cursor), replay from
  ``Last-Event-ID`` (or ``?since=``), and a named ``event: ping`` heartbeat every ~15 s (``app.sse``).
- Wake-ups come from ``app.live`` (in-process hub; PostgreSQL LISTEN/NOTIFY across processes).
- No database session is held while waiting: the request's session is closed before streaming, catch-up
  reads use a short session, and live reads go through the shared ``Feed`` (one query per new entry).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from flask import Flask, current_app, render_template, request
from flask_babel import get_locale
from flask_login import current_user
from sqlmodel import Session

from app.authz import permission_required
from app.db import get_engine, get_session
from app.live import Subscription, hub
from app.sse import PING, LoginWatch, release_request_session, retry, sse_message, sse_response
from app.timeline import queries
from app.timeline.feed import Feed, feed
from app.timeline.routes import bp
from app.timeline.routes.common import mark_worker
from app.timeline.services import CHANNEL
from app.timeline.settings import TimelineSettings, settings


def _start_cursor(session: Session) -> int:
    for value in (request.headers.get("Last-Event-ID", ""), request.args.get("since", "")):
        if value.isdigit() and len(value) < 12:
            return int(value)
    return queries.latest_id(session)


def _render(cards, data) -> str:
    return render_template("timeline/_cards.html", cards=cards, cd=data, live=True)


@dataclass
class Viewer:
    """One open stream: who watches, with which filters, from which cursor (everything it needs without the
    request, which is gone while the stream waits)."""

    app: Flask
    user: SimpleNamespace  # id, agency, region_code: what the visibility rule reads
    filters: queries.Filters
    locale: str
    cursor: int
    feed: Feed

    def catch_up(self) -> str:
        """Cards after the cursor read with this viewer's own query (start, or too far behind the feed)."""
        with Session(get_engine(self.app), expire_on_commit=False) as session:
            cards, cursor = queries.changes_after(session, self.user, self.cursor)
            cards = [c for c in cards if self.filters.matches(c)]
            html = _render(cards, queries.card_data(session, cards)) if cards else ""
        self.cursor = max(self.cursor, cursor)
        return sse_message(html, id=self.cursor) if html else ""

    def changes(self, wanted: int) -> str:
        """The message for the cards changed up to ``wanted`` that this viewer may see ("" for none)."""
        changes = self.feed.changes_after(self.cursor, wanted)
        if changes is None:  # too far behind the shared cache: read with our own query
            return self.catch_up()
        parts: dict[int, str] = {}
        for change in changes:
            self.cursor = max(self.cursor, change.row_id)
            if queries.is_visible(self.user, change.card) and self.filters.matches(change.card):
                parts.pop(change.card.id, None)  # a card changed twice is sent once, where it last changed
                parts[change.card.id] = self.feed.html(change, self.locale, lambda c: _render([c.card], c.data))
        if not parts:
            return ""
        return f"id: {self.cursor}\n" + "".join(reversed(list(parts.values()))) + "\n"


def _wanted(payloads: list[str], cursor: int) -> int:
    """The newest entry id among the wake-ups (malformed ones ignored)."""
    return max([int(p) for p in payloads if p.isdigit()] or [cursor])


def _events(viewer: Viewer, config: TimelineSettings, ident: str) -> Iterator[str]:
    yield retry()
    with hub(viewer.app).subscribe(CHANNEL) as sub, LoginWatch(viewer.app, ident) as login:
        first = viewer.catch_up() if login.holds() else ""
        if first:
            yield first
        started = time.monotonic()
        while time.monotonic() - started < config.stream_lifetime:
            message = _next_message(viewer, sub, config)
            if not login.holds():  # logged out, deactivated…: nothing more, not even a ping
                return
            if message:
                yield message


def _next_message(viewer: Viewer, sub: Subscription, config: TimelineSettings) -> str:
    """Wait for a wake-up: the heartbeat after ``heartbeat`` seconds of quiet, else the new cards ("")."""
    payload = sub.get(timeout=config.heartbeat)
    if payload is None:
        return PING
    if config.coalesce:
        time.sleep(config.coalesce)  # cooperative under gevent: let a burst gather into one message
    wanted = _wanted([payload, *sub.drain()], viewer.cursor)
    return viewer.changes(wanted) if wanted > viewer.cursor else ""


@bp.get("/linimasa/stream")
@permission_required("timeline.view")
def stream():
    """The live cards of the timeline (Server-Sent Events), with the page's filters."""
    app = current_app._get_current_object()
    user = current_user._get_current_object()
    config = settings()
    viewer = Viewer(
        app=app,
        user=SimpleNamespace(id=user.id, agency=user.agency, region_code=user.region_code),
        filters=queries.Filters.from_args(request.args),
        locale=str(get_locale()),
        cursor=_start_cursor(get_session()),
        feed=feed(app),
    )
    release_request_session()  # nothing of the request's session stays open while the stream waits
    ident = LoginWatch.ident()
    return mark_worker(sse_response(_events(viewer, config, ident)), config)
