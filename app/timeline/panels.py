"""Dashboard panels: incidents waiting for the user's agency (its queue), and today's incidents at a glance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case
from sqlmodel import Session, select

from app.auth.models import Agency, Role
from app.i18n import local_date
from app.timeline.duplicates import counted
from app.timeline.models import Entry
from app.timeline.queries import visible_clause
from app.timeline.summary import summarise
from app.timeline.vocab import OPEN_STATUSES, Kind, Severity, Status

ASSIGNED_LIMIT = 8
# Agencies whose home screen leads with the incidents handed to them (SPEC §2: Polri and TNI handle incidents).
INCIDENT_HANDLERS = (Agency.POLRI, Agency.TNI)


def build_panel(session: Session, user, now: datetime) -> dict | None:
    """Today's incidents (on voting day that is voting day): never a frozen date."""
    day = local_date(now, user.region_code)
    return {"summary": summarise(session, user, day, day), "day": day}


def leads_summary(user) -> bool:
    """The desk's picture is what heads and the regional government act on."""
    return user.role == Role.PIMPINAN or user.agency == Agency.PEMDA


def build_assigned(session: Session, user, now: datetime) -> dict | None:
    """Open incidents handed to the user's agency: not yet taken in hand first, most severe first, oldest first."""
    severity = case((Entry.severity == Severity.TINGGI, 0), (Entry.severity == Severity.SEDANG, 1), else_=2)
    waiting_first = case((Entry.status == Status.DILAPORKAN, 0), else_=1)
    query = select(Entry).where(
        Entry.kind == Kind.KERAWANAN,
        Entry.parent_id.is_(None),
        Entry.handling_agency == user.agency,
        Entry.status.in_(OPEN_STATUSES),
        visible_clause(user),
        counted(),  # a duplicate is handled (and counted) as its original
    )
    rows = list(session.exec(query.order_by(waiting_first, severity, Entry.created_at, Entry.id)).all())
    if not rows and user.agency not in INCIDENT_HANDLERS:
        return None
    waiting = [e for e in rows if e.status == Status.DILAPORKAN]
    return {
        "items": rows[:ASSIGNED_LIMIT],
        "waiting": len(waiting),
        "handling": len(rows) - len(waiting),
        "more": max(0, len(rows) - ASSIGNED_LIMIT),
        "agency": user.agency,
    }


def leads_assigned(user) -> bool:
    return user.agency in INCIDENT_HANDLERS and user.role != Role.PETUGAS
