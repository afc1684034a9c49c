"""Dashboard panels: the next meeting and minutes waiting to be finalised (the secretariat's work), and open
follow-up actions owned by the user's agency (overdue first)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.auth.models import Role, User
from app.authz import can
from app.i18n import local
from app.meetings.minutes import is_overdue, open_actions_for_agency
from app.meetings.models import Meeting, MeetingStatus
from app.meetings.services import visible_clause

DRAFT_LIMIT = 5


def build_panel(session: Session, user: User, now: datetime) -> dict | None:
    # Only actions of meetings the user may open: the panel links to them.
    rows = [(a, m) for a, m in open_actions_for_agency(session, user) if can(user, "meeting.view", m)]
    if not rows:
        return None
    today = local(now, user.region_code).date()
    items = [{"action": a, "meeting": m, "overdue": is_overdue(a, today)} for a, m in rows]
    items.sort(key=lambda r: (not r["overdue"],))
    return {"items": items, "overdue": sum(1 for r in items if r["overdue"])}


def build_next(session: Session, user: User, now: datetime) -> dict | None:
    """The next meeting the user may see, and held meetings whose minutes the user may finalise."""
    upcoming = session.exec(
        select(Meeting)
        .where(visible_clause(user), Meeting.ends_at >= now)
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
    ).first()
    held = session.exec(
        select(Meeting)
        .where(
            visible_clause(user),
            Meeting.ends_at < now,
            Meeting.status.in_([MeetingStatus.DRAFT.value, MeetingStatus.CORRECTION.value]),
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(20)
    ).all()
    drafts = [m for m in held if can(user, "meeting.finalise", m)][:DRAFT_LIMIT]
    if upcoming is None and not drafts and not leads_next(user):
        return None
    return {"next": upcoming, "drafts": drafts}


def leads_next(user: User) -> bool:
    """The secretariat prepares meetings and finalises their minutes: that is its queue."""
    return user.role == Role.SEKRETARIAT.value
