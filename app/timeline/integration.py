"""What the timeline offers other features through the registry, and what it listens to."""

from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlmodel import Session, select

from app.regions.services import describe_place
from app.timeline import services
from app.timeline.models import Entry
from app.timeline.queries import visible_clause
from app.timeline.vocab import STATUS_LABELS, Kind, Status, category_label


def tps_incidents(session: Session, user, tps_ids: list[int]) -> list[dict]:
    """Incidents visible to ``user`` at these TPS, newest first (provider ``"tps_incidents"``)."""
    if not tps_ids:
        return []
    rows = session.exec(select(Entry).where(Entry.kind == Kind.KERAWANAN.value, Entry.parent_id.is_(None),
                                            Entry.tps_id.in_(list(tps_ids)), visible_clause(user))
                        .order_by(Entry.occurred_at.desc(), Entry.id.desc())).all()
    return [{
        "id": e.id, "tps_id": e.tps_id, "title": e.text if len(e.text) <= 80 else e.text[:79] + "…",
        "category_label": category_label(e.category), "severity": e.severity, "status": e.status,
        "status_label": str(STATUS_LABELS[Status(e.status)]), "created_at": e.occurred_at,  # its event time
        "url": url_for("timeline.incident", entry_id=e.id),
    } for e in rows]


def on_ballot_transfer(*, session: Session, actor, now: datetime, from_tps, to_tps, quantity: int,
                       reason: str = "", record_id=None, **_extra) -> Entry:
    """KPU moved ballots between TPS (berita acara): a logistics entry visible to all agencies in scope."""
    places = describe_place(session, [from_tps.village_code, to_tps.village_code])
    def where(t):
        village = places.get(t.village_code)
        return f"{t.label} {village.label}" if village else t.label
    text = _("Ballot transfer (berita acara): %(qty)s ballots from %(src)s to %(dst)s.", qty=quantity,
             src=where(from_tps), dst=where(to_tps))
    if reason:
        text += " " + _("Reason: %(reason)s", reason=reason)
    if record_id is not None:
        text += f" (BA #{record_id})"
    return services.post_entry(session, author=actor, kind=Kind.LOGISTIK.value, text=text, now=now,
                               tps_id=to_tps.id if to_tps.village_code.startswith(actor.region_code) else None)
