"""Sentra Gakkumdu cases: stage changes by the agency that owns each step, every change audited.

The chain follows domain.md §0/§1.3: Tahap I (file to the PU) → P19 (returned incomplete, once only; the
penyidik resubmits within 3 working days) → Tahap I again → P21 → Tahap II → filing at the PN, which must
happen within 5 working days of the day the PU *received* the file (``GakkumduCase.file_received_at``).
The first discussion may be held during kajian awal, before registration; it does not change the complaint's
status, so Bawaslu's own clock keeps running until the pleno decides.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Agency
from app.complaints.constants import STAGE_AGENCIES, STAGE_LABELS, STAGE_NEXT, Stage, Status
from app.complaints.models import Complaint, ComplaintUpdate, GakkumduCase, GakkumduStageLog
from app.complaints.services import ComplaintError

# Bawaslu may discuss a laporan/temuan with the penyidik and jaksa from kajian awal until the pleno.
FIRST_DISCUSSION_STATUSES = {Status.DITERIMA, Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN, Status.DIREGISTRASI,
                             Status.KLARIFIKASI, Status.KAJIAN}


def next_stages(case: GakkumduCase, user) -> list[Stage]:
    if user is None or user.role not in ("operator", "pimpinan"):
        return []
    return [s for s in STAGE_NEXT.get(Stage(case.stage), set()) if user.agency in STAGE_AGENCIES[s]
            and not (s == Stage.P19 and case.returned_once)]


def advance(session: Session, case: GakkumduCase, stage: str, *, actor, now: datetime, note: str = "") -> None:
    try:
        target = Stage(stage)
    except ValueError as exc:
        raise ComplaintError("stage", _l("Unknown stage.")) from exc
    ordered = sorted(next_stages(case, actor), key=list(Stage).index)
    if target not in ordered:
        raise ComplaintError("stage", _l("This stage cannot follow “%(stage)s” or is not recorded by your agency.",
                                         stage=STAGE_LABELS[Stage(case.stage)]))
    before = {"stage": case.stage}
    if target == Stage.P19:
        case.returned_once = True  # the PU may return the file once only
    if target == Stage.BERKAS_KE_PU:
        case.file_received_at = now  # the 5-working-day window to the PN counts from the last receipt
    case.stage, case.stage_since = target.value, now
    session.add(case)
    _log(session, case, target, actor=actor, now=now, note=note)
    record(session, actor=actor, action="gakkumdu.stage", object_type="gakkumdu_case", object_id=case.id, now=now,
           region_code=case.region_code, before=before, after={"stage": target.value, "note": note[:1000]})
    session.flush()


def _log(session: Session, case: GakkumduCase, stage: Stage, *, actor, now: datetime, note: str) -> None:
    session.add(GakkumduStageLog(case_id=case.id, stage=stage.value, at=now, actor_id=actor.id, note=note[:1000]))
    session.add(ComplaintUpdate(complaint_id=case.complaint_id, at=now, actor_id=actor.id, kind="stage",
                                note=note[:1000],
                                public_message=str(_l("Sentra Gakkumdu: %(stage)s.", stage=STAGE_LABELS[stage]))))


def can_open_first_discussion(session: Session, complaint: Complaint, user) -> bool:
    return (user is not None and user.agency == Agency.BAWASLU.value and user.role in ("operator", "pimpinan")
            and Status(complaint.status) in FIRST_DISCUSSION_STATUSES
            and session.exec(select(GakkumduCase.id).where(GakkumduCase.complaint_id == complaint.id)).first()
            is None)


def open_first_discussion(session: Session, complaint: Complaint, *, actor, now: datetime, article: str = "",
                          note: str = "") -> GakkumduCase:
    """Record the first Gakkumdu discussion (1×24 jam) without forwarding: the complaint keeps its status."""
    if not can_open_first_discussion(session, complaint, actor):
        raise ComplaintError("article", _l("A first Sentra Gakkumdu discussion cannot be recorded now."))
    case = GakkumduCase(complaint_id=complaint.id, region_code=complaint.region_code, regime=complaint.regime,
                        article=article.strip()[:120], stage=Stage.PEMBAHASAN_PERTAMA.value, stage_since=now,
                        opened_at=now)
    session.add(case)
    session.flush()
    _log(session, case, Stage.PEMBAHASAN_PERTAMA, actor=actor, now=now, note=note)
    record(session, actor=actor, action="gakkumdu.open", object_type="gakkumdu_case", object_id=case.id, now=now,
           region_code=complaint.region_code,
           after={"stage": case.stage, "complaint_id": complaint.id, "article": case.article})
    session.flush()
    return case
