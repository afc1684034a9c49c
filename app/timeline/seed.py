"""Demo data: voting day 27 Nov 2024 in Belitung (seed reports, SPEC §4): posts from every agency and nine
incidents between 14.00 and 20.00 WIB, most resolved with notes, two still open; acknowledgements, one
important post and one restricted post (the reports themselves: ``seed_data.py``). Idempotent: nothing is added
when the first post exists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.timeline import services
from app.timeline.models import Entry
from app.timeline.seed_data import ACKS, INCIDENTS, POSTS
from app.timeline.vocab import Kind, Status

WIB = timedelta(hours=7)


def _at(hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split("."))
    return datetime(2024, 11, 27, h, m, tzinfo=UTC) - WIB


def _post(session: Session, users, row) -> None:
    hhmm, author, kind, text, village, _n, visible_to = row
    at = _at(hhmm)
    entry = services.post_entry(
        session, author=users[author], kind=kind, text=text, now=at, village_code=village, visible_to=visible_to
    )
    if author == "pemda-sekretariat":
        services.promote(session, entry, actor=users["pemda-pimpinan"], now=at + timedelta(minutes=3))
        services.acknowledge(session, entry, actor=users["polri-operator"], now=at + timedelta(minutes=5))


def _incident(session: Session, users, tps, row) -> Entry:
    (hhmm, author, village, number, category, severity, agency, text, handler, handle_min, resolve_min, note) = row
    at = _at(hhmm)
    entry = services.post_entry(
        session,
        author=users[author],
        kind=Kind.KERAWANAN,
        text=text,
        now=at,
        tps_id=tps[(village, number)].id,
        category=category,
        severity=severity,
        handling_agency=agency,
    )
    if handler and handle_min is not None:
        services.change_status(
            session,
            entry,
            Status.DITANGANI,
            actor=users[handler],
            now=at + timedelta(minutes=handle_min),
            note="Petugas menuju lokasi.",
        )
    if handler and resolve_min is not None:
        services.change_status(
            session, entry, Status.SELESAI, actor=users[handler], now=at + timedelta(minutes=resolve_min), note=note
        )
    return entry


def seed_timeline(session: Session, ctx) -> None:
    if session.exec(select(Entry).where(Entry.text == POSTS[0][3])).first() is not None:
        return
    users = ctx.users
    tps = {(t.village_code, t.number): t for t in ctx.tps}
    # Posts and incidents are created in time order, so the id (the cursor) follows the clock.
    timeline = sorted(
        [("post", p[0], p) for p in POSTS] + [("incident", i[0], i) for i in INCIDENTS], key=lambda item: item[1]
    )
    incidents = []
    for what, _hhmm, row in timeline:
        if what == "post":
            _post(session, users, row)
        else:
            incidents.append(_incident(session, users, tps, row))
    for number, username in ACKS:
        entry = incidents[number - 1]
        services.acknowledge(session, entry, actor=users[username], now=entry.created_at + timedelta(minutes=3))
    services.promote(
        session, incidents[7], actor=users["polri-pimpinan"], now=incidents[7].created_at + timedelta(minutes=2)
    )
