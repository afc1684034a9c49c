"""Meetings: create and edit, agenda and the invitation list (attendance and self check-in: ``attendance``).

Services take ``(session, ..., actor=, now=)``, flush but never commit, and raise ``MeetingError`` naming the
field the user must fix.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Agency, Role, User
from app.errors import DomainError
from app.live import notify
from app.meetings.models import AgendaItem, Meeting, MeetingKind, Participant
from app.regions.services import in_scope, scope_clause, zoneinfo_for

MAX_AGENDA_TITLE = 300
MAX_AGENDA_ITEMS = 30
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a room screen


class MeetingError(DomainError):
    """Bad input; ``field`` names the form field, ``message`` is shown to the user."""


@dataclass
class MeetingInput:
    title: str
    kind: str
    organiser_agency: str
    region_code: str
    day: date
    start: time
    end: time
    place: str
    chair_name: str
    minute_name: str
    chair_position: str = ""
    chair_rank: str = ""
    minute_position: str = ""
    minute_rank: str = ""
    series: str = ""
    opening: str = ""
    agenda: list[str] = field(default_factory=list)
    participant_ids: list[int] = field(default_factory=list)
    chair_user_id: int | None = None


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def channel(meeting_id: int) -> str:
    # Not "meeting:<id>": on PostgreSQL app.live sends "<channel>:<payload>" and splits at the first colon.
    return f"meeting-{meeting_id}"


def changed(session: Session, meeting: Meeting, what: str, now: datetime) -> None:
    """Mark the meeting as changed and wake the open meeting pages (delivered on commit)."""
    meeting.updated_at = now
    session.add(meeting)
    notify(session, channel(meeting.id), what)


def visible_clause(user: User):
    """SQL filter of the meetings ``user`` may see (mirrors the ``meeting.view`` policy)."""
    scoped = scope_clause(Meeting.region_code, user.region_code)
    if user.role in (Role.ADMIN.value, Role.PIMPINAN.value, Role.SEKRETARIAT.value):
        return scoped
    invited = exists().where(Participant.meeting_id == Meeting.id, Participant.user_id == user.id)
    return scoped & or_(Meeting.organiser_agency == user.agency, invited, Meeting.chair_user_id == user.id)


def local_span(region_code: str, day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Local day and times in the region's zone → UTC instants."""
    zone = zoneinfo_for(region_code)
    return (datetime.combine(day, start, zone).astimezone(UTC), datetime.combine(day, end, zone).astimezone(UTC))


def _clean_agenda(lines: list[str]) -> list[str]:
    items = [line.strip() for line in lines if line and line.strip()]
    if not items:
        raise MeetingError("agenda", _l("Enter at least one agenda item."))
    if len(items) > MAX_AGENDA_ITEMS:
        raise MeetingError("agenda", _l("At most %(n)d agenda items.", n=MAX_AGENDA_ITEMS))
    for number, item in enumerate(items, 1):
        if len(item) > MAX_AGENDA_TITLE:
            raise MeetingError(
                "agenda",
                _l("Agenda item %(n)d is too long: at most %(max)d characters.", n=number, max=MAX_AGENDA_TITLE),
            )
    return items


def _check(session: Session, data: MeetingInput, actor: User) -> tuple[datetime, datetime, list[User]]:
    if data.kind not in {k.value for k in MeetingKind}:
        raise MeetingError("kind", _l("Choose the kind of meeting."))
    if data.organiser_agency not in {a.value for a in Agency}:
        raise MeetingError("organiser_agency", _l("Choose the organising agency."))
    if actor.role != Role.ADMIN.value and data.organiser_agency != actor.agency:
        raise MeetingError("organiser_agency", _l("You can only organise meetings of your own agency."))
    if not in_scope(data.region_code, actor.region_code):
        raise MeetingError("region_code", _l("The meeting must be in your own region."))
    if data.end <= data.start:
        raise MeetingError("end", _l("The end time must be after the start time."))
    starts, ends = local_span(data.region_code, data.day, data.start, data.end)
    users = []
    for user_id in dict.fromkeys(data.participant_ids):
        user = session.get(User, user_id)
        if user is None or not user.active or not in_scope(user.region_code, data.region_code[:5]):
            raise MeetingError("participants", _l("Unknown participant: choose participants from the list."))
        users.append(user)
    return starts, ends, users


def create_meeting(session: Session, data: MeetingInput, *, actor: User, now: datetime) -> Meeting:
    agenda = _clean_agenda(data.agenda)
    starts, ends, users = _check(session, data, actor)
    meeting = Meeting(
        title=data.title.strip(),
        kind=data.kind,
        organiser_agency=data.organiser_agency,
        region_code=data.region_code,
        series=data.series.strip(),
        starts_at=starts,
        ends_at=ends,
        place=data.place.strip(),
        opening=data.opening.strip(),
        chair_name=data.chair_name.strip(),
        chair_position=data.chair_position.strip(),
        chair_rank=data.chair_rank.strip(),
        chair_user_id=data.chair_user_id,
        minute_name=data.minute_name.strip(),
        minute_position=data.minute_position.strip(),
        minute_rank=data.minute_rank.strip(),
        checkin_code=new_code(),
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    session.add(meeting)
    session.flush()
    for position, title in enumerate(agenda, 1):
        session.add(AgendaItem(meeting_id=meeting.id, position=position, title=title))
    for user in users:
        session.add(_participant_for(meeting, user))
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.create",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"title": meeting.title, "agenda": agenda, "participants": [u.id for u in users]},
    )
    return meeting


def update_meeting(session: Session, meeting: Meeting, data: MeetingInput, *, actor: User, now: datetime) -> Meeting:
    """Change the details; agenda lines are matched by position (existing items keep their minutes)."""
    agenda = _clean_agenda(data.agenda)
    starts, ends, users = _check(session, data, actor)
    before = {"title": meeting.title, "starts_at": meeting.starts_at.isoformat(), "place": meeting.place}
    for name in (
        "title",
        "kind",
        "organiser_agency",
        "series",
        "place",
        "opening",
        "chair_name",
        "chair_position",
        "chair_rank",
        "minute_name",
        "minute_position",
        "minute_rank",
    ):
        setattr(meeting, name, getattr(data, name).strip())
    meeting.chair_user_id = data.chair_user_id
    meeting.starts_at, meeting.ends_at = starts, ends
    items = agenda_items(session, meeting.id)
    for position, title in enumerate(agenda, 1):
        if position <= len(items):
            items[position - 1].title = title
            session.add(items[position - 1])
        else:
            session.add(AgendaItem(meeting_id=meeting.id, position=position, title=title))
    existing = {p.user_id for p in participants(session, meeting.id)}
    for user in users:
        if user.id not in existing:
            session.add(_participant_for(meeting, user))
    changed(session, meeting, "details", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.update",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        before=before,
        after={"title": meeting.title, "starts_at": meeting.starts_at.isoformat(), "place": meeting.place},
    )
    return meeting


def _participant_for(meeting: Meeting, user: User) -> Participant:
    return Participant(
        meeting_id=meeting.id,
        user_id=user.id,
        name=user.name,
        position=user.position,
        agency=user.agency.label,
        phone=user.phone or "",
        invited=True,
    )


def agenda_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position, AgendaItem.id)
        ).all()
    )


def participants(session: Session, meeting_id: int) -> list[Participant]:
    return list(
        session.exec(
            select(Participant)
            .where(Participant.meeting_id == meeting_id)
            .order_by(Participant.invited.desc(), Participant.id)
        ).all()
    )


def invitable_users(session: Session, region_code: str) -> list[User]:
    """Active users of the meeting's kabupaten/kota (or province) who may be invited."""
    scope = region_code[:5]
    return list(
        session.exec(
            select(User)
            .where(User.active, scope_clause(User.region_code, scope), User.role != Role.ADMIN.value)
            .order_by(User.agency, User.name)
        ).all()
    )
