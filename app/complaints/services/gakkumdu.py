"""Sentra Gakkumdu cases: stage changes by the agency that owns each step, every change audited.

The chain follows domain.md §0/§1.3: Tahap I (file to the PU) → P19 (returned incomplete, once only; the
penyidik resubmits within 3 working days) → Tahap I again → P21 → Tahap II → filing at the PN, which must
happen within 5 working days of the day the PU *received* the file (``GakkumduCase.file_received_at``).
The first discussion may be held during kajian awal, before registration; it does not change the complaint's
status, so Bawaslu's own clock keeps running until the pleno decides.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Role
from app.authz import is_role
from app.complaints.models import Complaint, ComplaintRouting, ComplaintUpdate, GakkumduCase, GakkumduStageLog
from app.complaints.policies import handle as handles
from app.complaints.rules import RECIPIENT_AGENCIES, STAGE_AGENCIES, STAGE_NEXT
from app.complaints.services import ComplaintError
from app.complaints.vocab import RUNNING, STAGE_ORDER, Recipient, Stage, UpdateKind
from app.i18n import format_local

# Bawaslu may discuss a laporan/temuan with the penyidik and jaksa from kajian awal until the pleno.
FIRST_DISCUSSION_STATUSES = set(RUNNING)


def next_stages(case: GakkumduCase, user) -> list[Stage]:
    if user is None or not is_role(user, Role.OPERATOR, Role.PIMPINAN):
        return []
    return [
        s
        for s in STAGE_NEXT.get(Stage(case.stage), set())
        if user.agency in STAGE_AGENCIES[s] and not (s == Stage.P19 and case.returned_once)
    ]


CLOCK_SKEW = timedelta(minutes=5)  # a typed time a little ahead of the server's clock is still "now"


def _event_time(case: GakkumduCase, at: datetime | None, now: datetime) -> datetime:
    """When the stage happened: typed by the officer (the windows count from it), or now. Not in the future and
    not before the case's current stage (a stage follows the one before it)."""
    if at is None:
        return now
    if at > now + CLOCK_SKEW:
        raise ComplaintError("occurred_at", _l("The time cannot be in the future."))
    since = case.stage_since if case.stage_since.tzinfo else case.stage_since.replace(tzinfo=UTC)
    if at < since.replace(second=0, microsecond=0):
        raise ComplaintError(
            "occurred_at",
            _l(
                "A stage cannot happen before the current one (%(stage)s, %(time)s).",
                stage=Stage(case.stage).label,
                time=format_local(since, case.region_code),
            ),
        )
    return min(at, now)


def advance(
    session: Session,
    case: GakkumduCase,
    stage: str,
    *,
    actor,
    now: datetime,
    at: datetime | None = None,
    note: str = "",
) -> None:
    """Move the case to ``stage``, which happened ``at`` (typed by the officer; default now): the stage's
    windows (P19's 3 working days, the PU's 5 from the file's receipt) count from that time."""
    try:
        target = Stage(stage)
    except ValueError as exc:
        raise ComplaintError("stage", _l("Unknown stage.")) from exc
    ordered = sorted(next_stages(case, actor), key=STAGE_ORDER.index)
    if target not in ordered:
        raise ComplaintError(
            "stage",
            _l(
                "This stage cannot follow “%(stage)s” or is not recorded by your agency.",
                stage=Stage(case.stage).label,
            ),
        )
    happened = _event_time(case, at, now)
    before = {"stage": case.stage}
    if target == Stage.P19:
        case.returned_once = True  # the PU may return the file once only
    if target == Stage.BERKAS_KE_PU:
        case.file_received_at = happened  # the 5-working-day window to the PN counts from the last receipt
    case.stage, case.stage_since = target, happened
    session.add(case)
    _log(session, case, target, actor=actor, now=happened, note=note)
    record(
        session,
        actor=actor,
        action="gakkumdu.stage",
        object_type="gakkumdu_case",
        object_id=case.id,
        now=now,
        region_code=case.region_code,
        before=before,
        after={"stage": target, "occurred_at": happened, "note": note[:1000]},
    )
    session.flush()


def _log(session: Session, case: GakkumduCase, stage: Stage, *, actor, now: datetime, note: str) -> None:
    session.add(GakkumduStageLog(case_id=case.id, stage=stage, at=now, actor_id=actor.id, note=note[:1000]))
    _announce(session, case, stage, actor=actor, now=now, note=note)


def _announce(session: Session, case: GakkumduCase, stage: Stage, *, actor, now: datetime, note: str) -> None:
    """The stage as a line of the complaint's history (written by the system, never free text for the reporter)."""
    session.add(
        ComplaintUpdate(
            complaint_id=case.complaint_id,
            at=now,
            actor_id=actor.id,
            kind=UpdateKind.STAGE,
            note=note[:1000],
            public_message=str(_l("Sentra Gakkumdu: %(stage)s.", stage=stage.label)),
        )
    )


def can_open_first_discussion(session: Session, complaint: Complaint, user) -> bool:
    return (
        user is not None
        and handles(user, complaint)
        and complaint.status in FIRST_DISCUSSION_STATUSES
        and session.exec(select(GakkumduCase.id).where(GakkumduCase.complaint_id == complaint.id)).first() is None
    )


def sync_agencies(session: Session, complaint: Complaint) -> None:
    """Which of the desk's agencies follow the complaint (they see it, never the reporter unless on its Gakkumdu
    case): those of every body it was forwarded to, and Sentra Gakkumdu's (Polri, Kejaksaan) once a case is open
    — the penyidik and jaksa attend the first discussion and inquire beside Bawaslu's kajian, before the pleno
    forwards the file (Perber Bawaslu–Kapolri–Jaksa Agung 2020; domain.md §1.2)."""
    routed = session.exec(select(ComplaintRouting.recipient).where(ComplaintRouting.complaint_id == complaint.id)).all()
    recipients = {Recipient(r) for r in routed}
    has_case = session.exec(select(GakkumduCase.id).where(GakkumduCase.complaint_id == complaint.id)).first()
    if has_case is not None:
        recipients.add(Recipient.GAKKUMDU)
    agencies = sorted({a.value for r in recipients for a in RECIPIENT_AGENCIES[r]})
    complaint.routed_agencies = ("," + ",".join(agencies) + ",") if agencies else ""
    session.add(complaint)


def open_case(
    session: Session, complaint: Complaint, *, actor, now: datetime, article: str = "", note: str = ""
) -> GakkumduCase:
    """A Sentra Gakkumdu case at its first discussion (pembahasan pertama), audited."""
    case = GakkumduCase(
        complaint_id=complaint.id,
        region_code=complaint.region_code,
        regime=complaint.regime,
        article=article.strip()[:120],
        stage=Stage.PEMBAHASAN_PERTAMA,
        stage_since=now,
        opened_at=now,
    )
    session.add(case)
    session.flush()
    sync_agencies(session, complaint)  # the centre's penyidik and jaksa sit in from the first discussion
    session.add(GakkumduStageLog(case_id=case.id, stage=case.stage, at=now, actor_id=actor.id, note=note[:1000]))
    record(
        session,
        actor=actor,
        action="gakkumdu.open",
        object_type="gakkumdu_case",
        object_id=case.id,
        now=now,
        region_code=complaint.region_code,
        after={"stage": case.stage, "complaint_id": complaint.id, "article": case.article},
    )
    session.flush()
    return case


def open_first_discussion(
    session: Session, complaint: Complaint, *, actor, now: datetime, article: str = "", note: str = ""
) -> GakkumduCase:
    """Record the first Gakkumdu discussion (1×24 jam) without forwarding: the complaint keeps its status."""
    if not can_open_first_discussion(session, complaint, actor):
        raise ComplaintError("article", _l("A first Sentra Gakkumdu discussion cannot be recorded now."))
    case = open_case(session, complaint, actor=actor, now=now, article=article, note=note)
    _announce(session, case, Stage.PEMBAHASAN_PERTAMA, actor=actor, now=now, note=note)
    session.flush()
    return case
