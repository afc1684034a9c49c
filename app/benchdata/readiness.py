"""Readiness of every TPS of one kabupaten: logistics per item, delivery hand-offs, the security category and
posting, TPS-rawan indicators and turnout; then the village summaries the overview reads, through the
readiness service (the same code every readiness write runs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.benchdata import plan
from app.benchdata.bulk import insert_rows
from app.readiness.models import Delivery, LogisticsStock, RawanIndicator, TpsSecurity, Turnout
from app.readiness.services import logistics, summary
from app.readiness.services.deployment import current_operation
from app.regions.models import TPS
from app.regions.services import scope_clause

CATEGORIES = ["kurang_rawan"] * 6 + ["rawan"] * 3 + ["sangat_rawan"]
POSTING = {"kurang_rawan": 0.5, "rawan": 1.0, "sangat_rawan": 2.0}


def _tps(session: Session, kabupaten: str) -> list[tuple[int, str, int]]:
    query = select(TPS.id, TPS.village_code, TPS.dpt).where(scope_clause(TPS.village_code, kabupaten))
    return list(session.exec(query.order_by(TPS.id)).all())


def done(session: Session, kabupaten: str) -> bool:
    first = session.exec(
        select(TPS.id).where(scope_clause(TPS.village_code, kabupaten)).order_by(TPS.id).limit(1)
    ).first()
    return first is None or session.get(Delivery, first) is not None


def _rows_for(r, tps_id: int, dpt: int, operation_id: int | None, needed: dict, moment: datetime) -> dict:
    late = r.random() < 0.08  # a few TPS still short on the eve of the vote
    stocks = [
        {"tps_id": tps_id, "item": item, "needed": n, "received": n if not late else n // 2, "updated_at": moment}
        for item, n in needed.items()
    ]
    delivery = {"tps_id": tps_id, "gudang_at": moment - timedelta(days=5), "ppk_at": moment - timedelta(days=3)}
    delivery.update(pps_at=moment - timedelta(days=2), kpps_at=None if late else moment - timedelta(days=1))
    category = r.choice(CATEGORIES)
    security = {
        "operation_id": operation_id,
        "tps_id": tps_id,
        "category": category,
        "polri": POSTING[category],
        "tni": 1.0 if category == "sangat_rawan" else 0.0,
        "linmas": 2,
        "updated_at": moment,
    }
    rawan = [
        {"tps_id": tps_id, "indicator": n, "present": r.random() < 0.4, "updated_at": moment}
        for n in sorted(r.sample(range(1, 26), r.randint(1, 4)))
    ]
    turnout = {"tps_id": tps_id, "voted": int(dpt * r.uniform(0.6, 0.85)), "eligible": dpt, "source": "import"}
    return {"stocks": stocks, "delivery": delivery, "security": security, "rawan": rawan, "turnout": turnout}


def fill(session: Session, kabupaten: str, *, now: datetime) -> int:
    """Every readiness row of the kabupaten's TPS, then its village summaries. Returns the TPS count."""
    tps = _tps(session, kabupaten)
    if not tps:
        return 0
    operation = current_operation(session, kabupaten)
    r = plan.rng("readiness", kabupaten)
    eve = datetime(2024, 11, 26, 10, tzinfo=UTC)
    out: dict[str, list] = {"stocks": [], "delivery": [], "security": [], "rawan": [], "turnout": []}
    needed_by_dpt: dict[int, dict] = {}
    for tps_id, _village, dpt in tps:
        needed = needed_by_dpt.get(dpt) or needed_by_dpt.setdefault(dpt, logistics.default_needed(dpt))
        rows = _rows_for(r, tps_id, dpt, operation.id if operation else None, needed, eve)
        for key, value in rows.items():
            (out[key].extend if isinstance(value, list) else out[key].append)(value)
    insert_rows(session, LogisticsStock, out["stocks"])
    insert_rows(session, Delivery, out["delivery"])
    if operation is not None:
        insert_rows(session, TpsSecurity, out["security"])
    insert_rows(session, RawanIndicator, out["rawan"])
    insert_rows(session, Turnout, out["turnout"])
    summary.refresh(session, {village for _id, village, _dpt in tps}, now=now)
    return len(tps)
