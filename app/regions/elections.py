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


def _nearness(election: Election, scope: str) -> int:
    """0 for the scope's own election, 1.. for its ancestors (nearest first), then those inside the scope.

    Pilkada are simultaneous: a province desk has the governor's election and every regent's on one day, and
    its own is the one it answers for; a regency desk's own is the regent's, then the governor's."""
    depth = scope.count(".")
    level = election.region_code.count(".")
    return depth - level if level <= depth else depth + level


def current_election(session: Session, scope: str, today: date) -> Election | None:
    """The next election still to come (or today's), the scope's own before others on the same day; else the most
    recent one."""
    elections = elections_for_scope(session, scope)
    upcoming = [e for e in elections if e.voting_day >= today]
    pool = upcoming or elections
    if not pool:
        return None
    day = pool[0].voting_day if upcoming else pool[-1].voting_day
    return min((e for e in pool if e.voting_day == day), key=lambda e: _nearness(e, scope))


def same_day_elections(session: Session, scope: str, election: Election) -> list[Election]:
    """The other elections over or inside the scope on the same voting day (the home line counts them)."""
    return [
        e for e in elections_for_scope(session, scope) if e.voting_day == election.voting_day and e.id != election.id
    ]


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
