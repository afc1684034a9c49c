"""Dashboard panels: incidents waiting for the user's agency (its queue), and today's incidents at a glance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case
from sqlmodel import Session, select

from app.auth.models import Agency, Role
from app.i18n import local
from app.timeline.models import Entry
from app.timeline.queries import visible_clause
from app.timeline.summary import summarise
from app.timeline.vocab import Kind, Status

ASSIGNED_LIMIT = 8
# Agencies whose home screen leads with the incidents handed to them (SPEC §2: Polri and TNI handle incidents).
INCIDENT_HANDLERS = (Agency.POLRI.value, Agency.TNI.value)


def build_panel(session: Session, user, now: datetime) -> dict | None:
    """Today's incidents (on voting day that is voting day): never a frozen date."""
    day = local(now, user.region_code).date()
    return {"summary": summarise(session, user, day, day), "day": day}


def leads_summary(user) -> bool:
    """The desk's picture is what heads and the regional government act on."""
    return user.role == Role.PIMPINAN.value or user.agency == Agency.PEMDA.value


def build_assigned(session: Session, user, now: datetime) -> dict | None:
    """Open incidents handed to the user's agency: not yet taken in hand first, most severe first, oldest first."""
    severity = case((Entry.severity == "tinggi", 0), (Entry.severity == "sedang", 1), else_=2)
    waiting_first = case((Entry.status == Status.DILAPORKAN.value, 0), else_=1)
    query = select(Entry).where(
        Entry.kind == Kind.KERAWANAN.value, Entry.parent_id.is_(None), Entry.handling_agency == user.agency,
        Entry.status.in_([Status.DILAPORKAN.value, Status.DITANGANI.value]), visible_clause(user))
    rows = list(session.exec(query.order_by(waiting_first, severity, Entry.created_at, Entry.id)).all())
    if not rows and user.agency not in INCIDENT_HANDLERS:
        return None
    waiting = [e for e in rows if e.status == Status.DILAPORKAN.value]
    return {"items": rows[:ASSIGNED_LIMIT], "waiting": len(waiting), "handling": len(rows) - len(waiting),
            "more": max(0, len(rows) - ASSIGNED_LIMIT), "agency": user.agency}


def leads_assigned(user) -> bool:
    return user.agency in INCIDENT_HANDLERS and user.role != Role.PETUGAS.value
