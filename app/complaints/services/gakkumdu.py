"""Sentra Gakkumdu cases: stage changes by the agency that owns each step, every change audited."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from app.audit.services import record
from app.complaints.constants import STAGE_AGENCIES, STAGE_LABELS, STAGE_NEXT, Stage
from app.complaints.models import ComplaintUpdate, GakkumduCase, GakkumduStageLog
from app.complaints.services import ComplaintError


def next_stages(case: GakkumduCase, user) -> list[Stage]:
    if user is None or user.role not in ("operator", "pimpinan"):
        return []
    return [s for s in STAGE_NEXT.get(Stage(case.stage), set()) if user.agency in STAGE_AGENCIES[s]
            and not (s == Stage.PENYIDIKAN and case.stage == Stage.BERKAS_KE_PU and case.returned_once)]


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
    if case.stage == Stage.BERKAS_KE_PU and target == Stage.PENYIDIKAN:
        case.returned_once = True  # the PU may return the file once only
    case.stage, case.stage_since = target.value, now
    session.add(case)
    session.add(GakkumduStageLog(case_id=case.id, stage=target.value, at=now, actor_id=actor.id, note=note[:1000]))
    session.add(ComplaintUpdate(complaint_id=case.complaint_id, at=now, actor_id=actor.id, kind="stage",
                                note=note[:1000],
                                public_message=str(_l("Sentra Gakkumdu: %(stage)s.", stage=STAGE_LABELS[target]))))
    record(session, actor=actor, action="gakkumdu.stage", object_type="gakkumdu_case", object_id=case.id, now=now,
           region_code=case.region_code, before=before, after={"stage": target.value, "note": note[:1000]})
    session.flush()
