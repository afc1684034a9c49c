"""Record changes in the audit log. Services call this inside their own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlmodel import Session

from app.audit.models import AuditLog


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


# Free text may hold what only some may read (a restricted incident, a reporter's name in a message): the audit
# row keeps its length, never the words. The object's own page shows the text by the object's rule.
FREE_TEXT = {"text", "message", "note", "resolution_note", "description", "recommendation", "outcome"}
IDENTITY_PREFIX = "reporter_"  # a complaint reporter's identity never enters the audit log


def minimise(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """``before``/``after`` without free text and reporter identity (lengths instead)."""
    if data is None:
        return None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if str(key).startswith(IDENTITY_PREFIX):  # keys may be numbers (indicator ids)
            continue
        if key in FREE_TEXT and isinstance(value, str):
            out[f"{key}_chars"] = len(value)
        else:
            out[key] = value
    return out


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """The named fields of an object, ready for ``before``/``after``."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def record(
    session: Session,
    *,
    actor: Any | None,
    action: str,
    object_type: str,
    object_id: Any,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    region_code: str | None = None,
) -> AuditLog:
    """Add one audit entry (flushed, committed with the change it describes)."""
    entry = AuditLog(
        at=now,
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        region_code=region_code,
        before=minimise(_jsonable(before)) if before is not None else None,
        after=minimise(_jsonable(after)) if after is not None else None,
    )
    session.add(entry)
    session.flush()
    return entry


def entries_for(
    session: Session, user, *, object_type: str | None = None, before_id: int | None = None, limit: int = 50
) -> list[AuditLog]:
    """Audit entries of the user's scope, newest first, keyset-paginated by id.

    Entries without a region (e.g. system-wide) are shown to admins only.
    """
    from sqlmodel import select

    from app.regions.services import scope_clause

    query = select(AuditLog)
    region_filter = scope_clause(AuditLog.region_code, user.region_code)
    if user.role == "admin":
        region_filter = region_filter | AuditLog.region_code.is_(None)
    query = query.where(region_filter)
    if object_type:
        query = query.where(AuditLog.object_type == object_type)
    if before_id:
        query = query.where(AuditLog.id < min(before_id, 2**31 - 1))  # ids are INTEGER on PostgreSQL
    return list(session.exec(query.order_by(AuditLog.id.desc()).limit(limit)).all())


@dataclass(frozen=True)
class AuditRow:
    """One entry as a viewer may read it: a sentence and labelled details, or "entri terbatas"."""

    entry: AuditLog
    restricted: bool
    sentence: str = ""
    details: tuple = ()


def present(session: Session, user, entries: list[AuditLog]) -> list[AuditRow]:
    """The entries for this viewer: an entry of an object they may not see is shown as restricted only."""
    from sqlmodel import select

    from app.audit import sentences
    from app.auth.models import User
    from app.authz import may_see

    actor_ids = {e.actor_id for e in entries if e.actor_id}
    actors = {u.id: u for u in session.exec(select(User).where(User.id.in_(actor_ids))).all()} if actor_ids else {}
    rows = []
    for entry in entries:
        if not may_see(session, user, entry.object_type, entry.object_id):
            rows.append(AuditRow(entry, True))
            continue
        data = redacted(user, entry)
        rows.append(
            AuditRow(
                entry,
                False,
                sentences.sentence(entry, actors.get(entry.actor_id), data),
                tuple(sentences.details(entry, data)),
            )
        )
    return rows


def redacted(user, entry: AuditLog) -> dict[str, Any]:
    """The entry's before/after as the user may see them (features register redactors per object type)."""
    from app.registry import current_registry

    redact = current_registry().audit_redactors.get(entry.object_type)
    before, after = entry.before or {}, entry.after or {}
    if redact is not None:
        before, after = redact(user, dict(before)), redact(user, dict(after))
    return {"before": before, "after": after}
