"""Check-ins: who records what where, once, in order, at a believable time (kept through the outbox)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from app.votingday.models import Checkin
from tests.votingday.conftest import NOW


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def post(client, tps, step, *, key=None, clock="", **kw):
    data = {"tps_id": str(tps.id if hasattr(tps, "id") else tps), "step": step, "clock": clock}
    data.update(kw)
    headers = {"Idempotency-Key": key} if key else {}
    return client.post("/hari-h/lapor", data=data, headers=headers)


def rows(db):
    db.expire_all()
    return db.exec(select(Checkin)).all()


def test_a_field_officer_records_the_security_arrival(client, login_as, accounts, places, clock, db):
    login_as("polri-petugas")
    page = client.get("/hari-h").get_data(as_text=True)
    assert 'id="vd-checkin-form"' in page
    assert "Petugas pengamanan tiba" in page
    response = post(client, places["membalong1"], "petugas_tiba", occurred_at=iso(NOW), sent_at=iso(NOW))
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    (row,) = rows(db)
    assert (row.step, row.tps_id, row.agency, row.occurred_at, row.recorded_at) == (
        "petugas_tiba",
        places["membalong1"].id,
        "POLRI",
        NOW,
        NOW,
    )
    assert "Tercatat" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_tps_outside_the_scope_is_refused(client, login_as, accounts, places, clock, db):
    login_as("polri-petugas")  # Kecamatan Membalong
    assert post(client, places["tanjungpandan1"], "petugas_tiba").status_code == 403
    assert post(client, places["beltim1"], "petugas_tiba").status_code == 403
    assert post(client, 999999, "petugas_tiba").status_code == 404
    assert rows(db) == []


def test_an_agency_records_only_its_own_steps(client, login_as, accounts, places, clock, db):
    login_as("polri-petugas")
    response = post(client, places["membalong1"], "tps_siap")
    assert response.status_code == 422
    assert "dicatat oleh petugas KPU/Bawaslu" in response.get_data(as_text=True)
    login_as("kejaksaan-pimpinan")
    assert client.post("/hari-h/lapor", data={"tps_id": str(places["membalong1"].id)}).status_code == 403
    assert rows(db) == []


def test_a_step_twice_is_refused_and_nothing_doubles(client, login_as, accounts, places, clock, db):
    login_as("kpu-petugas")
    assert post(client, places["membalong1"], "tps_siap", key="key-aaaaaaaa1").status_code == 303
    again = post(client, places["membalong1"], "tps_siap", key="key-aaaaaaaa2")
    assert again.status_code == 422
    text = again.get_data(as_text=True)
    assert "sudah dicatat" in text
    assert "Tidak ada yang ditambahkan" in text
    # the outbox resending the first request (same key) gets the first answer back, nothing added
    replay = post(client, places["membalong1"], "tps_siap", key="key-aaaaaaaa1")
    assert replay.status_code == 303
    assert len(rows(db)) == 1


def test_a_step_before_its_earlier_steps_is_refused(client, login_as, accounts, places, clock, db):
    login_as("kpu-petugas")
    response = post(client, places["membalong1"], "pemungutan_dimulai")
    assert response.status_code == 422
    assert "Catat dulu langkah sebelumnya: TPS siap" in response.get_data(as_text=True)
    assert rows(db) == []
    # the security arrival is another chain: the KPPS's steps do not wait for it
    assert post(client, places["membalong1"], "tps_siap").status_code == 303
    assert post(client, places["membalong1"], "pemungutan_dimulai").status_code == 303


def test_a_time_in_the_future_beyond_the_skew_is_refused(client, login_as, accounts, places, clock, db):
    login_as("polri-petugas")
    response = post(client, places["membalong1"], "petugas_tiba", occurred_at=iso(NOW + timedelta(minutes=10)))
    assert response.status_code == 422
    assert "di masa depan" in response.get_data(as_text=True)
    ahead = post(client, places["membalong2"], "petugas_tiba", occurred_at=iso(NOW + timedelta(minutes=3)))
    assert ahead.status_code == 303  # within the 5 minutes a phone's clock may run ahead: taken as now
    (row,) = rows(db)
    assert row.occurred_at == NOW
    login_as("kpu-petugas")
    typed = post(client, places["membalong1"], "tps_siap", clock="07:50")  # 07.50 WIB, now is 07.30
    assert typed.status_code == 422


def test_the_outbox_keeps_the_time_of_the_event(client, login_as, accounts, places, clock, db):
    """Written offline at 06.40 WIB, sent when the signal came back at 07.30: stored as 06.40."""
    login_as("polri-petugas")
    tapped = datetime(2024, 11, 26, 23, 40, tzinfo=UTC)  # 06.40 WIB
    response = post(client, places["membalong1"], "petugas_tiba", occurred_at=iso(tapped), sent_at=iso(NOW))
    assert response.status_code == 303
    # a phone whose clock is 2 hours wrong: the delay measured on its own clock still gives 06.40
    off = timedelta(hours=2)
    response = post(client, places["membalong2"], "petugas_tiba", occurred_at=iso(tapped + off), sent_at=iso(NOW + off))
    assert response.status_code == 303
    stored = {r.tps_id: r for r in rows(db)}
    assert stored[places["membalong1"].id].occurred_at == tapped
    assert stored[places["membalong2"].id].occurred_at == tapped
    assert stored[places["membalong1"].id].recorded_at == NOW
    assert "06.40" in client.get("/hari-h?kecamatan=19.02.02").get_data(as_text=True)


def test_a_typed_time_is_kept_and_a_bad_one_is_explained(client, login_as, accounts, places, clock, db):
    login_as("kpu-petugas")
    assert post(client, places["membalong1"], "tps_siap", clock="06:55").status_code == 303
    assert rows(db)[0].occurred_at == datetime(2024, 11, 26, 23, 55, tzinfo=UTC)
    bad = post(client, places["membalong2"], "tps_siap", clock="7 pagi")
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "JJ:MM" in text or "06:40" in text
    assert 'value="7 pagi"' in text  # what was typed stays
    before = post(client, places["membalong1"], "pemungutan_dimulai", clock="06:50")
    assert before.status_code == 422
    assert "sebelum TPS siap" in before.get_data(as_text=True)
