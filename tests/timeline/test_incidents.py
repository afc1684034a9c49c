"""Incident handling: status transitions per role, resolution note, acknowledgement, promotion, events,
the ballot-transfer listener, summary figures and keyset pagination."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.registry import registry_of
from app.timeline import services
from app.timeline.models import Entry, EntryAck


@pytest.mark.parametrize(
    ("actor", "handling", "allowed"),
    [
        ("kpu-operator", "KPU", True),  # operator of the handling agency
        ("polri-operator", "KPU", False),  # operator of another agency
        ("bawaslu-pimpinan", "KPU", True),  # pimpinan of any agency
        ("kpu-petugas", "KPU", False),  # field officer
        ("pemda-sekretariat", "KPU", False),
        ("polri-operator", "POLRI", True),
        ("beltim-polri-operator", "POLRI", False),  # outside the scope: not even visible
    ],
)
def test_who_may_change_the_status(client, auth, db, people, tps, make_incident, actor, handling, allowed):
    entry = make_incident(people["polri-petugas"], tps["membalong1"], handling_agency=handling)
    auth.login(actor)
    response = client.post(f"/kerawanan/{entry.id}/status", data={"status": "ditangani"})
    assert response.status_code == (303 if allowed else 403)
    db.refresh(entry)
    assert entry.status == ("ditangani" if allowed else "dilaporkan")


def test_handled_then_resolved_with_note_records_who_and_when(client, auth, db, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong2"])
    auth.login("kpu-operator")
    assert client.post(f"/kerawanan/{entry.id}/status", data={"status": "ditangani"}).status_code == 303
    refused = client.post(f"/kerawanan/{entry.id}/status", data={"status": "selesai", "note": "  "})
    assert refused.status_code == 422
    assert "Tulis catatan penyelesaian sebelum menutup kerawanan." in refused.get_data(as_text=True)
    note = "15 surat suara dipindahkan dari TPS 004 dengan berita acara."
    assert client.post(f"/kerawanan/{entry.id}/status", data={"status": "selesai", "note": note}).status_code == 303
    db.refresh(entry)
    kpu = people["kpu-operator"]
    assert (entry.status, entry.handled_by_id, entry.resolved_by_id, entry.resolution_note) == (
        "selesai",
        kpu.id,
        kpu.id,
        note,
    )
    assert entry.handled_at is not None
    assert entry.resolved_at is not None
    page = client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
    assert "Status diubah menjadi Ditangani" in page
    assert "Status diubah menjadi Selesai" in page
    assert note in page
    assert "Selesaikan dengan catatan ini" not in page  # closed: no more status forms
    back = client.post(f"/kerawanan/{entry.id}/status", data={"status": "ditangani"})
    assert back.status_code == 422
    assert "Perubahan status ini tidak dapat dilakukan." in back.get_data(as_text=True)
    assert len(db.exec(select(Entry).where(Entry.parent_id == entry.id)).all()) == 2


def test_a_plain_post_has_no_status(client, auth, people, make_entry):
    entry = make_entry(people["kpu-operator"])
    auth.login("bawaslu-pimpinan")
    assert client.post(f"/kerawanan/{entry.id}/status", data={"status": "ditangani"}).status_code == 403


def test_followups_acknowledgement_and_promotion(client, auth, db, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong1"])
    auth.login("kpu-petugas")
    assert client.post(f"/linimasa/{entry.id}/tindak-lanjut", data={"text": "PPS sudah dihubungi."}).status_code == 303
    assert client.post(f"/linimasa/{entry.id}/tindak-lanjut", data={"text": ""}).status_code == 422
    assert client.post(f"/linimasa/{entry.id}/diterima").status_code == 403  # petugas do not acknowledge
    assert client.post(f"/linimasa/{entry.id}/penting").status_code == 403
    auth.logout()
    auth.login("kpu-operator")
    assert client.post(f"/linimasa/{entry.id}/diterima").status_code == 303
    assert client.post(f"/linimasa/{entry.id}/diterima").status_code == 303  # once per agency
    assert client.post(f"/linimasa/{entry.id}/penting").status_code == 303
    assert [a.agency for a in db.exec(select(EntryAck)).all()] == ["KPU"]
    db.refresh(entry)
    assert entry.important is True
    assert entry.followup_count == 3  # follow-up, "diterima", "penting"
    page = client.get("/linimasa?penting=1").get_data(as_text=True)
    assert f'id="entry-{entry.id}"' in page
    assert "Diterima KPU" in page
    assert "PPS sudah dihubungi." in client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)


def test_events_for_other_features(app, db, now, people, tps, make_incident, monkeypatch):
    seen = []

    def created(**kw):
        seen.append(("created", kw["entry"].id))

    def assigned(**kw):
        seen.append(("assigned", kw["entry"].id, kw["agency"]))

    listeners = registry_of(app).listeners
    monkeypatch.setitem(listeners, "timeline.incident_created", [*listeners["timeline.incident_created"], created])
    monkeypatch.setitem(listeners, "timeline.incident_assigned", [*listeners["timeline.incident_assigned"], assigned])
    entry = make_incident(people["polri-petugas"], tps["membalong1"], handling_agency="KPU")
    with app.app_context():
        services.assign(db, entry, "POLRI", actor=people["polri-operator"], now=now)
        db.commit()
    assert seen == [("created", entry.id), ("assigned", entry.id, "KPU"), ("assigned", entry.id, "POLRI")]


def test_ballot_transfer_becomes_a_logistics_entry_for_everyone(app, db, now, people, tps):
    with app.test_request_context():
        registry_of(app).emit(
            "readiness.ballot_transfer",
            session=db,
            actor=people["kpu-operator"],
            now=now,
            from_tps=tps["membalong2"],
            to_tps=tps["membalong1"],
            quantity=15,
            reason="Kekurangan surat suara",
            record_id=7,
        )
        db.commit()
    entry = db.exec(select(Entry)).one()
    assert entry.kind == "logistik"
    assert entry.visible_agencies == ""
    assert entry.tps_id == tps["membalong1"].id
    assert "15" in entry.text
    assert "TPS 002" in entry.text
    assert "TPS 001" in entry.text


def test_summary_shows_counts_and_times(app, client, auth, db, now, people, tps, make_incident):
    start = now.replace(hour=7, minute=0)  # 14.00 WIB
    for i, (handle, resolve) in enumerate([(10, 40), (5, 55), (20, None)]):
        at = start + timedelta(minutes=30 * i)
        entry = make_incident(people["polri-petugas"], tps["membalong1"], now=at)
        with app.app_context():
            services.change_status(
                db, entry, "ditangani", actor=people["kpu-operator"], now=at + timedelta(minutes=handle)
            )
            if resolve:
                services.change_status(
                    db,
                    entry,
                    "selesai",
                    actor=people["kpu-operator"],
                    now=at + timedelta(minutes=resolve),
                    note="Selesai ditangani.",
                )
            db.commit()
    auth.login("bawaslu-pimpinan")
    page = client.get("/linimasa/ringkasan?dari=2024-11-27&sampai=2024-11-27").get_data(as_text=True)
    assert "3 kerawanan" in page
    assert "14.00 WIB – 15.00 WIB" in page
    assert "median 10 menit · terlama 20 menit" in page
    assert "median 48 menit · terlama 55 menit" in page
    assert "Kekurangan surat suara" in page
    assert "Kecamatan" in page
    bad = client.get("/linimasa/ringkasan?dari=2024-11-28&sampai=2024-11-27")
    assert bad.status_code == 422
    csv_response = client.get("/linimasa/kerawanan.csv?dari=2024-11-27")
    assert csv_response.headers["Content-Type"].startswith("text/csv")
    assert csv_response.get_data(as_text=True).count("Kekurangan surat suara") == 3


def test_summary_of_one_incident_gives_its_time_not_a_range(client, auth, now, people, tps, make_incident):
    make_incident(people["polri-petugas"], tps["membalong1"], now=now.replace(hour=7, minute=0))
    auth.login("bawaslu-pimpinan")
    page = client.get("/linimasa/ringkasan?dari=2024-11-27&sampai=2024-11-27").get_data(as_text=True)
    assert "1 kerawanan" in page
    assert "14.00 WIB" in page
    assert "14.00 WIB – 14.00 WIB" not in page


def test_keyset_pages_and_filters(client, auth, db, now, people, make_entry):
    for i in range(25):
        make_entry(
            people["kpu-operator"],
            now=now + timedelta(minutes=i),
            text=f"Laporan nomor {i:02d}",
            kind="logistik" if i % 5 == 0 else "info",
        )
    auth.login("tni-operator")
    page = client.get("/linimasa").get_data(as_text=True)
    assert page.count('class="tl-entry card') == 20
    assert "Laporan nomor 24" in page
    assert "Laporan nomor 04" not in page
    oldest_shown = db.exec(select(Entry.id).order_by(Entry.id.desc()).offset(19)).first()
    more = client.get(f"/linimasa?before={oldest_shown}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert more.count('class="tl-entry card') == 5
    assert "Laporan nomor 00" in more
    assert 'hx-trigger="revealed"' not in more
    assert "<html" not in more  # htmx's infinite scroll: the cards alone
    # The same link opened without htmx (a new tab, before the script loads) is a whole page of the older cards.
    tab = client.get(f"/linimasa?before={oldest_shown}").get_data(as_text=True)
    assert "<html" in tab
    assert 'class="bottomnav"' in tab
    assert tab.count('class="tl-entry card') == 5
    assert "Laporan nomor 00" in tab
    assert "Laporan nomor 24" not in tab
    assert 'id="tl-newest"' in tab  # back to the first page, which is the live one
    assert 'id="timeline-live"' not in tab
    only_logistics = client.get("/linimasa?jenis=logistik").get_data(as_text=True)
    assert only_logistics.count('class="tl-entry card') == 5
    assert 'value="logistik" selected' in only_logistics


def test_operator_changes_the_handling_agency(client, auth, db, people, tps, make_incident):
    entry = make_incident(people["polri-petugas"], tps["membalong1"], handling_agency="KPU")
    auth.login("kpu-petugas")
    assert client.post(f"/kerawanan/{entry.id}/penanganan", data={"handling_agency": "POLRI"}).status_code == 403
    auth.logout()
    auth.login("kpu-operator")
    page = client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
    assert "Tetapkan instansi penanganan" in page
    assert client.post(f"/kerawanan/{entry.id}/penanganan", data={"handling_agency": "XYZ"}).status_code == 422
    assert client.post(f"/kerawanan/{entry.id}/penanganan", data={"handling_agency": "POLRI"}).status_code == 303
    db.refresh(entry)
    assert entry.handling_agency == "POLRI"
    assert "Instansi penanganan: Polri" in client.get(f"/kerawanan/{entry.id}").get_data(as_text=True)
    # KPU no longer handles it: its operator may not move the status any more, Polri's may.
    assert client.post(f"/kerawanan/{entry.id}/status", data={"status": "ditangani"}).status_code == 403
