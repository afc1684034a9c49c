"""Idempotency keys belong to their submitter: replaying someone else's key never hands over their complaint
(nor a new secret for it), and a second reporter's complaint is never dropped. Old records are purged."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from app.complaints.models import Complaint
from app.idempotency.models import IdempotencyRecord
from tests.complaints.test_intake import _can_look_up, _receipt, valid


def test_replaying_another_reporters_key_creates_its_own_complaint(app, client, db):
    client.get("/pengaduan/baru")
    first = client.post("/pengaduan/baru/kirim", data=valid(idempotency_key="victim-key-0001"))
    code, secret = _receipt(client.get(first.headers["Location"]).get_data(as_text=True))

    attacker = app.test_client()
    attacker.get("/pengaduan/baru")
    replay = attacker.post(
        "/pengaduan/baru/kirim",
        data=valid(idempotency_key="victim-key-0001", event_summary="Laporan kedua, orang lain"),
    )
    assert replay.status_code == 303
    assert replay.headers.get("X-Replayed") is None  # not a replay: a complaint of its own
    page = attacker.get("/pengaduan/terkirim").get_data(as_text=True)
    other_code, _other_secret = _receipt(page)
    assert other_code != code
    assert len(db.exec(select(Complaint)).all()) == 2
    assert _can_look_up(client, code, secret)  # the victim's secret still works


def test_cookieless_replay_of_a_known_key_gets_nothing_of_the_first(app, client, db):
    client.get("/pengaduan/baru")
    first = client.post("/pengaduan/baru/kirim", data=valid(idempotency_key="victim-key-0002"))
    code, secret = _receipt(client.get(first.headers["Location"]).get_data(as_text=True))
    stranger = app.test_client()
    stranger.post("/pengaduan/baru/kirim", data=valid(idempotency_key="victim-key-0002"))
    page = stranger.get("/pengaduan/terkirim").get_data(as_text=True)
    assert code not in page
    assert _can_look_up(client, code, secret)


def test_records_older_than_the_window_are_purged(app, client, db, make_user):
    from app.clock import utcnow

    old = IdempotencyRecord(
        scope="user:1",
        key="old-key-0001",
        method="POST",
        path="/x",
        created_at=utcnow() - timedelta(days=app.config["IDEMPOTENCY_WINDOW_DAYS"] + 1),
    )
    fresh = IdempotencyRecord(
        scope="user:1", key="fresh-key-001", method="POST", path="/x", created_at=utcnow() - timedelta(days=1)
    )
    db.add_all([old, fresh])
    db.commit()
    client.get("/pengaduan/baru")
    client.post("/pengaduan/baru/kirim", data=valid(idempotency_key="trigger-key-01"))
    keys = {r.key for r in db.exec(select(IdempotencyRecord)).all()}
    assert "old-key-0001" not in keys
    assert {"fresh-key-001", "trigger-key-01"} <= keys
