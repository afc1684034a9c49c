"""Voting-day check-ins (issue 15, ``app/votingday``): every TPS of a kabupaten on 27 November, most steps on
time, a few late, about 2 % silent from *TPS siap* on. One bulk insert per kabupaten; the recorders are the
kabupaten's own Polri/TNI and KPU/Bawaslu accounts (any account of the kabupaten when those are missing)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from app.auth.models import User
from app.benchdata.bulk import insert_rows
from app.i18n import zone
from app.regions.models import TPS
from app.regions.services import scope_clause
from app.votingday.models import Checkin
from app.votingday.vocab import Step

VOTING_DAY = date(2024, 11, 27)
# Local minutes after midnight of the on-time report of each step, and how far the reports spread.
PATTERN = {
    Step.PETUGAS_TIBA: (6 * 60, 30),
    Step.TPS_SIAP: (6 * 60 + 35, 24),
    Step.PEMUNGUTAN_DIMULAI: (7 * 60, 12),
    Step.PEMUNGUTAN_SELESAI: (13 * 60, 12),
    Step.PENGHITUNGAN_SELESAI: (16 * 60, 200),
    Step.KOTAK_DISERAHKAN: (19 * 60 + 30, 180),
}


def available() -> bool:
    return True


def done(session: Session, kabupaten: str) -> bool:
    return session.exec(select(Checkin.id).where(scope_clause(Checkin.region_code, kabupaten))).first() is not None


def rows_for(tps: list[tuple[int, str]], recorders: dict[str, list[tuple[int, str]]], seed: int = 15) -> list[dict]:
    """Check-in rows for ``tps`` ((id, village code)); ``recorders`` by chain ("security", "voting") as
    (user id, agency)."""
    rng = random.Random(seed)  # noqa: S311 (benchmark data)
    rows = []
    for tps_id, village in tps:
        midnight = datetime.combine(VOTING_DAY, time(0), zone(village))
        silent = rng.random() < 0.02
        late = rng.random() < 0.06
        previous = None
        for step in Step:
            if silent and step is not Step.PETUGAS_TIBA:
                break
            base, spread = PATTERN[step]
            minutes = base + rng.randint(0, spread) + (rng.randint(10, 50) if late and step.chain == "voting" else 0)
            at = midnight + timedelta(minutes=minutes)
            if step.chain == "voting" and previous is not None and at <= previous:
                at = previous + timedelta(minutes=1)
            if step.chain == "voting":
                previous = at
            user_id, agency = rng.choice(recorders[step.chain])
            rows.append(
                {
                    "tps_id": tps_id,
                    "step": step.value,
                    "region_code": village,
                    "occurred_at": at,
                    "recorded_at": at + timedelta(seconds=rng.randint(5, 600)),
                    "user_id": user_id,
                    "agency": agency,
                    "note": "",
                }
            )
    return rows


def recorders_in(session: Session, region: str) -> dict[str, list[tuple[int, str]]]:
    users = session.exec(select(User.id, User.agency).where(scope_clause(User.region_code, region))).all()
    if not users:
        users = session.exec(select(User.id, User.agency).limit(10)).all()
    pick = {
        "security": [(i, str(a)) for i, a in users if a in ("POLRI", "TNI")],
        "voting": [(i, str(a)) for i, a in users if a in ("KPU", "BAWASLU")],
    }
    fallback = [(i, str(a)) for i, a in users]
    return {chain: found or fallback for chain, found in pick.items()}


def checkins(session: Session, kabupaten: str) -> int:
    tps = session.exec(
        select(TPS.id, TPS.village_code).where(scope_clause(TPS.village_code, kabupaten)).order_by(TPS.id)
    ).all()
    if not tps:
        return 0
    return insert_rows(session, Checkin, rows_for(list(tps), recorders_in(session, kabupaten)))
