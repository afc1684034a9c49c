"""Roll-ups for the overview: every figure is aggregated per village in SQL (a handful of grouped queries,
whatever the number of TPS), then summed up to kecamatan and kabupaten/kota in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Float, and_, case, cast, func
from sqlmodel import Session, select

from app.readiness.constants import ITEM_KEYS
from app.readiness.models import (
    BallotTransfer,
    Delivery,
    LogisticsStock,
    Operation,
    RawanIndicator,
    StaffingPattern,
    TpsSecurity,
    Turnout,
    VillageSummary,
)
from app.readiness.services.areas import Area, Overview
from app.regions.models import TPS, Region
from app.regions.services import scope_clause, zoneinfo_for

_SUMMARY_FIGURES = VillageSummary.FIGURES


def h1_deadline(voting_day: date, region_code: str) -> datetime:
    """Start of H-1 in the region's zone: logistics must be at the KPPS by then (domain.md §5)."""
    return datetime.combine(voting_day - timedelta(days=1), time(0, 0), tzinfo=zoneinfo_for(region_code))


def _usable_capped():
    usable = LogisticsStock.received - LogisticsStock.damaged_heavy
    return case((usable > LogisticsStock.needed, LogisticsStock.needed), (usable < 0, 0), else_=usable)


def compute_villages(session: Session, where, operation: Operation | None) -> tuple[dict[str, Area], dict]:
    """Live figures per village for the TPS matching ``where`` (grouped SQL, one query per figure).

    Returns (areas by village code, extra per village: categories, transfers and ballots transferred out)."""
    villages: dict[str, Area] = {}
    extra: dict[str, dict] = {}
    figures = _Figures(villages, extra)
    _count_tps(session, where, figures)
    _count_logistics(session, where, figures)
    if operation is not None:
        _count_security(session, where, operation, figures)
    _count_rawan_turnout_transfers(session, where, figures)
    return villages, extra


@dataclass
class _Figures:
    """The per-village figures being filled in by the grouped queries below."""

    villages: dict[str, Area]
    extra: dict[str, dict]

    def area(self, code: str) -> Area:
        return self.villages.setdefault(code, Area(code))

    def more(self, code: str) -> dict:
        return self.extra.setdefault(code, {"categories": {}, "transfers": 0, "transferred": 0})


def _count_tps(session: Session, where, figures: _Figures) -> None:
    for code, n, dpt in session.exec(
        select(TPS.village_code, func.count(), func.coalesce(func.sum(TPS.dpt), 0))
        .where(where)
        .group_by(TPS.village_code)
    ).all():
        a = figures.area(code)
        a.tps, a.dpt = n, int(dpt)


def _count_logistics(session: Session, where, figures: _Figures) -> None:
    for code, item, needed, ready in session.exec(
        select(TPS.village_code, LogisticsStock.item, func.sum(LogisticsStock.needed), func.sum(_usable_capped()))
        .join(TPS, TPS.id == LogisticsStock.tps_id)
        .where(where)
        .group_by(TPS.village_code, LogisticsStock.item)
    ).all():
        a = figures.area(code)
        a.needed += int(needed or 0)
        a.ready += int(ready or 0)
        a.items[item] = [int(needed or 0), int(ready or 0)]

    for code, n in session.exec(
        select(TPS.village_code, func.count())
        .join(Delivery, Delivery.tps_id == TPS.id)
        .where(where, Delivery.kpps_at.is_not(None))
        .group_by(TPS.village_code)
    ).all():
        figures.area(code).delivered = n


def _count_security(session: Session, where, operation: Operation, figures: _Figures) -> None:
    """Personnel required by the operation's pattern against those posted, per village, and the categories."""
    req = cast(StaffingPattern.personnel, Float) / StaffingPattern.tps
    assigned = TpsSecurity.polri + TpsSecurity.tni
    rows = session.exec(
        select(
            TPS.village_code,
            func.sum(req),
            func.sum(assigned),
            func.sum(TpsSecurity.linmas),
            func.sum(case((assigned + 1e-9 < req, 1), else_=0)),
            func.count(),
        )
        .join(TpsSecurity, TpsSecurity.tps_id == TPS.id)
        .join(
            StaffingPattern,
            and_(
                StaffingPattern.operation_id == TpsSecurity.operation_id,
                StaffingPattern.category == TpsSecurity.category,
            ),
        )
        .where(where, TpsSecurity.operation_id == operation.id)
        .group_by(TPS.village_code)
    ).all()
    posted: dict[str, int] = {}
    for code, required, assigned_sum, linmas, gaps, n in rows:
        a = figures.area(code)
        a.required, a.assigned, a.linmas, a.gap_tps = (
            float(required or 0),
            float(assigned_sum or 0),
            int(linmas or 0),
            int(gaps or 0),
        )
        posted[code] = n
    for code, category, n in session.exec(
        select(TPS.village_code, TpsSecurity.category, func.count())
        .join(TPS, TPS.id == TpsSecurity.tps_id)
        .where(where, TpsSecurity.operation_id == operation.id)
        .group_by(TPS.village_code, TpsSecurity.category)
    ).all():
        figures.more(code)["categories"][category] = n
    _unposted_need_the_default_pattern(session, operation, figures, posted)


def _unposted_need_the_default_pattern(session: Session, operation: Operation, figures: _Figures, posted) -> None:
    """TPS without a posting yet still need the pattern of the default category."""
    kurang = session.exec(
        select(StaffingPattern).where(
            StaffingPattern.operation_id == operation.id, StaffingPattern.category == "kurang_rawan"
        )
    ).first()
    base = kurang.personnel / kurang.tps if kurang else 0.0
    for code, a in figures.villages.items():
        missing = a.tps - posted.get(code, 0)
        if missing > 0:
            cats = figures.more(code)["categories"]
            cats["kurang_rawan"] = cats.get("kurang_rawan", 0) + missing
            if base > 0:
                a.required += base * missing
                a.gap_tps += missing


def _count_rawan_turnout_transfers(session: Session, where, figures: _Figures) -> None:
    rawan_tps = select(RawanIndicator.tps_id).where(RawanIndicator.present.is_(True)).distinct().subquery()
    for code, n in session.exec(
        select(TPS.village_code, func.count())
        .join(rawan_tps, rawan_tps.c.tps_id == TPS.id)
        .where(where)
        .group_by(TPS.village_code)
    ).all():
        figures.area(code).rawan_tps = n

    for code, voted, dpt, n in session.exec(
        select(TPS.village_code, func.sum(Turnout.voted), func.sum(Turnout.eligible), func.count())
        .join(Turnout, Turnout.tps_id == TPS.id)
        .where(where)
        .group_by(TPS.village_code)
    ).all():
        a = figures.area(code)
        a.voted, a.dpt_reported, a.reported = int(voted or 0), int(dpt or 0), n

    for code, n, q in session.exec(
        select(TPS.village_code, func.count(), func.coalesce(func.sum(BallotTransfer.quantity), 0))
        .join(TPS, TPS.id == BallotTransfer.from_tps_id)
        .where(where)
        .group_by(TPS.village_code)
    ).all():
        figures.more(code).update(transfers=int(n or 0), transferred=int(q or 0))


def build(
    session: Session,
    scope: str,
    *,
    operation: Operation | None,
    voting_day: date | None,
    now: datetime,
    live: bool = False,
) -> Overview:
    """The overview of ``scope``: from the per-village summaries (kept current by every readiness write), or
    computed live from the detail tables with ``live=True`` (tests compare both)."""
    if live:
        villages, extra = compute_villages(session, scope_clause(TPS.village_code, scope), operation)
    else:
        villages, extra = _from_summaries(session, scope)
    categories: dict[str, int] = {}
    transfers = transferred = 0
    kecamatan: dict[str, Area] = {}
    for code, a in villages.items():
        more = extra.get(code) or {}
        for category, n in (more.get("categories") or {}).items():
            categories[category] = categories.get(category, 0) + n
        transfers += more.get("transfers", 0)
        transferred += more.get("transferred", 0)
        kecamatan.setdefault(code[:8], Area(code[:8])).add(a)
    total = Area(scope)
    for kec in kecamatan.values():
        total.add(kec)
    items = {key: (0, 0) for key in ITEM_KEYS} | {item: tuple(pair) for item, pair in total.items.items()}
    _name(session, [*villages.values(), *kecamatan.values(), total])
    h1 = h1_deadline(voting_day, scope) if voting_day else None
    behind = bool(h1 and now >= h1 and (total.delivered < total.tps or total.ready < total.needed))
    by_gap = lambda a: (-a.gap_score, a.code)  # noqa: E731
    return Overview(
        scope=scope,
        total=total,
        kecamatan=sorted(kecamatan.values(), key=by_gap),
        villages=sorted(villages.values(), key=by_gap),
        items=items,
        operation=operation,
        transfers=transfers,
        transferred=transferred,
        h1=h1,
        behind=behind,
        categories=categories,
    )


def _from_summaries(session: Session, scope: str) -> tuple[dict[str, Area], dict]:
    """The per-village figures as the readiness writes keep them in ``VillageSummary``."""
    villages: dict[str, Area] = {}
    extra: dict[str, dict] = {}
    columns = [
        getattr(VillageSummary, name) for name in (*_SUMMARY_FIGURES, "items", "categories", "transfers", "transferred")
    ]
    query = select(VillageSummary.village_code, *columns).where(scope_clause(VillageSummary.village_code, scope))
    n = len(_SUMMARY_FIGURES)
    for row in session.exec(query).all():
        area = Area(row[0], **dict(zip(_SUMMARY_FIGURES, row[1 : n + 1], strict=True)))
        area.items = {k: list(v) for k, v in (row[n + 1] or {}).items()}
        villages[row[0]] = area
        extra[row[0]] = {"categories": row[n + 2] or {}, "transfers": row[n + 3], "transferred": row[n + 4]}
    return villages, extra


def _name(session: Session, areas: list[Area]) -> None:
    names = {r.code: r.label for r in session.exec(select(Region).where(Region.code.in_([a.code for a in areas])))}
    for a in areas:
        a.name = names.get(a.code, a.code)
