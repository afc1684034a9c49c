"""Handling an entry: an incident's status and handling agency, an agency's acknowledgement, promotion.

Every change is audited and leaves a follow-up that records it (``change``), so the thread tells the story.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import snapshot
from app.auth.models import Agency, User
from app.registry import current_registry
from app.timeline.models import Entry, EntryAck
from app.timeline.services.common import AUDIT_FIELDS, EntryError, audit
from app.timeline.services.event_time import EventTime, not_before
from app.timeline.services.posting import add_followup
from app.timeline.vocab import TRANSITIONS, Status


def _target_status(entry: Entry, new_status: str, note: str) -> Status:
    """The status asked for, if the incident may move there. :raise EntryError:"""
    if not entry.is_incident or entry.status is None:
        raise EntryError("status", _l("Only incidents have a status."))
    try:
        target = Status(new_status)
    except ValueError:
        raise EntryError("status", _l("Choose a valid status.")) from None
    if target not in TRANSITIONS[Status(entry.status)]:
        raise EntryError("status", _l("This status change is not possible."))
    if target == Status.SELESAI and not note:
        raise EntryError("note", _l("Write the resolution note before closing the incident."))
    return target


def change_status(
    session: Session,
    entry: Entry,
    new_status: str,
    *,
    actor: User,
    now: datetime,
    note: str = "",
    occurred: EventTime | None = None,
) -> Entry:
    """Move an incident dilaporkan → ditangani → selesai; closing needs a resolution note.

    ``handled_at``/``resolved_at`` are the event's time (``occurred``, e.g. tapped offline), never before
    the report itself or the previous step."""
    note = (note or "").strip()
    target = _target_status(entry, new_status, note)
    before = snapshot(entry, AUDIT_FIELDS)
    occurred = not_before(occurred or EventTime(now), max(t for t in (entry.occurred_at, entry.handled_at) if t))
    entry.status = target
    if target in (Status.DITANGANI, Status.SELESAI) and entry.handled_at is None:
        entry.handled_at, entry.handled_by_id = occurred.at, actor.id
    if target == Status.SELESAI:
        entry.resolved_at, entry.resolved_by_id, entry.resolution_note = occurred.at, actor.id, note
    if not entry.handling_agency:
        entry.handling_agency = actor.agency
    session.add(entry)
    audit(session, entry, "timeline.status", actor=actor, now=now, before=before)
    add_followup(session, entry, author=actor, text=note, now=now, change=f"status:{target}", occurred=occurred)
    current_registry().emit(
        "timeline.incident_status", session=session, entry=entry, status=target, actor=actor, now=now
    )
    return entry


def assign(session: Session, entry: Entry, agency: str, *, actor: User, now: datetime) -> Entry:
    """Set or change the handling agency of an incident."""
    if not entry.is_incident:
        raise EntryError("handling_agency", _l("Only incidents have a handling agency."))
    if agency not in set(Agency):
        raise EntryError("handling_agency", _l("Choose the handling agency from the list."))
    if agency == entry.handling_agency:
        return entry
    before = snapshot(entry, AUDIT_FIELDS)
    entry.handling_agency = agency
    session.add(entry)
    audit(session, entry, "timeline.assign", actor=actor, now=now, before=before)
    add_followup(session, entry, author=actor, text="", now=now, change=f"assign:{agency}")
    current_registry().emit("timeline.incident_assigned", session=session, entry=entry, agency=agency, now=now)
    return entry


def acknowledge(session: Session, entry: Entry, *, actor: User, now: datetime) -> bool:
    """The actor's agency marks the entry "diterima". False when it already had."""
    exists = session.exec(
        select(EntryAck).where(EntryAck.entry_id == entry.id, EntryAck.agency == actor.agency)
    ).first()
    if exists is not None:
        return False
    session.add(EntryAck(entry_id=entry.id, agency=actor.agency, user_id=actor.id, created_at=now))
    session.flush()
    add_followup(session, entry, author=actor, text="", now=now, change="ack")
    return True


def promote(session: Session, entry: Entry, *, actor: User, now: datetime) -> bool:
    """Mark the entry important (penting) for everyone. False when it already was."""
    if entry.important:
        return False
    entry.important, entry.promoted_by_id, entry.promoted_at = True, actor.id, now
    session.add(entry)
    audit(session, entry, "timeline.promote", actor=actor, now=now, after={"important": True})
    add_followup(session, entry, author=actor, text="", now=now, change="penting")
    return True
