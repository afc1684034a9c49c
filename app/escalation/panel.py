"""Dashboard panel: escalations in progress (the desk head's; an agency head's for their own agency)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.auth.models import Role
from app.escalation.engine import DESK_AGENCY
from app.escalation.queries import in_progress

LIMIT = 5


def build(session: Session, user, now: datetime) -> dict | None:
    desk = user.agency == DESK_AGENCY and user.role in (Role.PIMPINAN, Role.OPERATOR, Role.SEKRETARIAT)
    if not desk and user.role != Role.PIMPINAN:
        return None
    items = in_progress(session, user, now, agency=None if desk else user.agency)
    if not items and not desk:
        return None
    return {"rows": items[:LIMIT], "more": max(0, len(items) - LIMIT), "desk": desk, "now": now}


def leads(user) -> bool:
    """The desk head acts on escalations first thing (issue 15 point 7)."""
    return user.agency == DESK_AGENCY and user.role == Role.PIMPINAN
