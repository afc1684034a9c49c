"""What the timeline offers other features through the registry, and what it listens to."""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlmodel import Session, select

from app.auth.models import User
from app.regions.services import describe_place, scope_clause
from app.timeline import services
from app.timeline.duplicates import counted
from app.timeline.models import Entry
from app.timeline.queries import visible_clause
from app.timeline.vocab import Kind, Status, category_label

MAX_MEETING_ENTRIES = 50


def tps_incidents(session: Session, user, tps_ids: list[int]) -> list[dict]:
    """Incidents visible to ``user`` at these TPS, newest first (provider ``"tps_incidents"``)."""
    if not tps_ids:
        return []
    rows = session.exec(
        select(Entry)
        .where(
            Entry.kind == Kind.KERAWANAN,
            Entry.parent_id.is_(None),
            Entry.tps_id.in_(list(tps_ids)),
            visible_clause(user),
            counted(),  # one event, one line: duplicates are left out
        )
        .order_by(Entry.occurred_at.desc(), Entry.id.desc())
    ).all()
    return [
        {
            "id": e.id,
            "tps_id": e.tps_id,
            "title": e.text if len(e.text) <= 80 else e.text[:79] + "…",
            "category_label": category_label(e.category),
            "severity": e.severity,
            "status": e.status,
            "status_label": Status.label_of(e.status),
            "created_at": e.occurred_at,  # its event time
            "url": url_for("timeline.incident", entry_id=e.id),
        }
        for e in rows
    ]


def on_ballot_transfer(
    *,
    session: Session,
    actor,
    now: datetime,
    from_tps,
    to_tps,
    quantity: int,
    reason: str = "",
    record_id=None,
    **_extra,
) -> Entry:
    """KPU moved ballots between TPS (berita acara): a logistics entry visible to all agencies in scope."""
    places = describe_place(session, [from_tps.village_code, to_tps.village_code])

    def where(t):
        village = places.get(t.village_code)
        return f"{t.label} {village.label}" if village else t.label

    text = _(
        "Ballot transfer (berita acara): %(qty)s ballots from %(src)s to %(dst)s.",
        qty=quantity,
        src=where(from_tps),
        dst=where(to_tps),
    )
    if reason:
        text += " " + _("Reason: %(reason)s", reason=reason)
    if record_id is not None:
        text += f" (BA #{record_id})"
    return services.post_entry(
        session,
        author=actor,
        kind=Kind.LOGISTIK,
        text=text,
        now=now,
        tps_id=to_tps.id if to_tps.village_code.startswith(actor.region_code) else None,
    )


def entries_between(session: Session, user: User, region_code: str, start: datetime, end: datetime) -> list[dict]:
    """Top-level entries posted in a window, in a region, visible to ``user`` and to everyone in scope
    (provider ``"timeline_entries_between"``: the meeting page lists them to link into the minutes)."""
    rows = session.exec(
        select(Entry)
        .where(
            visible_clause(user),
            scope_clause(Entry.region_code, region_code),
            Entry.parent_id.is_(None),
            # Minutes are read by every invitee: an entry restricted to some agencies never goes into them.
            Entry.visible_agencies == "",
            Entry.created_at >= start,
            Entry.created_at <= end,
        )
        .order_by(Entry.created_at, Entry.id)
        .limit(MAX_MEETING_ENTRIES)
    ).all()
    return [{"id": e.id, "posted_at": e.created_at, "text": f"[{e.author_agency}] {e.text}"[:1000]} for e in rows]


def record_entry(
    session: Session,
    *,
    author: User,
    text: str,
    now: datetime,
    region_code: str | None = None,
    visible_to: list[str] | None = None,
    parent_id: int | None = None,
) -> Entry:
    """Provider ``"timeline_record"``: another feature's act on the record (an instruction sent), as an info post
    by ``author`` for ``region_code`` (a kecamatan or village; else the author's region) visible to ``visible_to``
    (None: everyone in scope), or as a follow-up of the incident ``parent_id`` (its visibility)."""
    if parent_id is not None:
        parent = session.get(Entry, parent_id)
        if parent is not None and parent.parent_id is None:
            return services.add_followup(session, parent, author=author, text=text[: services.MAX_TEXT], now=now)
    place = region_code if region_code and region_code.count(".") >= 2 else None
    return services.post_entry(
        session,
        author=author,
        kind=Kind.INFO.value,
        text=text[: services.MAX_TEXT],
        now=now,
        village_code=place,
        visible_to=visible_to,
    )
