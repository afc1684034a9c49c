"""Instructions on screen: the banner on every page until *Dimengerti*, read receipts for the sender (live),
the send form's refusals, the reminder once, and the providers for the situation report and the hand-over."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.instructions import queries, services
from app.instructions.models import Instruction, InstructionReceipt
from app.notifications.models import Notification

NOW = datetime(2024, 11, 27, 0, 0, tzinfo=UTC)  # 07.00 WIB


@pytest.fixture
def clock(monkeypatch):
    state = {"now": NOW + timedelta(minutes=5)}
    monkeypatch.setattr("app.clock.utcnow", lambda: state["now"])
    for module in ("app.registry", "app.instructions.routes", "app.dashboard.routes"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: state["now"], raising=False)
    return state


@pytest.fixture
def sent(app, db, accounts):
    with app.test_request_context():
        instruction = services.send(
            db,
            actor=accounts["polri-pimpinan"],
            text="Seluruh Bhabinkamtibmas agar melapor posisi pukul 07.30.",
            audience=services.Audience(["POLRI", "TNI"], [], "19.02"),
            now=NOW,
            remind_after=15,
        )
        db.commit()
    return instruction


def test_the_banner_stays_until_understood(client, login_as, sent, clock, db):
    login_as("polri-operator")
    for url in ("/", "/linimasa", "/piket"):
        assert f'id="in-banner-{sent.id}"' in client.get(url).get_data(as_text=True), url
    response = client.post(
        f"/instruksi/{sent.id}/dimengerti", headers={"HX-Request": "true", "HX-Request-Type": "partial"}
    )
    assert response.status_code == 200
    assert f"in-banner-{sent.id}" not in response.get_data(as_text=True)  # the banners come back without it
    assert f"in-banner-{sent.id}" not in client.get("/").get_data(as_text=True)


def test_understood_without_javascript_goes_back_to_the_page(client, login_as, sent, clock):
    login_as("tni-operator")
    response = client.post(f"/instruksi/{sent.id}/dimengerti", data={"next": "/linimasa?"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/linimasa"
    for evil in ("//evil.example/x", "/\\evil.example", "https://evil.example"):
        response = client.post(f"/instruksi/{sent.id}/dimengerti", data={"next": evil})
        assert response.headers["Location"] == f"/instruksi/{sent.id}", evil


def test_others_neither_see_nor_acknowledge_it(client, login_as, sent, clock):
    login_as("kpu-operator")
    assert "in-banner" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/instruksi/{sent.id}").status_code == 403
    assert client.post(f"/instruksi/{sent.id}/dimengerti").status_code == 403
    assert client.get("/instruksi/99999").status_code == 404


def test_the_sender_sees_who_has_and_has_not_read_it(client, login_as, sent, clock, accounts):
    login_as("polri-operator")
    client.post(f"/instruksi/{sent.id}/dimengerti")
    login_as("polri-pimpinan")
    page = client.get(f"/instruksi/{sent.id}").get_data(as_text=True)
    assert 'hx-sse:connect="/instruksi/' in page
    receipts = client.get(f"/instruksi/{sent.id}/penerima").get_data(as_text=True)
    assert '<strong id="in-read-count">1</strong> / 4' in receipts
    operator, officer = accounts["polri-operator"], accounts["polri-petugas"]
    assert f'id="in-receipt-{operator.id}"' in receipts
    assert "Dibaca 07.05 WIB" in receipts
    assert receipts.index(f'in-receipt-{officer.id}"') < receipts.index(f'in-receipt-{operator.id}"')  # unread first
    login_as("tni-operator")  # a recipient, not the sender: no receipts
    assert client.get(f"/instruksi/{sent.id}/penerima").status_code == 403
    assert 'id="in-receipts"' not in client.get(f"/instruksi/{sent.id}").get_data(as_text=True)


def test_a_read_is_announced_on_the_instructions_live_channel(app, db, sent, accounts):
    from app.live import hub

    with hub(app).subscribe(services.channel(sent.id)) as sub:
        if hub(app).uses_postgres:
            assert hub(app).listener_ready.wait(10)  # LISTEN is in place before the read is announced
        with app.test_request_context():
            services.acknowledge(db, sent, actor=accounts["tni-operator"], now=NOW)
        db.commit()
        # On PostgreSQL the sending's own "sent" may reach the listener after the subscription began: skip it.
        # (LISTEN/NOTIFY on a loaded machine may take seconds: wait up to 10 s, stop at the reader's id.)
        reader = str(accounts["tni-operator"].id)
        received = []
        deadline = time.monotonic() + 10
        while reader not in received and time.monotonic() < deadline:
            received.append(sub.get(timeout=1))
        assert reader in received
        assert set(received) <= {reader, "sent", None}


def test_the_send_form_refuses_with_the_message_next_to_the_field(client, login_as, accounts, clock, db):
    login_as("polri-operator")
    assert client.get("/instruksi/baru").status_code == 200
    for data, message in [
        ({"text": ""}, "Tulis instruksinya."),
        ({"text": "Siaga", "remind_after": "lima"}, "0 sampai 240 menit"),
        ({"text": "Siaga", "region_code": "19.06"}, "Pilih wilayah dalam cakupan Anda."),
        ({"text": "Siaga", "agencies": "LAINNYA"}, "Tidak ada penerima yang cocok"),
    ]:
        response = client.post("/instruksi/baru", data={"region_code": "19.02", **data})
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True)
    assert db.exec(select(Instruction)).all() == []
    response = client.post("/instruksi/baru", data={"text": "Siaga di TPS.", "region_code": "19.02", "agencies": "TNI"})
    assert response.status_code == 303
    assert db.exec(select(Instruction)).one().target_agencies == ",TNI,"
    login_as("polri-petugas")
    assert client.get("/instruksi/baru").status_code == 403


def test_the_reminder_goes_once_to_those_who_have_not_read_it(app, db, sent, accounts):
    from app.notifications.job import collect_reminders

    with app.test_request_context():
        services.acknowledge(db, sent, actor=accounts["polri-operator"], now=NOW + timedelta(minutes=2))
        db.commit()
    with app.app_context():
        assert queries.due_reminders(db, NOW + timedelta(minutes=14)) == []  # not yet
        collect_reminders(db, NOW + timedelta(minutes=16))
        collect_reminders(db, NOW + timedelta(minutes=30))
        db.commit()
    reminded = db.exec(select(Notification).where(Notification.key == f"instruction:{sent.id}:reminder")).all()
    assert sorted(n.user_id for n in reminded) == sorted(
        [accounts["polri-petugas"].id, accounts["tni-pimpinan"].id, accounts["tni-operator"].id]
    )
    assert reminded[0].title == "Instruksi belum dibaca (dikirim 15 menit lalu)"
    unread = db.exec(select(InstructionReceipt).where(InstructionReceipt.read_at.is_(None))).all()
    assert all(r.reminded_at == NOW + timedelta(minutes=16) for r in unread)


def test_the_situation_report_provider_lists_what_was_issued_with_read_counts(app, db, sent, accounts):
    with app.test_request_context():
        services.acknowledge(db, sent, actor=accounts["tni-operator"], now=NOW)
        issued = app.extensions["sinergi.registry"].provider("instructions_issued")
        rows = issued(db, accounts["polri-pimpinan"], "19.02", NOW - timedelta(hours=1), NOW + timedelta(hours=1))
        assert [(r["id"], r["recipients"], r["read"], r["unread"]) for r in rows] == [(sent.id, 4, 1, 3)]
        assert rows[0]["audience"] == "Polri, TNI · Kabupaten Belitung"
        assert issued(db, accounts["kpu-pimpinan"], "19.02", NOW - timedelta(hours=1), NOW + timedelta(hours=1)) == []
        assert (
            issued(db, accounts["polri-pimpinan"], "19.02", NOW + timedelta(minutes=1), NOW + timedelta(hours=1)) == []
        )


def test_the_handover_provider_lists_instructions_the_agency_has_not_all_read(app, db, sent, accounts):
    unread = app.extensions["sinergi.registry"].provider("instructions_unread")
    with app.test_request_context():
        assert [r["id"] for r in unread(db, accounts["polri-operator"], "POLRI", "19.02", NOW, 24)] == [sent.id]
        services.acknowledge(db, sent, actor=accounts["polri-operator"], now=NOW)
        services.acknowledge(db, sent, actor=accounts["polri-petugas"], now=NOW)
        assert unread(db, accounts["polri-operator"], "POLRI", "19.02", NOW, 24) == []
        assert [r["id"] for r in unread(db, accounts["tni-operator"], "TNI", "19.02", NOW, 24)] == [sent.id]
