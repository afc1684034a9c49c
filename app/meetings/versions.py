"""Finalising the notula: freeze, store the exact PDF bytes with their SHA-256 and a public verification code.

A correction reopens the meeting; the next finalise makes version n+1 while every earlier version stays
downloadable (its bytes are kept), and its code still verifies.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.meetings.models import Meeting, MeetingStatus, MeetingVersion
from app.meetings.services import MeetingError, changed, new_code

MAX_REASON = 500


def verification_code(session: Session) -> str:
    while True:
        code = new_code(10)
        if session.exec(select(MeetingVersion.id).where(MeetingVersion.code == code)).first() is None:
            return code


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def finalise(
    session: Session,
    meeting: Meeting,
    *,
    render: Callable[[Meeting, int, str], bytes],
    reason: str = "",
    actor: User,
    now: datetime,
) -> MeetingVersion:
    """Freeze the minutes as version n+1. ``render(meeting, version, code)`` lays out the PDF."""
    if meeting.status == MeetingStatus.FINAL.value:
        raise MeetingError("status", _l("These minutes are already final."))
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise MeetingError("reason", _l("At most %(max)d characters.", max=MAX_REASON))
    if meeting.status == MeetingStatus.CORRECTION.value and not reason:
        raise MeetingError("reason", _l("Say what was corrected."))
    if meeting.closed_at is None:
        meeting.closed_at = min(now, meeting.ends_at) if now >= meeting.starts_at else meeting.ends_at
    number = meeting.version + 1
    code = verification_code(session)
    pdf = render(meeting, number, code)
    version = MeetingVersion(
        meeting_id=meeting.id,
        version=number,
        code=code,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pdf=pdf,
        pages=_page_count(pdf),
        reason=reason,
        finalised_by_id=actor.id,
        finalised_at=now,
    )
    session.add(version)
    meeting.version = number
    meeting.status = MeetingStatus.FINAL.value
    changed(session, meeting, "final", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.finalise",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"version": number, "code": code, "sha256": version.sha256},
    )
    return version


def reopen(session: Session, meeting: Meeting, *, actor: User, now: datetime) -> Meeting:
    """Start a correction: the minutes become editable again; the finalised version stays as it was."""
    if meeting.status != MeetingStatus.FINAL.value:
        raise MeetingError("status", _l("Only final minutes can be corrected."))
    meeting.status = MeetingStatus.CORRECTION.value
    changed(session, meeting, "correction", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.reopen",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"after_version": meeting.version},
    )
    return meeting


def versions(session: Session, meeting_id: int) -> list[MeetingVersion]:
    return list(
        session.exec(
            select(MeetingVersion)
            .where(MeetingVersion.meeting_id == meeting_id)
            .order_by(MeetingVersion.version.desc())
        ).all()
    )


def version(session: Session, meeting_id: int, number: int | None) -> MeetingVersion | None:
    query = select(MeetingVersion).where(MeetingVersion.meeting_id == meeting_id)
    if number is not None:
        query = query.where(MeetingVersion.version == number)
    return session.exec(query.order_by(MeetingVersion.version.desc())).first()


def by_code(session: Session, code: str) -> MeetingVersion | None:
    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    return session.exec(select(MeetingVersion).where(MeetingVersion.code == code)).first()
