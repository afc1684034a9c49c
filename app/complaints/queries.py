"""Read-side queries: the queue a user may see (scope + role), search, one complaint's related rows."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.audit.models import AuditLog
from app.auth.models import Agency
from app.authz import can
from app.clock import utcnow
from app.complaints import deadlines, reception
from app.complaints.constants import CLOSED, Status
from app.complaints.models import (
    Complaint,
    ComplaintEvidence,
    ComplaintRouting,
    ComplaintUpdate,
    ComplaintWitness,
    GakkumduCase,
    GakkumduStageLog,
)
from app.complaints.policies import is_bawaslu_handler
from app.complaints.settings import settings
from app.regions.services import scope_clause

QUEUE_TABS = {
    "baru": [Status.DITERIMA, Status.INFORMASI_AWAL],
    "kajian_awal": [Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN],
    "proses": [Status.DIREGISTRASI, Status.KLARIFIKASI, Status.KAJIAN],
    "putusan": [Status.TERBUKTI, Status.TIDAK_TERBUKTI],
    "diteruskan": [Status.DITERUSKAN, Status.GAKKUMDU, Status.DILIMPAHKAN],
    "selesai": list(CLOSED),
}

# Tab names say the statuses the tab holds, in the words of the badges on its items (Diterima, Informasi awal…).
TAB_LABELS = {
    "baru": _l("Received / preliminary"), "kajian_awal": _l("Initial review / completion"),
    "proses": _l("Registered / review"), "putusan": _l("Proven / not proven"),
    "diteruskan": _l("Forwarded / handed over"), "selesai": _l("Closed / not registered"),
}


def conditions(user) -> list:
    conds = [scope_clause(Complaint.region_code, user.region_code)]
    if user.agency != Agency.BAWASLU.value:
        conds.append(Complaint.routed_agencies.like(f"%,{user.agency},%"))
    return conds


def visible(user):
    """Complaints this user may see: Bawaslu everything in scope; others what was routed to their agency."""
    return select(Complaint).where(*conditions(user))


PAGE_SIZE = 50


def queue(session: Session, user, *, tab: str | None = None, q: str = "", page: int = 1,
          limit: int | None = PAGE_SIZE, now: datetime | None = None) -> list[Complaint]:
    """One page of the queue, most urgent first (see ``by_urgency``); ``limit=None`` for exports."""
    query = visible(user)
    if tab in QUEUE_TABS:
        query = query.where(Complaint.status.in_([s.value for s in QUEUE_TABS[tab]]))
    q = (q or "").strip()[:100]
    if q:
        like = f"%{q.lower()}%"
        terms = [Complaint.subject_name.ilike(like), Complaint.event_summary.ilike(like),
                 Complaint.tracking_code.ilike(like), Complaint.register_number.ilike(like),
                 Complaint.subject_institution.ilike(like)]
        if is_bawaslu_handler(user):
            # Only those who may see identities may search by them (no leaking by search hits).
            terms.append(Complaint.reporter_name.ilike(like) & (Complaint.kind == "laporan"))
        query = query.where(or_(*terms))
    query = query.order_by(Complaint.received_at.desc(), Complaint.id.desc())
    # Deadlines are computed (working days, holidays per year), not stored: the scope's queue is sorted here.
    rows = by_urgency([c for c in session.exec(query).all() if can(user, "complaint.view", c)], now or utcnow())
    if limit is None:
        return rows
    start = (max(page, 1) - 1) * limit
    return rows[start:start + limit + 1]  # one more: is there a next page?


def by_urgency(rows: list[Complaint], now: datetime) -> list[Complaint]:
    """Overdue first (the longest overdue on top), then by nearest deadline, then those without a running clock
    (newest first, the order ``rows`` came in)."""
    cfg = settings()

    def key(item: tuple[int, Complaint]):
        position, c = item
        # The reception wrapper: a report waiting for its signed A.1 has no running clock (None, or no due date).
        clock = reception.complaint_clock(c, deadlines.local_date(now, c.region_code), cfg)
        return (0, clock.due.toordinal(), position) if clock and clock.due else (1, 0, position)

    return [c for _position, c in sorted(enumerate(rows), key=key)]


def counts(session: Session, user) -> dict[str, int]:
    query = select(Complaint.status, func.count(Complaint.id)).where(*conditions(user)).group_by(Complaint.status)
    per_status = dict(session.exec(query).all())
    return {tab: sum(per_status.get(s.value, 0) for s in statuses) for tab, statuses in QUEUE_TABS.items()}


def related(session: Session, complaint: Complaint) -> dict:
    case = session.exec(select(GakkumduCase).where(GakkumduCase.complaint_id == complaint.id)).first()
    return {
        "witnesses": session.exec(select(ComplaintWitness).where(ComplaintWitness.complaint_id == complaint.id)
                                  .order_by(ComplaintWitness.id)).all(),
        "evidence": session.exec(select(ComplaintEvidence).where(ComplaintEvidence.complaint_id == complaint.id)
                                 .order_by(ComplaintEvidence.id)).all(),
        "updates": session.exec(select(ComplaintUpdate).where(ComplaintUpdate.complaint_id == complaint.id)
                                .order_by(ComplaintUpdate.at, ComplaintUpdate.id)).all(),
        "routings": session.exec(select(ComplaintRouting).where(ComplaintRouting.complaint_id == complaint.id)
                                 .order_by(ComplaintRouting.id)).all(),
        "case": case,
        "stages": session.exec(select(GakkumduStageLog).where(GakkumduStageLog.case_id == case.id)
                               .order_by(GakkumduStageLog.at, GakkumduStageLog.id)).all() if case else [],
    }


def audit_trail(session: Session, complaint: Complaint, case: GakkumduCase | None) -> list[AuditLog]:
    """Audit entries of the complaint (and its case); they never hold the reporter's identity."""
    cond = (AuditLog.object_type == "complaint") & (AuditLog.object_id == str(complaint.id))
    if case is not None:
        cond = cond | ((AuditLog.object_type == "gakkumdu_case") & (AuditLog.object_id == str(case.id)))
    return list(session.exec(select(AuditLog).where(cond).order_by(AuditLog.at.desc(), AuditLog.id.desc())
                             .limit(200)).all())
