"""The hand-over note at shift change: the agency's open incidents and unread instructions are listed by
themselves; the outgoing officer adds what the next shift must know. Notes are kept (history)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import case
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.duty.models import DutyHandover, DutyShift
from app.duty.policies import related
from app.duty.services import DutyError, chain
from app.duty.settings import settings
from app.regions.services import scope_clause
from app.registry import current_registry

MAX_NOTE = 2000
GRACE = timedelta(hours=2)  # a note written soon after one's shift ended still hands that shift over


@dataclass
class Draft:
    """What a new note will list, as the outgoing officer sees it now."""

    agency: str
    region_code: str
    from_shift: DutyShift | None
    to_shift: DutyShift | None
    incidents: list = field(default_factory=list)  # timeline entries (open, handled by the agency)
    instructions: list[dict] = field(default_factory=list)  # provider "instructions_unread"


def open_incidents(session: Session, viewer: User, agency: str, region_code: str, now: datetime) -> list:
    """Open incidents handed to ``agency`` in the region that ``viewer`` may see; duplicates count once (the
    original), most severe and oldest first."""
    from app.timeline.duplicates import counted
    from app.timeline.models import Entry
    from app.timeline.queries import visible_clause

    severity = case((Entry.severity == "tinggi", 0), (Entry.severity == "sedang", 1), else_=2)
    query = select(Entry).where(
        Entry.kind == "kerawanan",
        Entry.parent_id.is_(None),
        Entry.handling_agency == agency,
        Entry.status.in_(["dilaporkan", "ditangani"]),
        scope_clause(Entry.region_code, region_code),
        Entry.created_at <= now,
        visible_clause(viewer),
        counted(),
    )
    return list(session.exec(query.order_by(severity, Entry.occurred_at, Entry.id).limit(100)).all())


def unread_instructions(session: Session, viewer: User, agency: str, region_code: str, now: datetime) -> list[dict]:
    provider = current_registry().provider("instructions_unread")
    if provider is None:
        return []
    return provider(session, viewer, agency, region_code, now, settings().handover_instruction_hours)


def _shifts(session: Session, actor: User, region_code: str, now: datetime):
    """The shift being handed over (the actor's own, running or just ended; else the one running now) and the
    shift that follows it."""
    base = select(DutyShift).where(DutyShift.agency == actor.agency, DutyShift.region_code == region_code)
    current = (
        session.exec(
            base.where(
                DutyShift.user_id == actor.id, DutyShift.starts_at <= now, DutyShift.ends_at > now - GRACE
            ).order_by(DutyShift.ends_at.desc())
        ).first()
        or session.exec(
            base.where(DutyShift.starts_at <= now, DutyShift.ends_at > now).order_by(DutyShift.starts_at, DutyShift.id)
        ).first()
    )
    after = current.starts_at if current else now - GRACE
    following = session.exec(
        base.where(
            DutyShift.starts_at > after, DutyShift.ends_at > now, DutyShift.id != (current.id if current else 0)
        ).order_by(DutyShift.starts_at, DutyShift.id)
    ).first()
    return current, following


def roster_region(session: Session, actor: User, now: datetime) -> str:
    """The roster the actor's note belongs to: the one they are (or were just) on duty for, else their region's."""
    mine = session.exec(
        select(DutyShift.region_code)
        .where(DutyShift.user_id == actor.id, DutyShift.starts_at <= now, DutyShift.ends_at > now - GRACE)
        .order_by(DutyShift.ends_at.desc())
    ).first()
    return mine or actor.region_code


def draft(session: Session, actor: User, now: datetime) -> Draft:
    region_code = roster_region(session, actor, now)
    current, following = _shifts(session, actor, region_code, now)
    return Draft(
        agency=actor.agency,
        region_code=region_code,
        from_shift=current,
        to_shift=following,
        incidents=open_incidents(session, actor, actor.agency, region_code, now),
        instructions=unread_instructions(session, actor, actor.agency, region_code, now),
    )


def write(session: Session, *, actor: User, note: str, now: datetime) -> DutyHandover:
    """Save the hand-over note with what it lists now. :raise DutyError:"""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DutyError("note", _l("The note is too long (at most 2,000 characters)."))
    current = draft(session, actor, now)
    if not note and not current.incidents and not current.instructions:
        raise DutyError("note", _l("Write what the next shift must know."))
    handover = DutyHandover(
        agency=actor.agency,
        region_code=current.region_code,
        author_id=actor.id,
        from_shift_id=current.from_shift.id if current.from_shift else None,
        to_shift_id=current.to_shift.id if current.to_shift else None,
        created_at=now,
        note=note,
        incident_ids=[e.id for e in current.incidents],
        instruction_ids=[i["id"] for i in current.instructions],
    )
    session.add(handover)
    session.flush()
    record(
        session,
        actor=actor,
        action="duty.handover",
        object_type="duty_handover",
        object_id=handover.id,
        now=now,
        after={
            "agency": handover.agency,
            "note": note,
            "incidents": len(handover.incident_ids),
            "instructions": len(handover.instruction_ids),
        },
        region_code=handover.region_code,
    )
    return handover


def history(session: Session, user: User, *, before_id: int | None = None) -> list[DutyHandover]:
    """The agency's notes in the user's scope (and the desks above it), newest first."""
    query = select(DutyHandover).where(
        DutyHandover.agency == user.agency,
        DutyHandover.region_code.in_(chain(user.region_code))
        | scope_clause(DutyHandover.region_code, user.region_code),
    )
    if before_id:
        query = query.where(DutyHandover.id < min(before_id, 2**31 - 1))
    return list(session.exec(query.order_by(DutyHandover.id.desc()).limit(settings().history_limit)).all())


def listed_incidents(session: Session, viewer: User, handover: DutyHandover) -> list:
    """The incidents a note listed, those the reader may still see, in the note's order."""
    from app.timeline.models import Entry
    from app.timeline.queries import is_visible

    ids = [int(i) for i in handover.incident_ids if isinstance(i, int)]
    if not ids:
        return []
    found = {e.id: e for e in session.exec(select(Entry).where(Entry.id.in_(ids))).all()}
    return [found[i] for i in ids if i in found and is_visible(viewer, found[i])]


def listed_instructions(session: Session, viewer: User, handover: DutyHandover) -> list[dict]:
    provider = current_registry().provider("instructions_by_id")
    if provider is None or not handover.instruction_ids:
        return []
    return provider(session, viewer, [int(i) for i in handover.instruction_ids if isinstance(i, int)])


def may_write(user: User, region_code: str) -> bool:
    return related(user, region_code)
