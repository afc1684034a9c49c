"""Dashboard panels: each agency sees the part of readiness it acts on; Pemda and pimpinan see a summary."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from app.auth.models import Agency, Role
from app.i18n import local
from app.readiness.models import BallotTransfer
from app.readiness.services import rollup, vulnerability
from app.readiness.services.deployment import current_operation
from app.regions.elections import current_election
from app.regions.models import TPS
from app.regions.services import scope_clause, zoneinfo_for
from app.registry import Panel, Registry

SECTIONS = {
    Agency.KPU.value: ("logistics", "transfers", "turnout"),
    Agency.POLRI.value: ("deployment",),
    Agency.TNI.value: ("deployment",),
    Agency.BAWASLU.value: ("rawan",),
    Agency.KEJAKSAAN.value: ("aght",),
}
ALL = ("logistics", "transfers", "deployment", "rawan", "aght", "turnout")


def build(session: Session, user, now: datetime) -> dict | None:
    sections = (
        ALL if (user.agency == Agency.PEMDA.value or user.role == Role.PIMPINAN.value) else SECTIONS.get(user.agency)
    )
    if not sections:
        return None
    election = current_election(session, user.region_code, local(now).date())
    data = rollup.build(
        session,
        user.region_code,
        operation=current_operation(session, user.region_code),
        voting_day=election.voting_day if election else None,
        now=now,
    )
    aght = vulnerability.aght_for(session, user, limit=50) if "aght" in sections else []
    behind_areas = [a for a in data.kecamatan if a.logistics_short > 0][:3] if "logistics" in sections else []
    return {
        "sections": sections,
        "data": data,
        "aght_count": len(aght),
        "aght_high": sum(1 for e in aght if e.level == "tinggi"),
        "aght_latest": aght[:3],
        "behind_areas": behind_areas,
        "transfers_today": _transfers_today(session, user.region_code, now) if "transfers" in sections else 0,
    }


def _transfers_today(session: Session, scope: str, now: datetime) -> int:
    """Ballot transfers (berita acara) made today, local day of the user's region, from TPS in scope."""
    zone = zoneinfo_for(scope)
    start = datetime.combine(now.astimezone(zone).date(), time(0, 0), tzinfo=zone)
    query = (
        select(func.count(BallotTransfer.id))
        .join(TPS, TPS.id == BallotTransfer.from_tps_id)
        .where(
            scope_clause(TPS.village_code, scope),
            BallotTransfer.occurred_at >= start,
            BallotTransfer.occurred_at < start + timedelta(days=1),
        )
    )
    return int(session.exec(query).one() or 0)


def leads(user) -> bool:
    """KPU acts on logistics, Kejaksaan on AGHT; heads and the regional government read the desk's picture."""
    return (
        (user.agency in (Agency.KPU.value, Agency.KEJAKSAAN.value) and user.role != Role.PETUGAS.value)
        or user.role == Role.PIMPINAN.value
        or user.agency == Agency.PEMDA.value
    )


def register(reg: Registry) -> None:
    reg.add_panel(Panel("readiness", "readiness/_panel.html", 40, build, leads=leads))
