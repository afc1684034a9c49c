"""The ``timeline_entries_between`` provider: top-level timeline entries posted in a time window, in a region
and visible to the user (the timeline's own visibility rule) and to everyone in scope (not restricted to some
agencies: the minutes are read by every invitee). Registered by the meetings setup only when the
timeline feature is installed; the meeting page lists them so they can be linked into the minutes."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.auth.models import User
from app.regions.services import scope_clause

MAX_ENTRIES = 50


def timeline_installed() -> bool:
    try:
        import app.timeline.queries  # noqa: F401
    except ImportError:
        return False
    return True


def entries_between(session: Session, user: User, region_code: str, start: datetime,
                    end: datetime) -> list[dict]:
    from app.timeline.models import Entry
    from app.timeline.queries import visible_clause

    rows = session.exec(select(Entry).where(
        visible_clause(user), scope_clause(Entry.region_code, region_code), Entry.parent_id.is_(None),
        # Minutes are read by every invitee: an entry restricted to some agencies never goes into them.
        Entry.visible_agencies == "",
        Entry.created_at >= start, Entry.created_at <= end).order_by(Entry.created_at, Entry.id)
        .limit(MAX_ENTRIES)).all()
    return [{"id": e.id, "posted_at": e.created_at,
             "text": f"[{e.author_agency}] {e.text}"[:1000]} for e in rows]
