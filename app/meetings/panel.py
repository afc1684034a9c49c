"""Dashboard panel: open follow-up actions owned by the user's agency (overdue first)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.auth.models import User
from app.i18n import local
from app.meetings.minutes import is_overdue, open_actions_for_agency


def build_panel(session: Session, user: User, now: datetime) -> dict | None:
    rows = open_actions_for_agency(session, user)
    if not rows:
        return None
    today = local(now, user.region_code).date()
    items = [{"action": a, "meeting": m, "overdue": is_overdue(a, today)} for a, m in rows]
    items.sort(key=lambda r: (not r["overdue"],))
    return {"items": items, "overdue": sum(1 for r in items if r["overdue"])}
