"""The audit walk (tests/security/test_audit_walk.py) for the timeline, the voting-day check-ins and the
instructions: every change writes exactly one audit row that reads as an Indonesian sentence naming the actor
(issue 12 point 8). The feature's own accounts act (an officer, the handling agency's operator, a desk head)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from app.instructions.models import Instruction
from tests.auditwalk.walk import walk

NOW = datetime(2024, 11, 27, 0, 30, tzinfo=UTC)  # 07.30 WIB on voting day


@pytest.fixture
def clock(monkeypatch):
    for module in ("app.votingday.routes", "app.timeline.routes.pages", "app.timeline.routes.actions"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW, raising=False)
    return NOW


def test_timeline_changes_write_one_sentence_each(app, client, login_as, accounts, places, make_incident, clock):
    entry = make_incident(accounts["polri-petugas"], NOW, handling_agency="POLRI")
    steps = [
        (
            "polri-petugas",
            lambda: client.post("/linimasa", data={"kind": "info", "text": "Apel selesai.", "visibility": "all"}),
            "timeline.post",
        ),
        (
            "kpu-operator",
            lambda: client.post(f"/linimasa/{entry.id}/tindak-lanjut", data={"text": "KPU memantau."}),
            "timeline.followup",
        ),
        # "Diterima" is recorded as the agency's follow-up on the incident ("ack").
        ("polri-operator", lambda: client.post(f"/linimasa/{entry.id}/diterima"), "timeline.followup"),
        # A change of the incident is audited, and the thread gets its follow-up line (audited as a follow-up).
        (
            "pemda-pimpinan",
            lambda: client.post(f"/linimasa/{entry.id}/penting"),
            ("timeline.promote", "timeline.followup"),
        ),
        (
            "polri-pimpinan",
            lambda: client.post(f"/kerawanan/{entry.id}/status", data={"status": "ditangani"}),
            ("timeline.status", "timeline.followup"),
        ),
        (
            "polri-pimpinan",
            lambda: client.post(f"/kerawanan/{entry.id}/penanganan", data={"handling_agency": "TNI"}),
            ("timeline.assign", "timeline.followup"),
        ),
    ]
    walk(app, login_as, accounts, steps)


def test_voting_day_changes_write_one_sentence_each(app, client, login_as, accounts, places, clock):
    tps = places["membalong1"]
    at = NOW.isoformat().replace("+00:00", "Z")
    steps = [
        (
            "kpu-petugas",
            lambda: client.post(
                "/hari-h/lapor",
                data={"tps_id": str(tps.id), "step": "tps_siap", "clock": "", "occurred_at": at, "sent_at": at},
            ),
            "votingday.checkin",
        ),
        # A late opening becomes an incident through the timeline's own posting service (its audit row).
        ("kpu-operator", lambda: client.post(f"/hari-h/tps/{tps.id}/terlambat"), "timeline.post"),
        (
            "kpu-operator",
            lambda: client.post(
                "/hari-h/penugasan", data={"officer": str(accounts["kpu-petugas"].id), "tps_id": str(tps.id)}
            ),
            "votingday.assign",
        ),
        ("kpu-pimpinan", lambda: client.post(f"/hari-h/penugasan/{posting_id(app)}/hapus"), "votingday.unassign"),
    ]
    walk(app, login_as, accounts, steps)


def posting_id(app) -> int:
    from sqlmodel import Session

    from app.db import get_engine
    from app.votingday.models import TpsAssignment

    with Session(get_engine(app)) as session:
        return session.exec(select(TpsAssignment.id)).one()


def test_instructions_write_one_sentence_each(app, client, login_as, accounts, db, clock):
    def sent_id() -> int:
        db.expire_all()
        return db.exec(select(Instruction.id)).one()

    steps = [
        (
            "polri-operator",
            lambda: client.post(
                "/instruksi/baru", data={"text": "Siaga di TPS.", "region_code": "19.02", "agencies": "TNI"}
            ),
            ("timeline.post", "instruction.send"),  # on the timeline's record, and the instruction itself
        ),
        ("tni-operator", lambda: client.post(f"/instruksi/{sent_id()}/dimengerti"), "instruction.read"),
    ]
    walk(app, login_as, accounts, steps)
