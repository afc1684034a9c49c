"""Which election a region's voting day belongs to, and that election's regime's voting-day settings.

Steps' expected times and who records each are a setting per regime (issue 15): ``VOTINGDAY_REGIMES`` replaces
some steps' defaults for the voting days of one regime's elections. Both regimes vote 07.00–13.00 local time
(Pilkada: PKPU 17/2024; Pemilu: PKPU 25/2023), so nothing differs by default; a desk whose practice differs (e.g.
Pemilu's longer count, five ballots) sets it. Without the setting no lookup is made.
"""

from __future__ import annotations

from datetime import datetime

from flask import g, has_app_context
from sqlmodel import Session, select

from app.i18n import local_date
from app.regions.models import Election, ElectionRegime
from app.regions.services import in_scope
from app.votingday.settings import VotingDaySettings, for_regime, settings


def voting_election(session: Session, region_code: str, now: datetime) -> Election | None:
    """The election that covers ``region_code`` (its own, a parent's, or one below it) whose voting day is nearest
    to today (the later one on a tie); None when there is none."""
    today = local_date(now, region_code)
    elections = [
        e
        for e in session.exec(select(Election)).all()
        if in_scope(region_code, e.region_code) or in_scope(e.region_code, region_code)
    ]
    if not elections:
        return None
    return min(elections, key=lambda e: (abs((e.voting_day - today).days), -e.voting_day.toordinal()))


def settings_for(session: Session, region_code: str, now: datetime) -> VotingDaySettings:
    """The voting-day settings of the regime of ``region_code``'s election (Pilkada when none is known)."""
    s = settings()
    if not s.regimes:
        return s
    cache = g.setdefault("votingday_regime_settings", {}) if has_app_context() else {}
    key = (region_code, local_date(now, region_code))
    if key not in cache:
        election = voting_election(session, region_code, now)
        cache[key] = for_regime(s, election.regime if election else ElectionRegime.PILKADA.value)
    return cache[key]
