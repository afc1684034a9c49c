"""Live minutes per agenda item, follow-up actions and their carry-over to the next meeting.

Every contribution is its own row, saved on its own: two people writing under different (or the same) agenda
items at once both keep what they wrote.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Agency, User
from app.meetings.models import Action, ActionStatus, AgendaItem, Meeting, MinuteEntry, MinuteKind
from app.meetings.services import MeetingError, changed
from app.regions.services import scope_clause

MAX_TEXT = 4000
MAX_ACTION = 500


def _item_of(session: Session, meeting: Meeting, item_id: int | None) -> AgendaItem:
    item = session.get(AgendaItem, item_id) if item_id else None
    if item is None or item.meeting_id != meeting.id:
        raise MeetingError("item", _l("Unknown agenda item."))
    return item


def _checked(kind: str, text: str) -> str:
    """The minute's text, stripped; :raise MeetingError: on an unknown kind, or an empty or too long text."""
    text = (text or "").strip()
    if kind not in {k.value for k in MinuteKind}:
        raise MeetingError("kind", _l("Choose discussion or decision."))
    if not text:
        raise MeetingError("text", _l("Write what was said or decided."))
    if len(text) > MAX_TEXT:
        raise MeetingError("text", _l("At most %(max)d characters.", max=MAX_TEXT))
    return text


def add_minute(
    session: Session,
    meeting: Meeting,
    item_id: int,
    *,
    kind: str,
    speaker: str,
    speaker_role: str,
    text: str,
    actor: User,
    now: datetime,
) -> MinuteEntry:
    item = _item_of(session, meeting, item_id)
    text = _checked(kind, text)
    entry = MinuteEntry(
        meeting_id=meeting.id,
        item_id=item.id,
        kind=kind,
        speaker=(speaker or "").strip()[:120],
        speaker_role=(speaker_role or "").strip()[:160],
        text=text,
        created_by_id=actor.id,
        created_at=now,
    )
    session.add(entry)
    session.flush()
    changed(session, meeting, f"item-{item.id}", now)
    record(
        session,
        actor=actor,
        action="meeting.minute",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"entry": entry.id, "item": item.id, "kind": kind},
    )
    return entry


def edit_minute(
    session: Session,
    entry: MinuteEntry,
    *,
    kind: str,
    speaker: str,
    speaker_role: str,
    text: str,
    actor: User,
    now: datetime,
) -> MinuteEntry:
    """Correct one's own contribution while the notula is a draft (policy ``meeting.minute_edit``); audited
    (who changed which entry and the text's length, never the text)."""
    text = _checked(kind, text)
    before = _minute_fields(entry)
    entry.kind, entry.text = kind, text
    entry.speaker, entry.speaker_role = (speaker or "").strip()[:120], (speaker_role or "").strip()[:160]
    session.add(entry)
    meeting = session.get(Meeting, entry.meeting_id)
    changed(session, meeting, f"item-{entry.item_id}", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.minute_edit",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        before=before,
        after=_minute_fields(entry),
    )
    return entry


def delete_minute(session: Session, entry: MinuteEntry, *, actor: User, now: datetime) -> None:
    """Remove one's own contribution (a duplicate, a mistake) while the notula is a draft; the audit log keeps
    what it said."""
    meeting = session.get(Meeting, entry.meeting_id)
    before = _minute_fields(entry)
    session.delete(entry)
    changed(session, meeting, f"item-{entry.item_id}", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.minute_delete",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        before=before,
    )


def _minute_fields(entry: MinuteEntry) -> dict:
    return {
        "entry": entry.id,
        "item": entry.item_id,
        "kind": entry.kind,
        "speaker": entry.speaker,
        "speaker_role": entry.speaker_role,
        "text": entry.text,
    }


def unlisted_speakers(session: Session, meeting_id: int, rows: list[MinuteEntry]) -> set[int]:
    """Ids of entries whose speaker is not on the attendance list (a name typed from memory, or someone who
    never checked in): the notula would record a speaker the daftar hadir does not have."""
    from app.meetings.attendance import attendees

    names = [p.name.casefold() for p in attendees(session, meeting_id)]

    def listed(speaker: str) -> bool:
        key = speaker.casefold().split(",")[0].strip()  # "AKBP Dedy Kurniawan" matches "AKBP Dedy Kurniawan, S.I.K."
        return any(key and (key in name or name.split(",")[0].strip() in key) for name in names)

    return {e.id for e in rows if e.speaker and not listed(e.speaker)}


def add_action(
    session: Session,
    meeting: Meeting,
    item_id: int | None,
    *,
    what: str,
    owner_agency: str,
    person: str,
    due_date: date | None,
    actor: User,
    now: datetime,
) -> Action:
    item = _item_of(session, meeting, item_id) if item_id else None
    what = (what or "").strip()
    if not what:
        raise MeetingError("what", _l("Describe the follow-up action."))
    if len(what) > MAX_ACTION:
        raise MeetingError("what", _l("At most %(max)d characters.", max=MAX_ACTION))
    if owner_agency not in {a.value for a in Agency}:
        raise MeetingError("owner_agency", _l("Choose the agency responsible."))
    action = Action(
        meeting_id=meeting.id,
        item_id=item.id if item else None,
        what=what,
        owner_agency=owner_agency,
        person=(person or "").strip()[:120],
        due_date=due_date,
        created_by_id=actor.id,
        created_at=now,
    )
    session.add(action)
    session.flush()
    changed(session, meeting, "actions", now)
    record(
        session,
        actor=actor,
        action="meeting.action_add",
        object_type="meeting",
        object_id=meeting.id,
        now=now,
        region_code=meeting.region_code,
        after={"action": action.id, "owner": owner_agency},
    )
    return action


def set_action_status(session: Session, action: Action, done: bool, *, actor: User, now: datetime) -> Action:
    """Close (or reopen) an action, recording who and when."""
    before = action.status
    action.status = ActionStatus.DONE.value if done else ActionStatus.OPEN.value
    action.closed_at = now if done else None
    action.closed_by_id = actor.id if done else None
    session.add(action)
    meeting = session.get(Meeting, action.meeting_id)
    changed(session, meeting, "actions", now)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.action_done" if done else "meeting.action_reopen",
        object_type="meeting_action",
        object_id=action.id,
        now=now,
        region_code=meeting.region_code,
        before={"status": before},
        after={"status": action.status},
    )
    return action


def entries(session: Session, meeting_id: int, item_id: int | None = None) -> list[MinuteEntry]:
    query = select(MinuteEntry).where(MinuteEntry.meeting_id == meeting_id)
    if item_id is not None:
        query = query.where(MinuteEntry.item_id == item_id)
    return list(session.exec(query.order_by(MinuteEntry.created_at, MinuteEntry.id)).all())


def actions(session: Session, meeting_id: int) -> list[Action]:
    return list(session.exec(select(Action).where(Action.meeting_id == meeting_id).order_by(Action.id)).all())


def carried_over(session: Session, meeting: Meeting) -> list[tuple[Action, Meeting]]:
    """Open actions of earlier meetings of the same series (or, without a series, the same region)."""
    query = (
        select(Action, Meeting)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(
            Action.status == ActionStatus.OPEN.value,
            Meeting.id != meeting.id,
            Meeting.starts_at < meeting.starts_at,
            Meeting.region_code == meeting.region_code,
        )
    )
    if meeting.series:
        query = query.where(Meeting.series == meeting.series)
    return [(a, m) for a, m in session.exec(query.order_by(Action.due_date, Action.id)).all()]


def open_actions_for_agency(session: Session, user: User, limit: int = 8) -> list[tuple[Action, Meeting]]:
    """Open actions owned by the user's agency in their scope, the most urgent first (dashboard panel)."""
    query = (
        select(Action, Meeting)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(
            Action.status == ActionStatus.OPEN.value,
            Action.owner_agency == user.agency,
            scope_clause(Meeting.region_code, user.region_code),
        )
    )
    rows = session.exec(query.order_by(or_(Action.due_date.is_(None)), Action.due_date, Action.id).limit(limit)).all()
    return [(a, m) for a, m in rows]


def is_overdue(action: Action, today: date) -> bool:
    return action.status == ActionStatus.OPEN.value and action.due_date is not None and action.due_date < today
