"""Who is at a meeting: the invitation list, the secretariat's attendance ticks, guests and self check-in.

Services take ``(session, ..., actor=, now=)``, flush but never commit, and raise ``MeetingError`` naming the
field the user must fix.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.meetings.models import Meeting, MeetingStatus, Participant
from app.meetings.services import MeetingError, changed

CHECKIN_BEFORE = timedelta(hours=1)  # self check-in opens an hour before the start
CHECKIN_AFTER = timedelta(hours=2)  # and closes two hours after the planned end


def attendees(session: Session, meeting_id: int) -> list[Participant]:
    return list(
        session.exec(
            select(Participant)
            .where(Participant.meeting_id == meeting_id, Participant.attended_at.is_not(None))
            .order_by(Participant.attended_at, Participant.id)
        ).all()
    )


def set_attendance(
    session: Session, meeting: Meeting, participant: Participant, present: bool, *, actor: User, now: datetime
) -> Participant:
    """The secretariat ticks (or unticks) a participant; the arrival time is kept from the first tick."""
    if participant.meeting_id != meeting.id:
        raise MeetingError("participant", _l("Unknown participant."))
    if present and participant.attended_at is None:
        participant.attended_at = now
        participant.checked_in_by_id = actor.id
    elif not present:
        participant.attended_at = None
        participant.checked_in_by_id = None
    session.add(participant)
    changed(session, meeting, "attendance", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.attendance",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"participant": participant.id, "present": present},
    )
    return participant


def add_guest(
    session: Session,
    meeting: Meeting,
    *,
    name: str,
    position: str,
    agency: str,
    phone: str,
    present: bool,
    actor: User,
    now: datetime,
) -> Participant:
    name = (name or "").strip()
    if not name:
        raise MeetingError("name", _l("Enter the guest's name."))
    guest = Participant(
        meeting_id=meeting.id,
        name=name[:120],
        position=(position or "").strip()[:120],
        agency=(agency or "").strip()[:120],
        phone=(phone or "").strip()[:30],
        invited=False,
        attended_at=now if present else None,
        checked_in_by_id=actor.id if present else None,
    )
    session.add(guest)
    changed(session, meeting, "attendance", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.guest",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"participant": guest.id, "name": guest.name},
    )
    return guest


def checkin_open(meeting: Meeting, now: datetime) -> bool:
    return (
        meeting.status != MeetingStatus.FINAL.value
        and meeting.starts_at - CHECKIN_BEFORE <= now <= meeting.ends_at + CHECKIN_AFTER
    )


def find_by_code(session: Session, code: str) -> Meeting | None:
    code = (code or "").strip().upper().replace(" ", "")
    if not code:
        return None
    return session.exec(select(Meeting).where(Meeting.checkin_code == code).order_by(Meeting.starts_at.desc())).first()


def self_checkin(session: Session, meeting: Meeting, *, actor: User, now: datetime) -> Participant:
    """An invited user checks in from their phone while the meeting is open."""
    if not checkin_open(meeting, now):
        raise MeetingError("code", _l("Check-in for this meeting is closed."))
    participant = session.exec(
        select(Participant).where(Participant.meeting_id == meeting.id, Participant.user_id == actor.id)
    ).first()
    if participant is None:
        raise MeetingError("code", _l("You are not on the invitation list of this meeting."))
    if participant.attended_at is None:
        participant.attended_at = now
        participant.checked_in_by_id = actor.id
        session.add(participant)
        changed(session, meeting, "attendance", now)
        session.flush()
        record(
            session,
            actor=actor,
            action="meeting.checkin",
            object_type="meeting",
            object_id=meeting.id,
            now=now,
            region_code=meeting.region_code,
            after={"participant": participant.id},
        )
    return participant
