"""Posting to the timeline: the form, validation in Indonesian, scope of places, idempotency, CSRF."""

from __future__ import annotations

from sqlmodel import select

from app.audit.models import AuditLog
from app.timeline.models import Entry
from tests.conftest import TEST_PASSWORD


def test_officer_posts_an_incident_at_a_tps(client, auth, people, tps, db, now, monkeypatch):
    monkeypatch.setattr("app.timeline.routes.pages.utcnow", lambda: now)  # 14.30 WIB
    auth.login("polri-petugas")
    response = client.post(
        "/linimasa",
        data={
            "kind": "kerawanan",
            "text": "Dua orang membawa KTP ber-NIK sama di TPS 001.",
            "kecamatan": "19.02.02",
            "village_code": "19.02.02.2001",
            "tps_id": str(tps["membalong1"].id),
            "category": "op.ktp_ganda",
            "severity": "sedang",
            "handling_agency": "KPU",
            "visibility": "all",
        },
    )
    assert response.status_code == 303
    entry = db.exec(select(Entry)).one()
    assert (entry.kind, entry.status, entry.tps_id, entry.region_code) == (
        "kerawanan",
        "dilaporkan",
        tps["membalong1"].id,
        "19.02.02.2001",
    )
    assert entry.handling_agency == "KPU"
    assert entry.visible_agencies == ""
    assert db.exec(select(AuditLog).where(AuditLog.action == "timeline.post")).one().object_id == str(entry.id)
    page = client.get("/linimasa").get_data(as_text=True)
    assert "Dua orang membawa KTP ber-NIK sama" in page
    assert "TPS 001, Desa Membalong, Kecamatan Membalong" in page
    assert f'<time datetime="{now.isoformat()}">14.30 WIB</time>' in page  # the card's time, in the TPS's zone
    assert "Dilaporkan" in page
    assert "KTP/NIK ganda" in page


def test_missing_text_and_category_are_refused_in_indonesian(client, auth, people):
    auth.login("kpu-operator")
    response = client.post("/linimasa", data={"kind": "info", "text": "", "visibility": "all"})
    assert response.status_code == 422
    assert "Tulis apa yang terjadi." in response.get_data(as_text=True)
    response = client.post(
        "/linimasa",
        data={"kind": "kerawanan", "text": "Listrik padam di TPS.", "visibility": "all", "severity": "rendah"},
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Pilih kategori kerawanan." in body
    assert "Listrik padam di TPS." in body  # what the user typed is kept


def test_a_tps_outside_the_scope_is_refused(client, auth, people, tps, db):
    auth.login("polri-operator")
    response = client.post(
        "/linimasa", data={"kind": "info", "text": "Aman.", "visibility": "all", "tps_id": str(tps["beltim1"].id)}
    )
    assert response.status_code == 422
    assert "Pilih TPS di wilayah Anda." in response.get_data(as_text=True)
    assert db.exec(select(Entry)).first() is None


def test_same_post_twice_is_stored_once(client, auth, people, db):
    auth.login("polri-petugas")
    form = {
        "kind": "info",
        "text": "Apel pengamanan selesai.",
        "visibility": "all",
        "idempotency_key": "b7f1c7c2-0b7e-4d7a-9f55-3f0a3c1d2e11",
    }
    first = client.post("/linimasa", data=form)
    second = client.post("/linimasa", data=form)
    assert first.status_code == second.status_code == 303
    assert second.headers.get("X-Replayed") == "1"
    header = client.post(
        "/linimasa",
        data={**form, "idempotency_key": ""},
        headers={"Idempotency-Key": "b7f1c7c2-0b7e-4d7a-9f55-3f0a3c1d2e11"},
    )
    assert header.headers.get("X-Replayed") == "1"
    assert len(db.exec(select(Entry)).all()) == 1


def test_a_refused_post_does_not_burn_its_key(client, auth, people, db):
    auth.login("polri-petugas")
    key = "0f9e8d7c-6b5a-4d3c-9b2a-1f0e9d8c7b6a"
    assert (
        client.post(
            "/linimasa", data={"kind": "info", "text": "", "visibility": "all", "idempotency_key": key}
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/linimasa", data={"kind": "info", "text": "Sudah diperbaiki.", "visibility": "all", "idempotency_key": key}
        ).status_code
        == 303
    )
    assert len(db.exec(select(Entry)).all()) == 1


def test_posting_needs_login_and_csrf(app, client, htmx, people, monkeypatch):
    response = client.post("/linimasa", data={"kind": "info", "text": "x", "visibility": "all"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/masuk")
    partial = htmx.post("/linimasa", data={"kind": "info", "text": "x", "visibility": "all"})
    assert partial.status_code == 401
    assert partial.headers["HX-Redirect"].startswith("/masuk")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    client.post("/masuk", data={"login": "kpu-operator", "password": TEST_PASSWORD})
    response = client.post("/linimasa", data={"kind": "info", "text": "Tanpa token.", "visibility": "all"})
    assert response.status_code == 400


def test_place_pickers_offer_only_the_scope(client, auth, people, tps):
    auth.login("polri-petugas")  # scoped to Kecamatan Membalong
    page = client.get("/linimasa").get_data(as_text=True)
    assert 'value="19.02.02"' in page
    assert 'value="19.02.01"' not in page
    villages = client.get("/linimasa/tempat?kecamatan=19.02.02").get_data(as_text=True)
    assert "19.02.02.2001" in villages
    assert "19.02.01" not in client.get("/linimasa/tempat?kecamatan=19.02.01").get_data(as_text=True)
    tps_options = client.get("/linimasa/tempat?desa=19.02.02.2001").get_data(as_text=True)
    assert "TPS 001" in tps_options
    assert "TPS 002" in tps_options
    assert "TPS" not in client.get("/linimasa/tempat?desa=19.06.01.2001").get_data(as_text=True).replace(
        "Tidak di TPS tertentu", ""
    )


def test_page_forms_carry_the_outbox_markers(client, auth, people):
    auth.login("kpu-operator")
    page = client.get("/linimasa").get_data(as_text=True)
    assert 'data-outbox="timeline"' in page
    assert '<ol id="outbox-items" data-outbox-list hidden></ol>' in page
    assert 'name="idempotency_key"' in page
    assert 'hx-sse:connect="/linimasa/stream?since=' in page


def test_the_worker_header_is_test_instrumentation_only(app, client, auth, people, monkeypatch):
    """``X-Timeline-Worker`` (which process served a post or stream) exists for the multi-process tests:
    sent under ``app.testing`` or with ``TIMELINE_WORKER_HEADER``, never in production otherwise."""
    auth.login("polri-petugas")
    form = {"kind": "info", "text": "Apel pagi selesai.", "visibility": "all"}
    assert client.post("/linimasa", data=form).headers["X-Timeline-Worker"].isdigit()
    monkeypatch.setitem(app.config, "TESTING", False)
    assert "X-Timeline-Worker" not in client.post("/linimasa", data=form).headers
    monkeypatch.setitem(app.config, "TIMELINE_WORKER_HEADER", True)
    assert client.post("/linimasa", data=form).headers["X-Timeline-Worker"].isdigit()
