"""Roll-ups for the overview: every figure is aggregated per village in SQL (a handful of grouped queries,
whatever the number of TPS), then summed up to kecamatan and kabupaten/kota in Python."""

from __future__ import annotations

from dataclasses import dataclass, field
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
from app.regions.models import TPS, Region
from app.regions.services import scope_clause, zoneinfo_for


@dataclass
class Area:
    """Figures of one region (village, kecamatan or kabupaten)."""

    code: str
    name: str = ""
    tps: int = 0
    dpt: int = 0
    needed: int = 0
    ready: int = 0
    delivered: int = 0  # TPS whose logistics reached the KPPS
    required: float = 0.0
    assigned: float = 0.0
    linmas: int = 0
    gap_tps: int = 0
    rawan_tps: int = 0
    voted: int = 0  # pengguna hak pilih (DPT + DPTb + DPK) of the reporting TPS, headline election
    dpt_reported: int = 0  # pemilih (DPT + DPTb + DPK) of the reporting TPS: the KPU 2024 base
    reported: int = 0
    items: dict[str, list[int]] = field(default_factory=dict)  # item → [needed, ready]

    def add(self, other: Area) -> None:
        for item, (needed, ready) in other.items.items():
            pair = self.items.setdefault(item, [0, 0])
            pair[0] += needed
            pair[1] += ready
        for name in ("tps", "dpt", "needed", "ready", "delivered", "required", "assigned", "linmas", "gap_tps",
                     "rawan_tps", "voted", "dpt_reported", "reported"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def logistics_pct(self) -> float | None:
        """Mean of the items' % ready, so 9 missing small items are not hidden behind a full ballot count."""
        return item_average(self.items.values())

    @property
    def turnout_pct(self) -> float | None:
        return self.voted / self.dpt_reported if self.dpt_reported else None

    @property
    def logistics_short(self) -> int:
        return self.needed - self.ready

    @property
    def gap_score(self) -> float:
        """Ranking key: share of logistics missing + share of TPS under their staffing pattern."""
        missing = 1 - (self.logistics_pct if self.logistics_pct is not None else 0)
        return missing + (self.gap_tps / self.tps if self.tps else 0)


@dataclass
class Overview:
    scope: str
    total: Area
    kecamatan: list[Area]
    villages: list[Area]
    items: dict[str, tuple[int, int]]  # item → (needed, ready)
    operation: Operation | None
    transfers: int
    transferred: int
    h1: datetime | None
    behind: bool
    categories: dict[str, int] = field(default_factory=dict)


_SUMMARY_FIGURES = VillageSummary.FIGURES


def item_average(pairs) -> float | None:
    shares = [min(ready, needed) / needed for needed, ready in pairs if needed]
    return sum(shares) / len(shares) if shares else None


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

    def area(code: str) -> Area:
        return villages.setdefault(code, Area(code))

    def more(code: str) -> dict:
        return extra.setdefault(code, {"categories": {}, "transfers": 0, "transferred": 0})

    for code, n, dpt in session.exec(select(TPS.village_code, func.count(), func.coalesce(func.sum(TPS.dpt), 0))
                                     .where(where).group_by(TPS.village_code)).all():
        a = area(code)
        a.tps, a.dpt = n, int(dpt)

    for code, item, needed, ready in session.exec(
            select(TPS.village_code, LogisticsStock.item, func.sum(LogisticsStock.needed), func.sum(_usable_capped()))
            .join(TPS, TPS.id == LogisticsStock.tps_id).where(where)
            .group_by(TPS.village_code, LogisticsStock.item)).all():
        a = area(code)
        a.needed += int(needed or 0)
        a.ready += int(ready or 0)
        a.items[item] = [int(needed or 0), int(ready or 0)]

    for code, n in session.exec(select(TPS.village_code, func.count()).join(Delivery, Delivery.tps_id == TPS.id)
                                .where(where, Delivery.kpps_at.is_not(None)).group_by(TPS.village_code)).all():
        area(code).delivered = n

    if operation is not None:
        req = cast(StaffingPattern.personnel, Float) / StaffingPattern.tps
        assigned = TpsSecurity.polri + TpsSecurity.tni
        rows = session.exec(
            select(TPS.village_code, func.sum(req), func.sum(assigned), func.sum(TpsSecurity.linmas),
                   func.sum(case((assigned + 1e-9 < req, 1), else_=0)), func.count())
            .join(TpsSecurity, TpsSecurity.tps_id == TPS.id)
            .join(StaffingPattern, and_(StaffingPattern.operation_id == TpsSecurity.operation_id,
                                        StaffingPattern.category == TpsSecurity.category))
            .where(where, TpsSecurity.operation_id == operation.id).group_by(TPS.village_code)).all()
        posted: dict[str, int] = {}
        for code, required, assigned_sum, linmas, gaps, n in rows:
            a = area(code)
            a.required, a.assigned, a.linmas, a.gap_tps = float(required or 0), float(assigned_sum or 0), \
                int(linmas or 0), int(gaps or 0)
            posted[code] = n
        for code, category, n in session.exec(
                select(TPS.village_code, TpsSecurity.category, func.count()).join(TPS, TPS.id == TpsSecurity.tps_id)
                .where(where, TpsSecurity.operation_id == operation.id)
                .group_by(TPS.village_code, TpsSecurity.category)).all():
            more(code)["categories"][category] = n
        # TPS without a posting yet still need the pattern of the default category.
        kurang = session.exec(select(StaffingPattern).where(StaffingPattern.operation_id == operation.id,
                                                            StaffingPattern.category == "kurang_rawan")).first()
        base = kurang.personnel / kurang.tps if kurang else 0.0
        for code, a in villages.items():
            missing = a.tps - posted.get(code, 0)
            if missing > 0:
                cats = more(code)["categories"]
                cats["kurang_rawan"] = cats.get("kurang_rawan", 0) + missing
                if base > 0:
                    a.required += base * missing
                    a.gap_tps += missing

    rawan_tps = select(RawanIndicator.tps_id).where(RawanIndicator.present.is_(True)).distinct().subquery()
    for code, n in session.exec(select(TPS.village_code, func.count()).join(rawan_tps, rawan_tps.c.tps_id == TPS.id)
                                .where(where).group_by(TPS.village_code)).all():
        area(code).rawan_tps = n

    for code, voted, dpt, n in session.exec(
            select(TPS.village_code, func.sum(Turnout.voted), func.sum(Turnout.eligible), func.count())
            .join(Turnout, Turnout.tps_id == TPS.id).where(where).group_by(TPS.village_code)).all():
        a = area(code)
        a.voted, a.dpt_reported, a.reported = int(voted or 0), int(dpt or 0), n

    for code, n, q in session.exec(
            select(TPS.village_code, func.count(), func.coalesce(func.sum(BallotTransfer.quantity), 0))
            .join(TPS, TPS.id == BallotTransfer.from_tps_id).where(where).group_by(TPS.village_code)).all():
        more(code).update(transfers=int(n or 0), transferred=int(q or 0))
    return villages, extra


def build(session: Session, scope: str, *, operation: Operation | None, voting_day: date | None,
          now: datetime, live: bool = False) -> Overview:
    """The overview of ``scope``: from the per-village summaries (kept current by every readiness write), or
    computed live from the detail tables with ``live=True`` (tests compare both)."""
    if live:
        villages, extra = compute_villages(session, scope_clause(TPS.village_code, scope), operation)
    else:
        villages, extra = {}, {}
        columns = [getattr(VillageSummary, name) for name in (*_SUMMARY_FIGURES, "items", "categories",
                                                               "transfers", "transferred")]
        query = select(VillageSummary.village_code, *columns).where(
            scope_clause(VillageSummary.village_code, scope))
        n = len(_SUMMARY_FIGURES)
        for row in session.exec(query).all():
            area = Area(row[0], **dict(zip(_SUMMARY_FIGURES, row[1:n + 1], strict=True)))
            area.items = {k: list(v) for k, v in (row[n + 1] or {}).items()}
            villages[row[0]] = area
            extra[row[0]] = {"categories": row[n + 2] or {}, "transfers": row[n + 3], "transferred": row[n + 4]}
    items = {key: (0, 0) for key in ITEM_KEYS}
    categories: dict[str, int] = {}
    transfers = transferred = 0
    kecamatan: dict[str, Area] = {}
    for code, a in villages.items():
        more = extra.get(code) or {}
        for category, n in (more.get("categories") or {}).items():
            categories[category] = categories.get(category, 0) + n
        transfers += more.get("transfers", 0)
        transferred += more.get("transferred", 0)
        kec = kecamatan.get(code[:8])
        if kec is None:
            kec = kecamatan[code[:8]] = Area(code[:8])
        kec.add(a)
    total = Area(scope)
    for kec in kecamatan.values():
        total.add(kec)
    for item, (needed, ready) in total.items.items():
        items[item] = (needed, ready)
    names = {r.code: r.label for r in session.exec(
        select(Region).where(Region.code.in_([*villages, *kecamatan, scope]))).all()}
    for a in [*villages.values(), *kecamatan.values(), total]:
        a.name = names.get(a.code, a.code)
    h1 = h1_deadline(voting_day, scope) if voting_day else None
    behind = bool(h1 and now >= h1 and (total.delivered < total.tps or total.ready < total.needed))
    by_gap = lambda a: (-a.gap_score, a.code)  # noqa: E731
    return Overview(scope=scope, total=total, kecamatan=sorted(kecamatan.values(), key=by_gap),
                    villages=sorted(villages.values(), key=by_gap), items=items,
                    operation=operation, transfers=transfers, transferred=transferred, h1=h1,
                    behind=behind, categories=categories)
