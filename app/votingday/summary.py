"""The voting day's numbers for a region and a period, as at a moment: provider ``votingday_summary`` (the
situation report's *Hari-H* section, issue 16 point 1).

The same rule as the board (``board.py``): the TPS of the region, which steps each has reached, and which steps
are past their expected time. Unlike the live board, a report counts only check-ins whose event time is not later
than the report's moment (the end of its period, or now if that is earlier), so a signed 12.00 report says what
was known at 12.00 and every number can be checked against the board at that time. Counts only: no TPS note, no
officer name (a report is read by every agency of the desk).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import String, func, type_coerce
from sqlmodel import Session, select

from app.i18n import id_date, id_time, local_date
from app.regions.models import TPS
from app.regions.services import scope_clause
from app.votingday.board import build_names
from app.votingday.models import Checkin
from app.votingday.regimes import settings_for
from app.votingday.services import expected_at, voting_day
from app.votingday.vocab import Step

OPENED = Step.PEMUNGUTAN_DIMULAI.value  # "TPS dibuka": voting has started
COUNTED = Step.PENGHITUNGAN_SELESAI.value


def summary(session: Session, region_code: str, start: datetime, end: datetime, now: datetime) -> dict | None:
    """The *Hari-H* numbers when the period covers the region's voting day, else None."""
    day = voting_day(session, region_code, end)
    if not local_date(start, region_code) <= day <= local_date(end, region_code):
        return None
    as_at = min(end, now)
    s = settings_for(session, region_code, end)
    tps_by_kecamatan = _tps_per_kecamatan(session, region_code)
    total = sum(tps_by_kecamatan.values())
    reached, per_kecamatan = _reached(session, region_code, as_at)
    steps = []
    for step in Step:
        due = expected_at(day, step, region_code, s)
        n = reached.get(step.value, 0)
        steps.append(
            {
                "code": step.value,
                "label": str(step.label),
                "reached": n,
                "due": id_time(due, region_code),
                "silent": total - n if as_at >= due else None,  # not yet due: nobody is late
            }
        )
    names = build_names(session, set(tps_by_kecamatan))
    return {
        "day": id_date(day),
        "as_at": id_time(as_at, region_code),
        "tps": total,
        "opened": reached.get(OPENED, 0),
        "counted": reached.get(COUNTED, 0),
        "steps": steps,
        "by_kecamatan": [
            [code, names.get(code, code), n, per_kecamatan[code].get(OPENED, 0), per_kecamatan[code].get(COUNTED, 0)]
            for code, n in sorted(tps_by_kecamatan.items(), key=lambda kv: names.get(kv[0], kv[0]))
        ],
    }


def _tps_per_kecamatan(session: Session, region_code: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for village, n in session.exec(
        select(TPS.village_code, func.count())
        .where(scope_clause(TPS.village_code, region_code))
        .group_by(TPS.village_code)
    ).all():
        counts[village.rsplit(".", 1)[0]] += n
    return dict(counts)


def _reached(session: Session, region_code: str, as_at: datetime):
    """How many TPS reached each step by ``as_at``: in all and per kecamatan (a step is unique per TPS)."""
    reached: dict[str, int] = defaultdict(int)
    per_kecamatan: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = session.exec(
        select(Checkin.region_code, type_coerce(Checkin.step, String), func.count())
        .join(TPS, TPS.id == Checkin.tps_id)
        .where(scope_clause(Checkin.region_code, region_code), Checkin.occurred_at <= as_at)
        .group_by(Checkin.region_code, type_coerce(Checkin.step, String))
    ).all()
    for village, step, n in rows:
        reached[step] += n
        per_kecamatan[village.rsplit(".", 1)[0]][step] += n
    return reached, per_kecamatan
