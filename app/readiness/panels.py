"""Dashboard panels: each agency sees the part of readiness it acts on; Pemda and pimpinan see a summary."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.auth.models import Agency, Role
from app.i18n import local
from app.readiness.services import rollup, vulnerability
from app.readiness.services.deployment import current_operation
from app.regions.elections import current_election
from app.registry import Panel, registry

SECTIONS = {
    Agency.KPU.value: ("logistics", "transfers", "turnout"),
    Agency.POLRI.value: ("deployment",),
    Agency.TNI.value: ("deployment",),
    Agency.BAWASLU.value: ("rawan",),
    Agency.KEJAKSAAN.value: ("aght",),
}
ALL = ("logistics", "transfers", "deployment", "rawan", "aght", "turnout")


def build(session: Session, user, now: datetime) -> dict | None:
    sections = ALL if (user.agency == Agency.PEMDA.value or user.role == Role.PIMPINAN.value) \
        else SECTIONS.get(user.agency)
    if not sections:
        return None
    election = current_election(session, user.region_code, local(now).date())
    data = rollup.build(session, user.region_code, operation=current_operation(session, user.region_code),
                        voting_day=election.voting_day if election else None, now=now)
    aght = vulnerability.aght_for(session, user, limit=50) if "aght" in sections else []
    return {"sections": sections, "data": data, "aght_count": len(aght),
            "aght_high": sum(1 for e in aght if e.level == "tinggi")}


def register() -> None:
    registry.add_panel(Panel("readiness", "readiness/_panel.html", 40, build))
