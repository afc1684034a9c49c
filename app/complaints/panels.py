"""Dashboard panels (Bawaslu: queue and overdue items; Polri/Kejaksaan: Gakkumdu cases) and reminders."""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func
from sqlmodel import Session, select

from app.auth.models import Agency, Role, User
from app.authz import can, is_agency, is_role
from app.complaints import deadlines, queries, reception
from app.complaints.models import Complaint, GakkumduCase
from app.complaints.settings import settings
from app.complaints.vocab import INITIAL_REVIEW, RUNNING
from app.i18n import local_date
from app.regions.services import in_scope, scope_clause
from app.registry import Reminder


def bawaslu_panel(session: Session, user, now: datetime) -> dict | None:
    if not is_agency(user, Agency.BAWASLU):
        return None
    clocked = queries.clocked(session, user.region_code, now)
    return {
        "counts": queries.counts(session, user),
        "overdue": [i for i in clocked if i[1].overdue],
        "next": [i for i in clocked if not i[1].overdue][:5],
        "due_today": [i for i in clocked if i[1].due_today],
        "late": session.exec(
            select(func.count(Complaint.id)).where(*queries.conditions(user), Complaint.late_filing)
        ).one(),
    }


def leads_bawaslu(user) -> bool:
    return is_agency(user, Agency.BAWASLU) and not is_role(user, Role.PETUGAS)


def leads_gakkumdu(user) -> bool:
    """Kejaksaan's home leads with the Gakkumdu clocks (the 5-day filing window is theirs)."""
    return is_agency(user, Agency.KEJAKSAAN) and not is_role(user, Role.PETUGAS)


def gakkumdu_panel(session: Session, user, now: datetime) -> dict | None:
    if not is_agency(user, Agency.POLRI, Agency.KEJAKSAAN, Agency.BAWASLU):
        return None
    cfg = settings()
    cases = session.exec(
        select(GakkumduCase)
        .where(scope_clause(GakkumduCase.region_code, user.region_code))
        .order_by(GakkumduCase.stage_since)
    ).all()
    if not cases and is_agency(user, Agency.BAWASLU):
        return None
    items = []
    for case in cases:
        complaint = session.get(Complaint, case.complaint_id)
        if not can(user, "complaint.view", complaint):
            continue  # a case the user may not open is not listed (e.g. a petugas, or not routed to the agency)
        today = local_date(now, case.region_code)
        clock = deadlines.stage_clock(case, today, cfg, registered_at=complaint.registered_at, now=now)
        items.append((case, complaint, clock))
    return {"items": items}


def reminders(session: Session, now: datetime) -> list[Reminder]:
    """ "Deadline due today" for Bawaslu operators in scope; the key is unique per complaint, deadline and day."""
    operators = session.exec(
        select(User).where(User.agency == Agency.BAWASLU, User.role == Role.OPERATOR, User.active)
    ).all()
    out = []
    for c, clock in _all_clocked(session, now):
        if not clock.due_today:
            continue
        ids = tuple(sorted(u.id for u in operators if in_scope(c.region_code, u.region_code)))
        if not ids:
            continue
        kind = "kajian_awal" if c.status in INITIAL_REVIEW else "putusan"
        try:
            url = url_for("complaints.detail", complaint_id=c.id)
        except RuntimeError:
            url = f"/pengaduan/{c.id}"
        out.append(
            Reminder(
                key=f"complaint:{c.id}:{kind}:{clock.due.isoformat()}",
                user_ids=ids,
                title=_("Complaint deadline today"),
                body=f"{c.register_number or c.tracking_code}: {clock.label}",
                url=url,
            )
        )
    return out


def _all_clocked(session: Session, now: datetime):
    cfg = settings()
    for c in session.exec(select(Complaint).where(Complaint.status.in_(RUNNING))).all():
        clock = reception.complaint_clock(c, local_date(now, c.region_code), cfg)
        if clock and clock.due:
            yield c, clock
