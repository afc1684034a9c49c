"""Read-side queries: the queue a user may see (scope + role), search, one complaint's related rows, and the
numbers of a scope's queue (per tab and status, overdue, Gakkumdu stages) for panels and reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, or_
from sqlmodel import Session, select

from app.audit.models import AuditLog
from app.auth.models import Agency, User
from app.authz import can, is_agency
from app.clock import utcnow
from app.complaints import deadlines, reception
from app.complaints.models import (
    Complaint,
    ComplaintEvidence,
    ComplaintEvidenceItem,
    ComplaintRouting,
    ComplaintUpdate,
    ComplaintWitness,
    GakkumduCase,
    GakkumduStageLog,
)
from app.complaints.policies import is_bawaslu_handler
from app.complaints.settings import settings
from app.complaints.vocab import CLOSED, RUNNING, Kind, QueueTab, Stage, Status
from app.i18n import local_date
from app.regions.models import Region
from app.regions.services import desk_of, scope_clause

# The statuses of each tab of the queue (the tab's label names them, in the words of the badges on its items).
QUEUE_TABS: dict[QueueTab, list[Status]] = {
    QueueTab.BARU: [Status.DITERIMA, Status.INFORMASI_AWAL],
    QueueTab.KAJIAN_AWAL: [Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN],
    QueueTab.PROSES: [Status.DIREGISTRASI, Status.KLARIFIKASI, Status.KAJIAN],
    QueueTab.PUTUSAN: [Status.TERBUKTI, Status.TIDAK_TERBUKTI],
    QueueTab.DITERUSKAN: [Status.DITERUSKAN, Status.GAKKUMDU, Status.DILIMPAHKAN],
    QueueTab.SELESAI: list(CLOSED),
}


def conditions(user) -> list:
    conds = [scope_clause(Complaint.region_code, user.region_code)]
    if not is_agency(user, Agency.BAWASLU):
        conds.append(Complaint.routed_agencies.like(f"%,{user.agency},%"))
    return conds


def visible(user):
    """Complaints this user may see: Bawaslu everything in scope; others what was routed to their agency."""
    return select(Complaint).where(*conditions(user))


PAGE_SIZE = 50


def queue(
    session: Session,
    user,
    *,
    tab: str | None = None,
    q: str = "",
    page: int = 1,
    limit: int | None = PAGE_SIZE,
    now: datetime | None = None,
) -> list[Complaint]:
    """One page of the queue, most urgent first (see ``by_urgency``); ``limit=None`` for exports."""
    query = visible(user)
    if tab in QUEUE_TABS:
        query = query.where(Complaint.status.in_(QUEUE_TABS[QueueTab(tab)]))
    q = (q or "").strip()[:100]
    if q:
        like = f"%{q.lower()}%"
        terms = [
            Complaint.subject_name.ilike(like),
            Complaint.event_summary.ilike(like),
            Complaint.tracking_code.ilike(like),
            Complaint.register_number.ilike(like),
            Complaint.subject_institution.ilike(like),
        ]
        if is_bawaslu_handler(user) and desk_of(user.region_code) == user.region_code:
            # Only those who may see identities may search by them (no leaking by search hits): the handling
            # Bawaslu, for the complaints of its own desk (policies.at_its_desk).
            own_desk = (
                scope_clause(Complaint.region_code, user.region_code)
                if "." in user.region_code
                else Complaint.region_code == user.region_code
            )
            terms.append(Complaint.reporter_name.ilike(like) & (Complaint.kind == Kind.LAPORAN) & own_desk)
        query = query.where(or_(*terms))
    query = query.order_by(Complaint.received_at.desc(), Complaint.id.desc())
    # Deadlines are computed (working days, holidays per year), not stored: the scope's queue is sorted here.
    rows = by_urgency([c for c in session.exec(query).all() if can(user, "complaint.view", c)], now or utcnow())
    if limit is None:
        return rows
    start = (max(page, 1) - 1) * limit
    return rows[start : start + limit + 1]  # one more: is there a next page?


def by_urgency(rows: list[Complaint], now: datetime) -> list[Complaint]:
    """Overdue first (the longest overdue on top), then by nearest deadline, then those without a running clock
    (newest first, the order ``rows`` came in)."""
    cfg = settings()

    def key(item: tuple[int, Complaint]):
        position, c = item
        # The reception wrapper: a report waiting for its signed A.1 has no running clock (None, or no due date).
        clock = reception.complaint_clock(c, local_date(now, c.region_code), cfg)
        return (0, clock.due.toordinal(), position) if clock and clock.due else (1, 0, position)

    return [c for _position, c in sorted(enumerate(rows), key=key)]


def _per_status(session: Session, conds: list) -> dict[str, int]:
    query = select(Complaint.status, func.count(Complaint.id)).where(*conds).group_by(Complaint.status)
    return {str(status): n for status, n in session.exec(query).all()}


def _per_tab(per_status: dict[str, int]) -> dict[QueueTab, int]:
    return {tab: sum(per_status.get(s, 0) for s in statuses) for tab, statuses in QUEUE_TABS.items()}


def counts(session: Session, user) -> dict[QueueTab, int]:
    """How many complaints this user may see are in each tab of the queue."""
    return _per_tab(_per_status(session, conditions(user)))


def related(session: Session, complaint: Complaint) -> dict:
    case = session.exec(select(GakkumduCase).where(GakkumduCase.complaint_id == complaint.id)).first()
    return {
        "witnesses": session.exec(
            select(ComplaintWitness).where(ComplaintWitness.complaint_id == complaint.id).order_by(ComplaintWitness.id)
        ).all(),
        "evidence": session.exec(
            select(ComplaintEvidence)
            .where(ComplaintEvidence.complaint_id == complaint.id)
            .order_by(ComplaintEvidence.id)
        ).all(),
        "evidence_items": session.exec(
            select(ComplaintEvidenceItem)
            .where(ComplaintEvidenceItem.complaint_id == complaint.id)
            .order_by(ComplaintEvidenceItem.id)
        ).all(),
        "updates": session.exec(
            select(ComplaintUpdate)
            .where(ComplaintUpdate.complaint_id == complaint.id)
            .order_by(ComplaintUpdate.at, ComplaintUpdate.id)
        ).all(),
        "routings": session.exec(
            select(ComplaintRouting).where(ComplaintRouting.complaint_id == complaint.id).order_by(ComplaintRouting.id)
        ).all(),
        "case": case,
        # Looked up here once, not per render: the district of the event and who recorded the signed form.
        "event_region": session.get(Region, complaint.event_region_code) if complaint.event_region_code else None,
        "signed_by": session.get(User, complaint.a1_signed_by_id) if complaint.a1_signed_by_id else None,
        "stages": session.exec(
            select(GakkumduStageLog)
            .where(GakkumduStageLog.case_id == case.id)
            .order_by(GakkumduStageLog.at, GakkumduStageLog.id)
        ).all()
        if case
        else [],
    }


def audit_trail(session: Session, complaint: Complaint, case: GakkumduCase | None) -> list[AuditLog]:
    """Audit entries of the complaint (and its case); they never hold the reporter's identity."""
    cond = (AuditLog.object_type == "complaint") & (AuditLog.object_id == str(complaint.id))
    if case is not None:
        cond = cond | ((AuditLog.object_type == "gakkumdu_case") & (AuditLog.object_id == str(case.id)))
    return list(
        session.exec(select(AuditLog).where(cond).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(200)).all()
    )


def clocked(session: Session, scope: str, now: datetime) -> list[tuple[Complaint, deadlines.Clock]]:
    """The scope's complaints whose Bawaslu clock runs, with it, nearest deadline first (overdue on top)."""
    cfg = settings()
    rows = session.exec(
        select(Complaint).where(scope_clause(Complaint.region_code, scope), Complaint.status.in_(RUNNING))
    ).all()
    out = []
    for c in rows:
        clock = reception.complaint_clock(c, local_date(now, c.region_code), cfg)
        if clock and clock.due:
            out.append((c, clock))
    return sorted(out, key=lambda item: item[1].due)


@dataclass(frozen=True)
class QueueSummary:
    """The numbers of a scope's complaint queue (no identities, no text): for panels and situation reports."""

    by_tab: dict[QueueTab, int]
    by_status: dict[Status, int]
    overdue: int  # Bawaslu's own clock (kajian awal or handling) has passed
    due_today: int
    late_filing: int  # filed after the filing deadline
    gakkumdu_by_stage: dict[Stage, int] = field(default_factory=dict)
    gakkumdu_overdue: int = 0  # the case's stage deadline has passed


def summary(session: Session, scope: str, now: datetime) -> QueueSummary:
    """Counts of every complaint in ``scope`` (a region code and everything below it): per queue tab and status,
    overdue and due today by Bawaslu's clocks, filed late, and Sentra Gakkumdu cases per stage and overdue."""
    conds = [scope_clause(Complaint.region_code, scope)]
    per_status = _per_status(session, conds)
    running = clocked(session, scope, now)
    late = session.exec(select(func.count(Complaint.id)).where(*conds, Complaint.late_filing)).one()
    cfg = settings()
    cases = session.exec(
        select(GakkumduCase, Complaint.registered_at)
        .join(Complaint, Complaint.id == GakkumduCase.complaint_id)
        .where(scope_clause(GakkumduCase.region_code, scope))
    ).all()
    case_clocks = [
        deadlines.stage_clock(case, local_date(now, case.region_code), cfg, registered_at=registered, now=now)
        for case, registered in cases
    ]
    return QueueSummary(
        by_tab=_per_tab(per_status),
        by_status={s: per_status.get(s, 0) for s in Status},
        overdue=sum(1 for _c, clock in running if clock.overdue),
        due_today=sum(1 for _c, clock in running if clock.due_today),
        late_filing=late,
        gakkumdu_by_stage=dict(Counter(Stage(case.stage) for case, _registered in cases)),
        gakkumdu_overdue=sum(1 for clock in case_clocks if clock and clock.overdue),
    )
