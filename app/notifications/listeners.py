"""Turn other features' events into notifications, without importing those features (reminders: ``job.py``).

Contract with the timeline (app/timeline, events ``timeline.incident_created``, ``timeline.incident_assigned``
and ``timeline.incident_status``): the entry has ``id``, ``region_code``, ``severity`` and ``visible_agencies``
(the timeline's ``",POLRI,KPU,"`` string, empty for everyone in scope); optional are ``title``/``text`` and
``author_id`` (not notified of their own post). Every notification names its entry (``timeline_entry``), so it
reaches only those the timeline's own rule (``timeline.view``) lets see the entry, and is re-checked when listed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, has_app_context
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.auth.models import User
from app.jobs import wake
from app.notifications import services
from app.notifications.models import Kind

TITLE_INCIDENT = _l("High-severity incident")
TITLE_ASSIGNED = _l("Incident assigned to your agency")
TITLE_OWN = {
    "ditangani": _l("The incident you reported is being handled"),
    "selesai": _l("The incident you reported has been resolved"),
}
ENTRY = "timeline_entry"
HIGH = {"tinggi", "high", "kritis", "critical", "sangat_tinggi", "3", "4"}


def stored_text(message) -> str:
    """Notifications are stored in the desk's language (Indonesian), whoever triggered them."""
    if not has_app_context():
        return str(message)
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "id")):
        return str(message)


def region_chain(code: str) -> list[str]:
    """``19.02.01.2001`` → every region that contains it, itself included (users there see it)."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def users_in_scope(session: Session, region_code: str, *, agencies: list[str] | None = None) -> list[int]:
    query = select(User.id).where(User.active.is_(True), User.region_code.in_(region_chain(region_code)))
    if agencies:
        query = query.where(User.agency.in_(agencies))
    return list(session.exec(query).all())


def _agencies(entry: Any) -> list[str] | None:
    """``visible_agencies`` as a list: the timeline stores ``",POLRI,KPU,"`` (empty = everyone in scope)."""
    value = getattr(entry, "visible_agencies", None)
    if not value:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(getattr(a, "value", a)).strip() for a in items if str(a).strip()] or None


def _summary(entry: Any) -> str:
    text = getattr(entry, "title", None) or getattr(entry, "text", None) or getattr(entry, "body", None) or ""
    return " ".join(str(text).split())[:160]


def _severity(entry: Any) -> str:
    value = getattr(entry, "severity", "")
    return str(getattr(value, "value", value)).lower()


def incident_created(session: Session, entry: Any, now: datetime, **_extra: Any) -> None:
    """A new high-severity incident: everyone who may see it, except its author."""
    region = getattr(entry, "region_code", None)
    if not region or _severity(entry) not in HIGH:
        return
    users = set(users_in_scope(session, region, agencies=_agencies(entry)))
    users.discard(getattr(entry, "author_id", None))
    _notify_about(session, entry, users, Kind.INCIDENT, "created", TITLE_INCIDENT, now)


def _notify_about(session: Session, entry: Any, users, kind: Kind, event: str, title, now: datetime) -> None:
    """One notification per user about an incident (its key makes a repeated event a no-op), checked against the
    entry's own viewing rule; the push job of this process is woken to send it soon (app/jobs)."""
    created = services.notify(
        session,
        user_ids=users,
        kind=kind,
        key=f"incident:{entry.id}:{event}",
        title=stored_text(title),
        body=_summary(entry),
        url=f"/kerawanan/{entry.id}",
        now=now,
        object_type=ENTRY,
        object_id=entry.id,
        obj=entry,
    )
    if created:
        wake()


def incident_assigned(session: Session, entry: Any, agency: Any, now: datetime, **_extra: Any) -> None:
    """An incident handed to an agency: that agency's people in scope who may see it (not its reporter, who
    hears when it is taken in hand instead)."""
    region = getattr(entry, "region_code", None)
    code = str(getattr(agency, "value", agency))
    if not region:
        return
    users = set(users_in_scope(session, region, agencies=[code]))
    users.discard(getattr(entry, "assigned_by_id", None))
    users.discard(getattr(entry, "author_id", None))
    _notify_about(session, entry, users, Kind.ASSIGNMENT, f"assigned:{code}", TITLE_ASSIGNED, now)


def incident_status(session: Session, entry: Any, status: Any, now: datetime, actor: Any = None, **_extra: Any) -> None:
    """The reporter of an incident hears when it is taken in hand and when it is resolved (not by their own act)."""
    code = str(getattr(status, "value", status))
    author_id = getattr(entry, "author_id", None)
    if code not in TITLE_OWN or author_id is None or author_id == getattr(actor, "id", None):
        return
    _notify_about(session, entry, [author_id], Kind.OWN_REPORT, f"status:{code}", TITLE_OWN[code], now)
