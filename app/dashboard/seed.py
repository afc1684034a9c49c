"""Demo data for *today*: the election stays on 27 Nov 2024 (README: "The demo and today"), but a newcomer
logging in on any day finds current work on the home screens: an incident reported an hour ago and handed to
Polri, not yet taken in hand. (Meetings seed tomorrow's meeting themselves.) Idempotent: one marker text."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

TODAY_TEXT = (
    "Warga melaporkan spanduk provokatif dipasang di dekat kantor PPK Membalong pagi ini; mohon dicek dan diturunkan."
)


def seed_today(session: Session, ctx) -> None:
    try:
        from app.timeline import services
        from app.timeline.models import Entry
    except ImportError:  # the timeline feature is not installed
        return
    author = ctx.users.get("polri-petugas")
    if author is None or session.exec(select(Entry.id).where(Entry.text == TODAY_TEXT)).first() is not None:
        return
    services.post_entry(
        session,
        author=author,
        kind="kerawanan",
        text=TODAY_TEXT,
        now=ctx.now - timedelta(hours=1),
        village_code="19.02.02.2001",
        category="op.kampanye_hitam",
        severity="sedang",
        handling_agency="POLRI",
        emit=False,
    )
