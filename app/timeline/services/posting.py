"""Posting to the timeline: a post (an incident when its kind is ``kerawanan``) and the follow-ups under it.

Services take ``(session, ..., author=, now=)``, flush but never commit, audit every change, and announce every
new entry on the live channel inside the inserting transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from app.auth.models import Agency, User
from app.regions.models import TPS, Region
from app.regions.services import in_scope
from app.registry import current_registry
from app.timeline.models import Entry, EntryPhoto
from app.timeline.services.common import EntryError, announce, audit, checked_text
from app.timeline.services.event_time import EventTime, not_before
from app.timeline.services.photos import PhotoFile, Upload, discard, store_uploads
from app.timeline.settings import TimelineSettings
from app.timeline.vocab import CATEGORY_LABELS, POST_KINDS, Kind, Severity, Status


def _visible_value(author: User, visible_to: Iterable[str] | None) -> str:
    chosen = {a for a in (visible_to or []) if a}
    if not chosen:
        return ""
    if chosen - set(Agency):
        raise EntryError("visible_to", _l("Choose agencies from the list."))
    chosen.add(author.agency)
    return "," + ",".join(a for a in Agency if a in chosen) + ","


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


def _incident_fields(category: str | None, severity: str | None, handling_agency: str | None) -> dict:
    """The incident's own fields, checked. :raise EntryError:"""
    if category not in CATEGORY_LABELS:
        raise EntryError("category", _l("Choose the incident category."))
    if severity not in set(Severity):
        raise EntryError("severity", _l("Choose the severity."))
    if handling_agency and handling_agency not in set(Agency):
        raise EntryError("handling_agency", _l("Choose the handling agency from the list."))
    return {
        "category": category,
        "severity": severity,
        "handling_agency": handling_agency or None,
        "status": Status.DILAPORKAN,
    }


def _new_entry(author: User, now: datetime, occurred: EventTime, **fields) -> Entry:
    """An entry by ``author``, received ``now``, that happened at ``occurred`` (the phone's time, checked)."""
    return Entry(
        created_at=now,
        occurred_at=occurred.at,
        occurred_at_clamped=occurred.clamped,
        author_id=author.id,
        author_agency=author.agency,
        **fields,
    )


def _emit_incident(session: Session, entry: Entry, now: datetime) -> None:
    registry = current_registry()
    registry.emit("timeline.incident_created", session=session, entry=entry, now=now)
    if entry.handling_agency:
        registry.emit("timeline.incident_assigned", session=session, entry=entry, agency=entry.handling_agency, now=now)


def post_entry(
    session: Session,
    *,
    author: User,
    kind: str,
    text: str,
    now: datetime,
    village_code: str | None = None,
    tps_id: int | None = None,
    visible_to: Iterable[str] | None = None,
    category: str | None = None,
    severity: str | None = None,
    handling_agency: str | None = None,
    photos: Sequence[PhotoFile] = (),
    emit: bool = True,
    occurred: EventTime | None = None,
    max_photos: int = TimelineSettings.max_photos,
) -> Entry:
    """Post a timeline entry (an incident when ``kind`` is ``kerawanan``); ``occurred`` is the event's time
    when it differs from ``now`` (written offline). :raise EntryError:"""
    if kind not in set(POST_KINDS):
        raise EntryError("kind", _l("Choose the kind of post."))
    text = checked_text(text, required=True, missing=_l("Write what happened."))
    if len(photos) > max_photos:
        raise EntryError("photos", _l("At most %(num)s photos per post.", num=max_photos))
    region_code, tps = _place(session, author, village_code, tps_id)
    incident = _incident_fields(category, severity, handling_agency) if kind == Kind.KERAWANAN else {}
    entry = _new_entry(
        author,
        now,
        occurred or EventTime(now),
        kind=kind,
        text=text,
        region_code=region_code,
        tps_id=tps,
        visible_agencies=_visible_value(author, visible_to),
        **incident,
    )
    session.add(entry)
    session.flush()
    for position, photo in enumerate(photos):
        session.add(EntryPhoto(entry_id=entry.id, position=position, **photo.__dict__))
    audit(session, entry, "timeline.post", actor=author, now=now)
    announce(session, entry)
    if entry.is_incident and emit:
        _emit_incident(session, entry, now)
    return entry


def post_with_photos(
    session: Session,
    *,
    author: User,
    now: datetime,
    uploads: Sequence[Upload],
    upload_dir: str,
    max_photos: int = TimelineSettings.max_photos,
    **fields,
) -> Entry:
    """Store the uploaded photos (re-encoded, thumbnails), then post with them (``post_entry``'s ``fields``);
    when either is refused no file stays behind. :raise EntryError:"""
    stored = store_uploads(upload_dir, uploads, limit=max_photos)
    try:
        return post_entry(session, author=author, now=now, photos=stored, max_photos=max_photos, **fields)
    except EntryError:
        discard(upload_dir, stored)
        raise


def add_followup(
    session: Session,
    parent: Entry,
    *,
    author: User,
    text: str,
    now: datetime,
    change: str | None = None,
    occurred: EventTime | None = None,
) -> Entry:
    """A follow-up threaded under ``parent`` (itself a timeline entry, same place and visibility); its event
    time is never before the parent's."""
    text = checked_text(text, required=change is None, missing=_l("Write the follow-up."))
    if parent.parent_id is not None:
        raise EntryError("text", _l("Follow-ups are added to the original post."))
    child = _new_entry(
        author,
        now,
        not_before(occurred or EventTime(now), parent.occurred_at),
        parent_id=parent.id,
        kind=Kind.TINDAK_LANJUT,
        text=text,
        region_code=parent.region_code,
        tps_id=parent.tps_id,
        visible_agencies=parent.visible_agencies,
        change=change,
    )
    session.add(child)
    session.flush()
    parent.followup_count += 1
    parent.last_change_id = child.id
    session.add(parent)
    audit(
        session,
        child,
        "timeline.followup",
        actor=author,
        now=now,
        after={"parent_id": parent.id, "text": text, "change": change},
    )
    announce(session, child)
    return child
