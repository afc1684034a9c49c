"""Dashboard panels (Bawaslu: queue and overdue items; Polri/Kejaksaan: Gakkumdu cases) and reminders."""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func
from sqlmodel import Session, select

from app.auth.models import Agency, Role, User
from app.complaints import deadlines, queries, reception
from app.complaints.constants import Status
from app.complaints.models import Complaint, GakkumduCase
from app.complaints.settings import settings
from app.regions.services import in_scope, scope_clause
from app.registry import Reminder

RUNNING = [s.value for s in (Status.DITERIMA, Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN, Status.DIREGISTRASI,
                             Status.KLARIFIKASI, Status.KAJIAN)]


def _clocked(session: Session, scope: str, now: datetime):
    cfg = settings()
    rows = session.exec(select(Complaint).where(scope_clause(Complaint.region_code, scope),
                                                Complaint.status.in_(RUNNING))).all()
    out = []
    for c in rows:
        clock = reception.complaint_clock(c, deadlines.local_date(now, c.region_code), cfg)
        if clock and clock.due:
            out.append((c, clock))
    return sorted(out, key=lambda item: item[1].due)


def bawaslu_panel(session: Session, user, now: datetime) -> dict | None:
    if user.agency != Agency.BAWASLU.value:
        return None
    clocked = _clocked(session, user.region_code, now)
    return {"counts": queries.counts(session, user), "overdue": [i for i in clocked if i[1].overdue],
            "next": [i for i in clocked if not i[1].overdue][:5],
            "due_today": [i for i in clocked if i[1].due_today],
            "late": session.exec(select(func.count(Complaint.id)).where(
                *queries.conditions(user), Complaint.late_filing)).one()}


def leads_bawaslu(user) -> bool:
    return user.agency == Agency.BAWASLU.value and user.role != Role.PETUGAS.value


def leads_gakkumdu(user) -> bool:
    """Kejaksaan's home leads with the Gakkumdu clocks (the 5-day filing window is theirs)."""
    return user.agency == Agency.KEJAKSAAN.value and user.role != Role.PETUGAS.value


def gakkumdu_panel(session: Session, user, now: datetime) -> dict | None:
    if user.agency not in (Agency.POLRI.value, Agency.KEJAKSAAN.value, Agency.BAWASLU.value):
        return None
    cfg = settings()
    cases = session.exec(select(GakkumduCase).where(scope_clause(GakkumduCase.region_code, user.region_code))
                         .order_by(GakkumduCase.stage_since)).all()
    if not cases and user.agency == Agency.BAWASLU.value:
        return None
    items = []
    for case in cases:
        complaint = session.get(Complaint, case.complaint_id)
        items.append((case, complaint, deadlines.stage_clock(case, deadlines.local_date(now, case.region_code), cfg)))
    return {"items": items}


def reminders(session: Session, now: datetime) -> list[Reminder]:
    """"Deadline due today" for Bawaslu operators in scope; the key is unique per complaint, deadline and day."""
    operators = session.exec(select(User).where(User.agency == Agency.BAWASLU.value,
                                                User.role == Role.OPERATOR.value, User.active)).all()
    out = []
    for c, clock in _all_clocked(session, now):
        if not clock.due_today:
            continue
        ids = tuple(sorted(u.id for u in operators if in_scope(c.region_code, u.region_code)))
        if not ids:
            continue
        kind = "kajian_awal" if c.status in (Status.DITERIMA, Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN) \
            else "putusan"
        try:
            url = url_for("complaints.detail", complaint_id=c.id)
        except RuntimeError:
            url = f"/pengaduan/{c.id}"
        out.append(Reminder(key=f"complaint:{c.id}:{kind}:{clock.due.isoformat()}", user_ids=ids,
                            title=_("Complaint deadline today"),
                            body=f"{c.register_number or c.tracking_code}: {clock.label}", url=url))
    return out


def _all_clocked(session: Session, now: datetime):
    cfg = settings()
    for c in session.exec(select(Complaint).where(Complaint.status.in_(RUNNING))).all():
        clock = reception.complaint_clock(c, deadlines.local_date(now, c.region_code), cfg)
        if clock and clock.due:
            yield c, clock
