"""The stream's shared read: one database query per new entry per process, however many streams are open.

Every stream wakes on the hub, asks the feed for the cards after its cursor, and filters them with the
viewer's rule (``queries.is_visible``) and filters. The feed reads the new rows once (a short session of
its own, never held while waiting) and renders each card once per (card state, locale).
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask
from sqlmodel import Session, select

from app.db import get_engine
from app.sse import sse_message
from app.timeline import queries
from app.timeline.models import Entry

KEEP = 2000  # changes kept in memory; a stream further behind reads by cursor with its own query


@dataclass
class Change:
    row_id: int  # the new entry (a post, or a follow-up of the card)
    card: Entry  # the top-level entry to (re)draw, as it was read
    data: queries.CardData


class Feed:
    def __init__(self, app: Flask):
        self.app = app
        self._lock = threading.Lock()
        self._changes: OrderedDict[int, Change] = OrderedDict()
        self._ids: list[int] = []  # the keys of _changes, ascending (bisect finds a cursor's place)
        self._max = 0
        self._base: int | None = None  # the cache holds every change with base < id <= max
        self._html: OrderedDict[tuple, str] = OrderedDict()

    def _read(self, after: int) -> None:
        if self._base is None:
            self._base = self._max = after
        with Session(get_engine(self.app), expire_on_commit=False) as session:
            rows = list(session.exec(select(Entry).where(Entry.id > after).order_by(Entry.id).limit(500)).all())
            if not rows:
                return
            parent_ids = {r.parent_id for r in rows if r.parent_id}
            parents = (
                {p.id: p for p in session.exec(select(Entry).where(Entry.id.in_(parent_ids))).all()}
                if parent_ids
                else {}
            )
            cards = [parents.get(r.parent_id) if r.parent_id else r for r in rows]
            data = queries.card_data(session, [c for c in cards if c is not None])
            session.expunge_all()
        for row, card in zip(rows, cards, strict=True):
            if card is not None:
                self._changes[row.id] = Change(row.id, card, data)
                self._ids.append(row.id)
        self._max = max(self._max, rows[-1].id)
        if len(self._ids) > KEEP:
            for rid in self._ids[:-KEEP]:
                del self._changes[rid]
            self._base = self._ids[-KEEP - 1]
            self._ids = self._ids[-KEEP:]

    def changes_after(self, cursor: int, wanted: int) -> list[Change] | None:
        """Changes after ``cursor`` up to at least ``wanted``; None when the cursor is too old for the cache."""
        with self._lock:
            if self._base is None or wanted > self._max:
                self._read(self._max if self._base is not None else cursor)
            if cursor < (self._base or 0):
                return None
            ids = self._ids[bisect.bisect_right(self._ids, cursor) :]
            return [self._changes[rid] for rid in ids]

    def html(self, change: Change, locale: str, render) -> str:
        """The card as SSE ``data:`` lines, rendered once per (card state, locale) for all streams."""
        key = (change.card.id, change.row_id, locale)
        html = self._html.get(key)
        if html is None:
            html = sse_message(render(change))[:-1]  # its data lines; a batch ends its message once
            with self._lock:
                self._html[key] = html
                while len(self._html) > KEEP:
                    self._html.popitem(last=False)
        return html

    @property
    def max_id(self) -> int:
        return self._max

    def reset(self) -> None:
        """Forget everything read: entry ids went back (a restored backup, or a test's emptied database), so
        the cached changes no longer describe the rows with those ids."""
        with self._lock:
            self._changes.clear()
            self._ids = []
            self._max = 0
            self._base = None
            self._html.clear()


def feed(app: Flask) -> Feed:
    """The app's shared feed (one per process), created on first use."""
    existing = app.extensions.get("sinergi.timeline_feed")
    if existing is None:
        existing = app.extensions["sinergi.timeline_feed"] = Feed(app)
    return existing
