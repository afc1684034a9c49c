"""Keep ``VillageSummary`` current: every readiness write calls ``refresh`` for the villages it touched."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, select

from app.offload import yield_to_loop
from app.readiness.models import VillageSummary
from app.readiness.services.deployment import current_operation
from app.readiness.services.rollup import compute_villages
from app.regions.models import TPS
from app.regions.services import scope_clause


def refresh(session: Session, village_codes: Iterable[str], *, now: datetime) -> None:
    """Recompute the summaries of these villages (a village without TPS loses its row)."""
    codes = sorted({c for c in village_codes if c})
    if not codes:
        return
    session.flush()
    by_kabupaten: dict[str, list[str]] = {}
    for code in codes:
        by_kabupaten.setdefault(code[:5], []).append(code)
    for kabupaten, group in by_kabupaten.items():
        operation = current_operation(session, kabupaten)
        for start in range(0, len(group), 500):
            chunk = group[start : start + 500]
            areas, extra = compute_villages(session, TPS.village_code.in_(chunk), operation)
            yield_to_loop()  # a chunk of a TPS import refreshes its villages: let other requests run (issue 12)
            existing = {
                r.village_code: r
                for r in session.exec(select(VillageSummary).where(VillageSummary.village_code.in_(chunk))).all()
            }
            for code in chunk:
                area = areas.get(code)
                row = existing.get(code)
                if area is None or area.tps == 0:
                    if row is not None:
                        session.delete(row)
                    continue
                row = row or VillageSummary(village_code=code)
                for name in VillageSummary.FIGURES:
                    setattr(row, name, getattr(area, name))
                more = extra.get(code) or {}
                row.items = {k: list(v) for k, v in area.items.items()}
                row.categories = dict(more.get("categories") or {})
                row.transfers, row.transferred = more.get("transfers", 0), more.get("transferred", 0)
                row.operation_id = operation.id if operation else None
                row.updated_at = now
                session.add(row)
    session.flush()


def refresh_scope(session: Session, scope: str, *, now: datetime) -> None:
    """Rebuild every summary in a region (after bulk loads, a new operation or a changed staffing pattern)."""
    codes = set(session.exec(select(TPS.village_code).where(scope_clause(TPS.village_code, scope)).distinct()).all())
    session.exec(
        delete(VillageSummary).where(
            scope_clause(VillageSummary.village_code, scope),
            VillageSummary.village_code.not_in(codes) if codes else True,
        )
    )
    refresh(session, codes, now=now)


def refresh_tps(session: Session, tps_list: Iterable[TPS], *, now: datetime) -> None:
    refresh(session, [t.village_code for t in tps_list], now=now)
