"""What every timeline service shares: the domain error, the audit record and the live announcement."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from app.audit.services import record, snapshot
from app.auth.models import User
from app.errors import DomainError
from app.live import notify
from app.timeline.models import Entry

CHANNEL = "timeline"
MAX_TEXT = 2000  # the column's length (models.Entry.text)
AUDIT_FIELDS = [
    "kind",
    "text",
    "region_code",
    "tps_id",
    "visible_agencies",
    "important",
    "category",
    "severity",
    "handling_agency",
    "status",
    "resolution_note",
]


class EntryError(DomainError):
    """A refused post or change; ``field`` names the form field, ``message`` says why (user-facing)."""


def audit(
    session: Session,
    entry: Entry,
    action: str,
    *,
    actor: User,
    now: datetime,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """One audit record of a change of ``entry``; ``after`` defaults to the entry's audited fields now."""
    record(
        session,
        actor=actor,
        action=action,
        object_type="timeline_entry",
        object_id=entry.id,
        now=now,
        before=before,
        after=snapshot(entry, AUDIT_FIELDS) if after is None else after,
        region_code=entry.region_code,
    )


def announce(session: Session, entry: Entry) -> None:
    """Wake the open streams when the inserting transaction commits (``app.live``)."""
    notify(session, CHANNEL, str(entry.id))


def checked_text(text: str | None, *, required: bool, missing) -> str:
    """The stripped text; :raise EntryError: when it is missing (and ``required``) or too long."""
    text = (text or "").strip()
    if required and not text:
        raise EntryError("text", missing)
    if len(text) > MAX_TEXT:
        raise EntryError("text", _l("The text is too long (at most 2,000 characters)."))
    return text
