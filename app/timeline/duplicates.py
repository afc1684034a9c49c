"""Duplicate incidents: the same event reported twice (two officers at one TPS, a liaison and a KPPS member).

- **Suggested**: when an incident is posted, earlier or later incidents of the same category at the same TPS (or,
  when one of them names no TPS, the same village) within a few hours are likely duplicates. The poster and the
  operators who may see both hear of it (a notification), and the incident page lists them.
- **Linked** by an operator or head (audited, reversible): the later report becomes a duplicate of the earlier one
  (the original, never itself a duplicate: links never form chains).
- **Counted once**: ``counted()`` is the one rule every count of incidents applies (the summary, its CSV, the
  dashboard panels, the hand-over, escalations): a duplicate is not counted, its original is.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask, current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, exists, func
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Role, User
from app.authz import Policies, can, is_role
from app.errors import DomainError
from app.timeline.models import Entry, IncidentDuplicate
from app.timeline.queries import is_visible, visible_clause
from app.timeline.vocab import Kind

DEFAULT_HOURS = 3  # TIMELINE_DUPLICATE_HOURS: how far apart two reports of one event may be
MAX_CANDIDATES = 5

policies = Policies()


class DuplicateError(DomainError):
    """A refused link (``field`` is ``original``)."""


def counted() -> ColumnElement[bool]:
    """SQL: the incident counts (it is not a duplicate of another). Every count of incidents uses this."""
    return ~exists().where(IncidentDuplicate.entry_id == Entry.id)


def _hours() -> int:
    return int(current_app.config.get("TIMELINE_DUPLICATE_HOURS", DEFAULT_HOURS)) if has_app_context() else 3


def _incident(entry: Entry | None) -> bool:
    return entry is not None and entry.kind == Kind.KERAWANAN.value and entry.parent_id is None


@policies.rule("timeline.duplicate")
def may_link(user: User, entry: Entry | None) -> bool:
    """Operators and heads who may see the incident link and unlink duplicates."""
    if not is_role(user, Role.OPERATOR, Role.PIMPINAN):
        return False
    return entry is None or (_incident(entry) and is_visible(user, entry))


def original_of(session: Session, entry: Entry) -> Entry | None:
    link = session.exec(select(IncidentDuplicate).where(IncidentDuplicate.entry_id == entry.id)).first()
    return session.get(Entry, link.duplicate_of_id) if link else None


def duplicates_of(session: Session, entry: Entry) -> list[Entry]:
    return list(
        session.exec(
            select(Entry)
            .join(IncidentDuplicate, IncidentDuplicate.entry_id == Entry.id)
            .where(IncidentDuplicate.duplicate_of_id == entry.id)
            .order_by(Entry.occurred_at, Entry.id)
        ).all()
    )


def candidates(session: Session, viewer: User, entry: Entry) -> list[Entry]:
    """Likely duplicates of ``entry`` that ``viewer`` may see: same category, same TPS (or the same village when
    either names no TPS), reported within a few hours of it, not themselves linked as duplicates."""
    if not _incident(entry) or not entry.category:
        return []
    window = timedelta(hours=_hours())
    same_place = Entry.region_code == entry.region_code
    if entry.tps_id:
        same_place = same_place & (Entry.tps_id.is_(None) | (Entry.tps_id == entry.tps_id))
    rows = session.exec(
        select(Entry)
        .where(
            Entry.kind == Kind.KERAWANAN.value,
            Entry.parent_id.is_(None),
            Entry.id != entry.id,
            Entry.category == entry.category,
            same_place,
            Entry.occurred_at >= entry.occurred_at - window,
            Entry.occurred_at <= entry.occurred_at + window,
            visible_clause(viewer),
            counted(),
        )
        .order_by(Entry.occurred_at, Entry.id)
        .limit(MAX_CANDIDATES)
    ).all()
    return list(rows)


def link(session: Session, entry: Entry, original: Entry, *, actor: User, now: datetime) -> Entry:
    """Mark ``entry`` a duplicate of ``original`` (or of the original it duplicates); duplicates of ``entry`` move
    to it too. Returns the original linked to. :raise DuplicateError:"""
    if not _incident(original) or not can(actor, "timeline.duplicate", original):
        raise DuplicateError("original", _l("Choose an incident you can see."))
    original = original_of(session, original) or original
    if original.id == entry.id:
        raise DuplicateError("original", _l("An incident cannot be a duplicate of itself."))
    existing = original_of(session, entry)
    if existing is not None:
        raise DuplicateError(
            "original", _l("This incident is already marked as a duplicate of #%(id)s.", id=existing.id)
        )
    moved = 0
    for row in session.exec(select(IncidentDuplicate).where(IncidentDuplicate.duplicate_of_id == entry.id)).all():
        row.duplicate_of_id = original.id
        session.add(row)
        moved += 1
    session.add(IncidentDuplicate(entry_id=entry.id, duplicate_of_id=original.id, linked_by_id=actor.id, linked_at=now))
    session.flush()
    _audit(session, "timeline.duplicate_link", entry, actor, now, after={"duplicate_of": original.id, "moved": moved})
    return original


def unlink(session: Session, entry: Entry, *, actor: User, now: datetime) -> None:
    """Undo the link: ``entry`` counts again on its own. :raise DuplicateError:"""
    row = session.exec(select(IncidentDuplicate).where(IncidentDuplicate.entry_id == entry.id)).first()
    if row is None:
        raise DuplicateError("original", _l("This incident is not marked as a duplicate."))
    _audit(session, "timeline.duplicate_unlink", entry, actor, now, before={"duplicate_of": row.duplicate_of_id})
    session.delete(row)
    session.flush()


def _audit(session, action, entry, actor, now, *, before=None, after=None) -> None:
    record(
        session,
        actor=actor,
        action=action,
        object_type="timeline_entry",
        object_id=entry.id,
        now=now,
        before={"kind": entry.kind, **before} if before else None,
        after={"kind": entry.kind, **(after or {})},
        region_code=entry.region_code,
    )


def duplicate_counts(session: Session, ids: list[int]) -> dict[int, int]:
    """How many duplicates each of these originals has (for lists that show "+2 laporan serupa")."""
    if not ids:
        return {}
    rows = session.exec(
        select(IncidentDuplicate.duplicate_of_id, func.count(IncidentDuplicate.id))
        .where(IncidentDuplicate.duplicate_of_id.in_(ids))
        .group_by(IncidentDuplicate.duplicate_of_id)
    ).all()
    return dict(rows)


def section(session: Session, user: User, entry: Entry, now: datetime) -> dict | None:
    """The incident page's block: the original (for a duplicate), its duplicates, likely duplicates."""
    if not _incident(entry):
        return None
    original = original_of(session, entry)
    context = {
        "entry": entry,
        "original": original if original is not None and is_visible(user, original) else None,
        "duplicates": [d for d in duplicates_of(session, entry) if is_visible(user, d)],
        "candidates": [] if original is not None else candidates(session, user, entry),
        "may_link": can(user, "timeline.duplicate", entry),
    }
    if not (context["original"] or context["duplicates"] or context["candidates"]):
        return None
    return context


def _chain(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _operators(session: Session, entry: Entry) -> list[User]:
    """Operators who may link: the handling agency's and the desk's (Pemda), in the incident's region chain."""
    agencies = {entry.handling_agency or "PEMDA", "PEMDA"}
    rows = session.exec(
        select(User).where(
            User.active.is_(True),
            User.role == Role.OPERATOR.value,
            User.agency.in_(sorted(agencies)),
            User.region_code.in_(_chain(entry.region_code)),
        )
    ).all()
    return list(rows)


def on_incident_created(session: Session, entry: Entry, now: datetime, **_extra) -> None:
    """Listener of ``timeline.incident_created``: tell the poster and the operators of likely duplicates."""
    if not isinstance(entry, Entry) or not _incident(entry):
        return  # the event's contract allows any entry-like object (app/notifications/listeners.py)
    from app.i18n import format_time
    from app.notifications.listeners import stored_text
    from app.notifications.services import notify

    people = {u.id: u for u in _operators(session, entry)}
    author = session.get(User, entry.author_id)
    if author is not None:
        people[author.id] = author
    for user in people.values():
        found = candidates(session, user, entry)
        if not found or not is_visible(user, entry):
            continue
        first = found[0]
        notify(
            session,
            user_ids=[user.id],
            kind="info",
            key=f"incident:{entry.id}:duplicates",
            title=stored_text(_l("Possibly reported already")),
            body=stored_text(
                _l(
                    "Incident #%(id)s looks like #%(other)s (reported %(time)s, same place and category).",
                    id=entry.id,
                    other=first.id,
                    time=format_time(first.occurred_at, first.region_code),
                )
            ),
            url=f"/kerawanan/{entry.id}",
            now=now,
            object_type="timeline_entry",
            object_id=entry.id,
            obj=entry,
        )


def register(app: Flask) -> None:
    """Called from the timeline's setup: the rule, the incident page's block, the notice on posting, routes."""
    from app.registry import IncidentSection, add_incident_section, registry_of
    from app.timeline.duplicate_routes import bp

    reg = registry_of(app)
    reg.add_policies(policies)
    reg.add_listener("timeline.incident_created", on_incident_created)
    add_incident_section(app, IncidentSection("timeline.duplicates", "timeline/_duplicates.html", 50, section))
    app.register_blueprint(bp)
