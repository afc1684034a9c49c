"""Timeline entries linked into the minutes as references.

The timeline is another feature: it is reached only through ``current_registry().provider("timeline_entries_between")``
``(session, user, region_code, start, end) -> list[dict(id, posted_at, text)]`` (entries in the window, in
scope and visible to ``user``). When the timeline is not installed the provider is None and the page says so.
A linked entry is stored with a snapshot of its text, so the minutes do not change when the entry does.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.meetings.models import Meeting, TimelineReference
from app.meetings.services import MeetingError, changed
from app.registry import current_registry

WINDOW_MARGIN = timedelta(minutes=30)


def candidates(session: Session, meeting: Meeting, user: User) -> list[dict] | None:
    """Timeline entries posted during the meeting window (None: the timeline feature is absent)."""
    provider = current_registry().provider("timeline_entries_between")
    if provider is None:
        return None
    end = meeting.closed_at or meeting.ends_at
    return list(
        provider(session, user, meeting.region_code, meeting.starts_at - WINDOW_MARGIN, end + WINDOW_MARGIN) or []
    )


def references(session: Session, meeting_id: int) -> list[TimelineReference]:
    return list(
        session.exec(
            select(TimelineReference)
            .where(TimelineReference.meeting_id == meeting_id)
            .order_by(TimelineReference.posted_at, TimelineReference.id)
        ).all()
    )


def link(session: Session, meeting: Meeting, entry_id: int, *, actor: User, now: datetime) -> TimelineReference:
    """Link one of the candidate entries (only those the user can see in the window are accepted)."""
    found = {c["id"]: c for c in (candidates(session, meeting, actor) or [])}
    entry = found.get(entry_id)
    if entry is None:
        raise MeetingError("entry", _l("This timeline entry cannot be linked to this meeting."))
    existing = session.exec(
        select(TimelineReference).where(
            TimelineReference.meeting_id == meeting.id, TimelineReference.entry_id == entry_id
        )
    ).first()
    if existing is not None:
        return existing
    ref = TimelineReference(
        meeting_id=meeting.id,
        entry_id=entry_id,
        posted_at=entry["posted_at"],
        snapshot=str(entry["text"])[:1000],
        linked_by_id=actor.id,
        linked_at=now,
    )
    session.add(ref)
    changed(session, meeting, "refs", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.link_timeline",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"entry": entry_id},
    )
    return ref
