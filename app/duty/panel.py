"""Dashboard panel: the agency's officers on duty now (Polri and TNI, who handle incidents: issue 15 point 7)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from app.duty.services import visible_shifts

AGENCIES = ("POLRI", "TNI")


def build(session: Session, user, now: datetime) -> dict | None:
    if user.agency not in AGENCIES:
        return None
    shifts = visible_shifts(session, user, now, now + timedelta(seconds=1), user.agency)
    return {"shifts": shifts, "agency": user.agency, "now": now}


def leads(user) -> bool:
    return False
