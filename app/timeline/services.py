"""Timeline services: post, follow up, change an incident's status, acknowledge, promote.

Services take ``(session, ..., actor/author=, now=)``, flush but never commit, audit every change, and
announce every new entry on the live channel inside the inserting transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record, snapshot
from app.auth.models import Agency, User
from app.live import notify
from app.regions.models import TPS, Region
from app.regions.services import in_scope
from app.registry import registry
from app.timeline.event_time import EventTime
from app.timeline.models import Entry, EntryAck, EntryPhoto
from app.timeline.vocab import CATEGORY_LABELS, POST_KINDS, SEVERITIES, TRANSITIONS, Kind, Status

CHANNEL = "timeline"
MAX_PHOTOS = 4
MAX_TEXT = 2000
AUDIT_FIELDS = ["kind", "text", "region_code", "tps_id", "visible_agencies", "important", "category", "severity",
                "handling_agency", "status", "resolution_note"]


class EntryError(ValueError):
    """A refused change; ``field`` names the form field, ``message`` says why (user-facing)."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass(frozen=True)
class PhotoFile:
    """A photo already checked and stored by ``app.timeline.photos.store``."""

    name: str
    thumb_name: str
    width: int
    height: int
    thumb_width: int
    thumb_height: int


def _visible_value(author: User, visible_to: Iterable[str] | None) -> str:
    chosen = {a for a in (visible_to or []) if a}
    if not chosen:
        return ""
    unknown = chosen - {a.value for a in Agency}
    if unknown:
        raise EntryError("visible_to", _l("Choose agencies from the list."))
    chosen.add(author.agency)
    return "," + ",".join(a.value for a in Agency if a.value in chosen) + ","


def _place(session: Session, author: User, village_code: str | None, tps_id: int | None) -> tuple[str, int | None]:
    if tps_id:
        tps = session.get(TPS, tps_id)
        if tps is None or not in_scope(tps.village_code, author.region_code):
            raise EntryError("tps_id", _l("Choose a TPS in your region."))
        if village_code and tps.village_code != village_code:
            raise EntryError("tps_id", _l("The TPS is not in the chosen village."))
        return tps.village_code, tps.id
    if village_code:
        region = session.get(Region, village_code)
        if region is None or region.level < 3 or not in_scope(region.code, author.region_code):
            raise EntryError("village_code", _l("Choose a place in your region."))
        return region.code, None
    return author.region_code, None


def _announce(session: Session, entry: Entry) -> None:
    notify(session, CHANNEL, str(entry.id))


def post_entry(session: Session, *, author: User, kind: str, text: str, now: datetime,
               village_code: str | None = None, tps_id: int | None = None,
               visible_to: Iterable[str] | None = None, category: str | None = None,
               severity: str | None = None, handling_agency: str | None = None,
               photos: Sequence[PhotoFile] = (), emit: bool = True, occurred: EventTime | None = None) -> Entry:
    """Post a timeline entry (an incident when ``kind`` is ``kerawanan``); ``occurred`` is the event's time
    when it differs from ``now`` (written offline). :raise EntryError:"""
    text = (text or "").strip()
    if kind not in {k.value for k in POST_KINDS}:
        raise EntryError("kind", _l("Choose the kind of post."))
    if not text:
        raise EntryError("text", _l("Write what happened."))
    if len(text) > MAX_TEXT:
        raise EntryError("text", _l("The text is too long (at most 2,000 characters)."))
    if len(photos) > MAX_PHOTOS:
        raise EntryError("photos", _l("At most 4 photos per post."))
    region_code, tps = _place(session, author, village_code, tps_id)
    occurred = occurred or EventTime(now)
    entry = Entry(created_at=now, occurred_at=occurred.at, occurred_at_clamped=occurred.clamped,
                  author_id=author.id, author_agency=author.agency, kind=kind, text=text,
                  region_code=region_code, tps_id=tps, visible_agencies=_visible_value(author, visible_to))
    if kind == Kind.KERAWANAN:
        if category not in CATEGORY_LABELS:
            raise EntryError("category", _l("Choose the incident category."))
        if severity not in SEVERITIES:
            raise EntryError("severity", _l("Choose the severity."))
        if handling_agency and handling_agency not in {a.value for a in Agency}:
            raise EntryError("handling_agency", _l("Choose the handling agency from the list."))
        entry.category, entry.severity = category, severity
        entry.handling_agency = handling_agency or None
        entry.status = Status.DILAPORKAN.value
    session.add(entry)
    session.flush()
    for position, photo in enumerate(photos):
        session.add(EntryPhoto(entry_id=entry.id, position=position, **photo.__dict__))
    record(session, actor=author, action="timeline.post", object_type="timeline_entry", object_id=entry.id,
           now=now, after=snapshot(entry, AUDIT_FIELDS), region_code=entry.region_code)
    _announce(session, entry)
    if kind == Kind.KERAWANAN and emit:
        registry.emit("timeline.incident_created", session=session, entry=entry, now=now)
        if entry.handling_agency:
            registry.emit("timeline.incident_assigned", session=session, entry=entry,
                          agency=entry.handling_agency, now=now)
    return entry


def add_followup(session: Session, parent: Entry, *, author: User, text: str, now: datetime,
                 change: str | None = None, occurred: EventTime | None = None) -> Entry:
    """A follow-up threaded under ``parent`` (itself a timeline entry, same place and visibility); its event
    time is never before the parent's."""
    text = (text or "").strip()
    if not text and change is None:
        raise EntryError("text", _l("Write the follow-up."))
    if len(text) > MAX_TEXT:
        raise EntryError("text", _l("The text is too long (at most 2,000 characters)."))
    if parent.parent_id is not None:
        raise EntryError("text", _l("Follow-ups are added to the original post."))
    occurred = _not_before(occurred or EventTime(now), parent.occurred_at)
    child = Entry(parent_id=parent.id, created_at=now, occurred_at=occurred.at,
                  occurred_at_clamped=occurred.clamped, author_id=author.id, author_agency=author.agency,
                  kind=Kind.TINDAK_LANJUT.value, text=text, region_code=parent.region_code, tps_id=parent.tps_id,
                  visible_agencies=parent.visible_agencies, change=change)
    session.add(child)
    session.flush()
    parent.followup_count += 1
    parent.last_change_id = child.id
    session.add(parent)
    record(session, actor=author, action="timeline.followup", object_type="timeline_entry", object_id=child.id,
           now=now, after={"parent_id": parent.id, "text": text, "change": change}, region_code=parent.region_code)
    _announce(session, child)
    return child


def _not_before(occurred: EventTime, earliest: datetime | None) -> EventTime:
    """A follow-up cannot happen before what it follows (phones disagree by seconds)."""
    if earliest is not None and occurred.at < earliest:
        return EventTime(earliest, occurred.clamped)
    return occurred


def change_status(session: Session, entry: Entry, new_status: str, *, actor: User, now: datetime,
                  note: str = "", occurred: EventTime | None = None) -> Entry:
    """Move an incident dilaporkan → ditangani → selesai; closing needs a resolution note.

    ``handled_at``/``resolved_at`` are the event's time (``occurred``, e.g. tapped offline), never before
    the report itself or the previous step."""
    if entry.kind != Kind.KERAWANAN or entry.status is None:
        raise EntryError("status", _l("Only incidents have a status."))
    try:
        target = Status(new_status)
    except ValueError:
        raise EntryError("status", _l("Choose a valid status.")) from None
    if target not in TRANSITIONS[Status(entry.status)]:
        raise EntryError("status", _l("This status change is not possible."))
    note = (note or "").strip()
    if target == Status.SELESAI and not note:
        raise EntryError("note", _l("Write the resolution note before closing the incident."))
    before = snapshot(entry, AUDIT_FIELDS)
    occurred = _not_before(occurred or EventTime(now), max(t for t in (entry.occurred_at, entry.handled_at) if t))
    entry.status = target.value
    if target in (Status.DITANGANI, Status.SELESAI) and entry.handled_at is None:
        entry.handled_at, entry.handled_by_id = occurred.at, actor.id
    if target == Status.SELESAI:
        entry.resolved_at, entry.resolved_by_id, entry.resolution_note = occurred.at, actor.id, note
    if not entry.handling_agency:
        entry.handling_agency = actor.agency
    session.add(entry)
    record(session, actor=actor, action="timeline.status", object_type="timeline_entry", object_id=entry.id,
           now=now, before=before, after=snapshot(entry, AUDIT_FIELDS), region_code=entry.region_code)
    add_followup(session, entry, author=actor, text=note, now=now, change=f"status:{target.value}",
                 occurred=occurred)
    registry.emit("timeline.incident_status", session=session, entry=entry, status=target.value, actor=actor, now=now)
    return entry


def assign(session: Session, entry: Entry, agency: str, *, actor: User, now: datetime) -> Entry:
    """Set or change the handling agency of an incident."""
    if entry.kind != Kind.KERAWANAN:
        raise EntryError("handling_agency", _l("Only incidents have a handling agency."))
    if agency not in {a.value for a in Agency}:
        raise EntryError("handling_agency", _l("Choose the handling agency from the list."))
    if agency == entry.handling_agency:
        return entry
    before = snapshot(entry, AUDIT_FIELDS)
    entry.handling_agency = agency
    session.add(entry)
    record(session, actor=actor, action="timeline.assign", object_type="timeline_entry", object_id=entry.id,
           now=now, before=before, after=snapshot(entry, AUDIT_FIELDS), region_code=entry.region_code)
    add_followup(session, entry, author=actor, text="", now=now, change=f"assign:{agency}")
    registry.emit("timeline.incident_assigned", session=session, entry=entry, agency=agency, now=now)
    return entry


def acknowledge(session: Session, entry: Entry, *, actor: User, now: datetime) -> bool:
    """The actor's agency marks the entry "diterima". False when it already had."""
    exists = session.exec(select(EntryAck).where(EntryAck.entry_id == entry.id,
                                                 EntryAck.agency == actor.agency)).first()
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
    record(session, actor=actor, action="timeline.promote", object_type="timeline_entry", object_id=entry.id,
           now=now, after={"important": True}, region_code=entry.region_code)
    add_followup(session, entry, author=actor, text="", now=now, change="penting")
    return True
