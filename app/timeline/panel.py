"""Dashboard panel: today's (or voting day's) incidents at a glance."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.i18n import local
from app.regions.elections import current_election
from app.timeline.summary import summarise


def build_panel(session: Session, user, now: datetime) -> dict | None:
    today = local(now, user.region_code).date()
    election = current_election(session, user.region_code, today)
    day = election.voting_day if election and election.voting_day <= today else today
    return {"summary": summarise(session, user, day, day), "day": day}
