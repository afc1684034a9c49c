"""Demo escalation on voting day: at 07.05 WIB a crowd blocks voters at a Tanjungpandan TPS (tinggi, handed to
Polri). Nobody receives it for 10 minutes — the piket (IPTU Fajar, on duty 07.00–15.00) is alerted at 07.16; still
not taken in hand at 07.36, the Kapolres is alerted; the piket receives it at 07.38 and sends Dalmas at 07.41, so
the desk head is never called. The rounds are the real evaluator at those times. Idempotent (marker text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.escalation.engine import evaluate

TEXT = (
    "Sekelompok orang berkumpul di depan TPS 004 dan melarang warga masuk; KPPS menunda pembukaan TPS. "
    "Pemilih menunggu di pinggir jalan."
)
WIB = timedelta(hours=7)


def _at(hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split("."))
    return datetime(2024, 11, 27, h, m, tzinfo=UTC) - WIB


def seed_escalations(session: Session, ctx) -> None:
    try:
        from app.timeline import services
        from app.timeline.models import Entry
    except ImportError:  # no timeline: nothing to escalate
        return
    users = ctx.users
    if "tni-petugas" not in users or session.exec(select(Entry.id).where(Entry.text == TEXT)).first() is not None:
        return
    tps = next((t for t in ctx.tps if t.village_code == "19.02.01.1001" and t.number == 4), None)
    entry = services.post_entry(
        session,
        author=users["tni-petugas"],
        kind="kerawanan",
        text=TEXT,
        now=_at("07.05"),
        tps_id=tps.id if tps else None,
        village_code=None if tps else "19.02.01.1001",
        category="op.intimidasi_pemilih",
        severity="tinggi",
        handling_agency="POLRI",
        emit=False,
    )
    evaluate(session, _at("07.16"))  # level 1: the piket
    evaluate(session, _at("07.36"))  # level 2: the Kapolres
    operator = users["polri-operator"]
    services.acknowledge(session, entry, actor=operator, now=_at("07.38"))
    services.change_status(
        session,
        entry,
        "ditangani",
        actor=operator,
        now=_at("07.41"),
        note="Unit Dalmas Polsek Tanjungpandan menuju TPS.",
    )
    evaluate(session, _at("08.06"))  # level 3 would have been now: nothing fires, the incident is in hand
    services.change_status(
        session,
        entry,
        "selesai",
        actor=operator,
        now=_at("08.20"),
        note="Massa dibubarkan secara persuasif; TPS dibuka pukul 07.55 dan pemungutan suara berjalan lancar.",
    )
