"""Reading reports: region names for the list and the province roll-up (which kabupaten/kota desks have signed
today's report and which are missing)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import force_locale
from sqlmodel import Session, select

from app.i18n import number, percent
from app.regions.models import Region, RegionLevel
from app.regions.services import scope_clause
from app.sitrep.models import SIGNED, SitrepReport
from app.sitrep.services import default_period
from app.timeline.vocab import Status


def region_names(session: Session, scope: str) -> dict[str, str]:
    rows = session.exec(
        select(Region.code, Region.name).where(
            scope_clause(Region.code, scope), Region.level <= RegionLevel.KABUPATEN_KOTA
        )
    ).all()
    return dict(rows)


@dataclass
class DeskDay:
    code: str
    name: str
    signed: SitrepReport | None
    draft: SitrepReport | None
    figures: dict = field(default_factory=dict)  # from the signed report's frozen sections
    problems: list[str] = field(default_factory=list)  # its open problems, in the words the PDF prints

    @property
    def missing(self) -> bool:
        return self.signed is None


def figures_of(report: SitrepReport) -> dict:
    """The roll-up's figures of one signed report: exactly the numbers it was signed with."""
    s = json.loads(report.sections or "{}")
    k, log, p = s.get("kerawanan", {}), s.get("logistik", {}), s.get("pengaduan", {})
    part = s.get("partisipasi") or {}
    return {
        "incidents": k.get("total", 0),
        "open": k.get("open", 0),
        "logistics": log.get("pct"),
        "turnout": part.get("pct"),
        "overdue": p.get("overdue", 0),
    }


def problems_of(report: SitrepReport) -> list[str]:
    """A signed report's open problems, for the province: incidents not yet resolved (per kecamatan), the
    important ones still open (their text only when the report carries it: a restricted one is a count),
    complaints past their deadline, logistics not ready, and the desk head's *Kebutuhan*. Only the frozen
    sections and narrative are read, so the province learns exactly what the desk signed."""
    s = json.loads(report.sections or "{}")
    k, log, p = s.get("kerawanan", {}), s.get("logistik") or {}, s.get("pengaduan") or {}
    out = []
    if k.get("open"):
        rows = k.get("by_kecamatan", [])
        where = ", ".join(f"{name} {number(n_open, 'id')}" for _c, name, _n, n_open in rows if n_open)
        out.append(f"{number(k['open'], 'id')} kerawanan belum selesai ({where})")
    with force_locale("id"):  # the sections hold the Indonesian label
        resolved = str(Status.SELESAI.label)
    still_open = [i for i in k.get("important", []) if i.get("status") != resolved]
    for item in still_open:
        if item.get("text"):
            out.append(f"Penting, {item['time']}: {item['text']} ({item['status']})")
    hidden = sum(1 for i in still_open if not i.get("text"))
    if hidden:
        out.append(
            f"{number(hidden, 'id')} kerawanan penting terbatas belum selesai (teks hanya untuk instansi terkait)"
        )
    if p.get("overdue"):
        out.append(f"{number(p['overdue'], 'id')} laporan dugaan pelanggaran netralitas melewati batas waktu")
    if log.get("tps") and (log.get("pct") or 0) < 1:
        out.append(f"Logistik baru {percent(log.get('pct'), 'id')} siap dari {number(log['tps'], 'id')} TPS")
    if report.kebutuhan:
        out.append(f"Kebutuhan: {report.kebutuhan}")
    return out


def combined(rows: list[DeskDay]) -> dict:
    """The province's totals over the signed reports of the day (kerawanan and those still open, overdue
    complaints; how many desks reported)."""
    signed = [r for r in rows if r.signed is not None]
    return {
        "reported": len(signed),
        "desks": len(rows),
        "incidents": sum(r.figures["incidents"] for r in signed),
        "open": sum(r.figures["open"] for r in signed),
        "overdue": sum(r.figures["overdue"] for r in signed),
    }


def province_rollup(session: Session, user, now: datetime) -> list[DeskDay] | None:
    """For a province-scoped user: each kabupaten/kota of the province with its signed report of today's
    default period (the newest version), or marked missing. None for everyone else."""
    if "." in user.region_code:
        return None
    desks = session.exec(
        select(Region)
        .where(Region.parent_code == user.region_code, Region.level == RegionLevel.KABUPATEN_KOTA)
        .order_by(Region.code)
    ).all()
    out = []
    for desk in desks:
        start, end = default_period(desk.code, now)
        rows = session.exec(
            select(SitrepReport)
            .where(
                SitrepReport.region_code == desk.code,
                SitrepReport.period_start == start,
                SitrepReport.period_end == end,
            )
            .order_by(SitrepReport.version.desc())
        ).all()
        signed = next((r for r in rows if r.status == SIGNED), None)
        draft = next((r for r in rows if r.status != SIGNED), None)
        out.append(
            DeskDay(
                desk.code,
                desk.name,
                signed,
                draft,
                figures_of(signed) if signed else {},
                problems_of(signed) if signed else [],
            )
        )
    return out
