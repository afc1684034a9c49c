"""Which election a user or region is working on, and the countdown to its voting day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_
from sqlmodel import Session, select

from app.regions.models import Election
from app.regions.services import scope_clause, zoneinfo_for


def _ancestor_codes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def elections_for_scope(session: Session, scope: str) -> list[Election]:
    """Elections held over the scope (an ancestor region) or inside it, soonest voting day first."""
    query = select(Election).where(
        or_(Election.region_code.in_(_ancestor_codes(scope)), scope_clause(Election.region_code, scope))
    )
    return list(session.exec(query.order_by(Election.voting_day, Election.id)).all())


def current_election(session: Session, scope: str, today: date) -> Election | None:
    """The next election still to come (or today's); else the most recent one."""
    elections = elections_for_scope(session, scope)
    upcoming = [e for e in elections if e.voting_day >= today]
    if upcoming:
        return upcoming[0]
    return elections[-1] if elections else None


@dataclass(frozen=True)
class Countdown:
    opens_at: datetime  # UTC
    closes_at: datetime  # UTC
    phase: str  # "before", "voting", "after"
    remaining: timedelta  # until the polls open (before) or close (voting); zero after

    @property
    def days(self) -> int:
        return self.remaining.days

    @property
    def hours(self) -> int:
        return self.remaining.seconds // 3600

    @property
    def minutes(self) -> int:
        return (self.remaining.seconds % 3600) // 60


def countdown(election: Election, now: datetime) -> Countdown:
    """Time to the polls opening (07.00 local) or closing, in the election region's own zone."""
    tz = zoneinfo_for(election.region_code)
    opens = datetime.combine(election.voting_day, time.fromisoformat(election.polls_open), tz)
    closes = datetime.combine(election.voting_day, time.fromisoformat(election.polls_close), tz)
    if now < opens:
        return Countdown(opens, closes, "before", opens - now)
    if now < closes:
        return Countdown(opens, closes, "voting", closes - now)
    return Countdown(opens, closes, "after", timedelta(0))
