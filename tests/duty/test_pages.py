"""``/piket`` and the hand-over pages: who reads, who edits, what a refusal says, what a note lists."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from app.duty.models import DutyHandover, DutyShift

NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)  # 14.30 WIB


@pytest.fixture(autouse=True)
def _voting_day(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    for module in ("app.duty.routes", "app.duty.handover_routes", "app.registry"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW, raising=False)


def _form(**kw):
    data = {"region_code": "19.02", "day": "2024-11-27", "start": "15:00", "end": "23:00", "user_id": "", "name": ""}
    data.update(kw)
    return data


def test_everyone_in_scope_reads_the_roster_and_can_call(client, login_as, accounts, make_shift):
    make_shift(accounts["polri-operator"], NOW - timedelta(hours=1))
    login_as("kpu-petugas")  # a KPU field officer in a kecamatan reads the kabupaten desk's roster
    page = client.get("/piket").get_data(as_text=True)
    assert "Piket sekarang" in page
    assert accounts["polri-operator"].name in page
    assert 'href="tel:+62812345670' in page  # tap to call, the number as Indonesians write it:
    assert "0812-3456-7001" in page


def test_a_shift_across_midnight_names_both_days(client, login_as, accounts, make_shift):
    """A 24-hour piket from 18.00 read "18.00 WIB–18.00 WIB"; a night shift begun yesterday looked like tonight's."""
    make_shift(accounts["polri-operator"], NOW - timedelta(hours=1), hours=4)  # 13.30–17.30 WIB
    piket = make_shift(accounts["polri-pimpinan"], datetime(2024, 11, 26, 11, tzinfo=UTC), hours=24)  # 18.00 WIB
    login_as("polri-operator")
    page = client.get("/piket?tanggal=2024-11-27").get_data(as_text=True)
    assert "13.30–17.30 WIB" in re.sub(r"\s+", " ", page)
    shift_row = page[page.index(f'id="dt-shift-{piket.id}"') :][:600]
    assert "26 Nov 18.00 – 27 Nov 18.00 WIB" in shift_row, shift_row
    # On duty now, the 24-hour piket ends today: its time alone; from the day before, the end's day is said.
    assert "sampai 18.00 WIB" in page[page.index(f'id="dt-now-{piket.id}"') :][:800]


def test_a_running_night_shift_ends_tomorrow_with_its_day(app):
    from app.duty.display import shift_end, shift_span
    from app.duty.models import DutyShift

    night = DutyShift(
        region_code="73.71",  # Makassar: WITA
        starts_at=datetime(2024, 11, 27, 15, tzinfo=UTC),  # 23.00 WITA
        ends_at=datetime(2024, 11, 27, 23, tzinfo=UTC),  # 07.00 WITA the next day
    )
    with app.test_request_context():
        assert shift_end(night, datetime(2024, 11, 27, 15, 30, tzinfo=UTC)) == "28 Nov 07.00 WITA"
        assert shift_end(night, datetime(2024, 11, 27, 17, tzinfo=UTC)) == "07.00 WITA"  # after midnight
        assert shift_span(night) == "27 Nov 23.00 – 28 Nov 07.00 WITA"


def test_the_roster_of_an_earlier_election_stays_readable(client, login_as, accounts, make_shift, monkeypatch):
    """History is kept (issue 15.3): two years on, voting day's roster still opens (it was refused beyond a year)."""
    make_shift(accounts["polri-operator"], NOW - timedelta(hours=1))
    later = NOW + timedelta(days=2 * 365)
    monkeypatch.setattr("app.duty.routes.utcnow", lambda: later)
    login_as("polri-operator")
    response = client.get("/piket?tanggal=2024-11-27")
    assert response.status_code == 200
    assert accounts["polri-operator"].name in response.get_data(as_text=True)
    assert client.get("/piket?tanggal=1999-12-31").status_code == 400  # outside 2000–2100: a bad address


def test_a_shift_on_an_absurd_day_is_refused_next_to_the_date(client, login_as, accounts):
    """9999-12-31 from the date picker was a bare 400 page, and everything typed was lost."""
    login_as("polri-operator")
    response = client.post("/piket/baru", data=_form(day="9999-12-31", user_id=str(accounts["polri-pimpinan"].id)))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Pilih tanggal antara tahun 2000 dan 2100." in page
    assert 'value="9999-12-31"' in page


def test_another_kabupaten_does_not_see_the_roster(client, login_as, accounts, make_shift):
    make_shift(accounts["polri-operator"], NOW - timedelta(hours=1))
    login_as("beltim-polri-operator")
    assert accounts["polri-operator"].name not in client.get("/piket").get_data(as_text=True)


def test_a_bad_day_is_a_400_in_indonesian(client, login_as, accounts):
    login_as("polri-operator")
    response = client.get("/piket?tanggal=27-11-2024")
    assert response.status_code == 400
    assert "tanggal" in response.get_data(as_text=True)


def test_an_operator_adds_a_shift_for_their_agency(client, login_as, accounts, db):
    login_as("polri-operator")
    assert client.get("/piket/baru").status_code == 200
    response = client.post("/piket/baru", data=_form(user_id=str(accounts["polri-pimpinan"].id)))
    assert response.status_code == 303
    shift = db.exec(select(DutyShift)).one()
    assert (shift.agency, shift.user_id) == ("POLRI", accounts["polri-pimpinan"].id)
    assert shift.starts_at == datetime(2024, 11, 27, 8, tzinfo=UTC)  # 15.00 WIB


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"start": ""}, "Isi waktu mulai."),
        ({"start": "25:00"}, "Isi jam dengan format JJ:MM"),
        ({"day": "besok"}, "Isi tanggal seperti di kalender."),
        ({"day": ""}, "Isi tanggal."),
        ({"name": "", "user_id": ""}, "Pilih petugas piket atau tulis namanya."),
        ({"name": "Budi", "phone": "abc"}, "Ini bukan nomor telepon Indonesia yang valid."),
        ({"region_code": "19.06"}, "Pilih wilayah dalam cakupan Anda."),
        ({"day": "2024-11-26"}, "Shift ini sudah berakhir"),
    ],
)
def test_a_refused_shift_comes_back_with_the_message_and_422(client, login_as, accounts, db, form, message):
    login_as("polri-operator")
    data = _form(user_id=str(accounts["polri-operator"].id))
    data.update(form)
    response = client.post("/piket/baru", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.exec(select(DutyShift)).all() == []


def test_field_officers_and_other_agencies_cannot_edit(client, login_as, accounts, make_shift):
    shift = make_shift(accounts["polri-operator"], NOW + timedelta(hours=1))
    login_as("polri-petugas")
    assert client.get("/piket/baru").status_code == 403
    login_as("tni-operator")
    assert client.get(f"/piket/{shift.id}/ubah").status_code == 403
    assert client.post(f"/piket/{shift.id}/hapus").status_code == 403
    login_as("beltim-polri-operator")
    assert client.post(f"/piket/{shift.id}/hapus").status_code == 403
    assert client.get("/piket/999999/ubah").status_code == 404


def test_a_started_shift_is_not_removed(client, login_as, accounts, make_shift, db):
    shift = make_shift(accounts["polri-operator"], NOW - timedelta(hours=1))
    login_as("polri-operator")
    response = client.post(f"/piket/{shift.id}/hapus")
    assert response.status_code == 422
    assert "tetap di jadwal" in response.get_data(as_text=True)
    assert db.get(DutyShift, shift.id) is not None


def test_the_handover_lists_the_agencys_open_incidents_it_may_see(
    client, login_as, accounts, make_shift, make_incident, db
):
    operator = accounts["polri-operator"]
    make_shift(operator, NOW - timedelta(hours=7))
    make_shift(accounts["polri-pimpinan"], NOW + timedelta(hours=1), creator=operator)
    mine = make_incident(accounts["polri-petugas"], NOW - timedelta(minutes=20), text="Kotak suara TPS 001 rusak.")
    hidden = make_incident(
        accounts["kpu-operator"], NOW - timedelta(minutes=10), text="RAHASIA-KPU-9 daftar pemilih", visible_to=["KPU"]
    )
    make_incident(accounts["tni-operator"], NOW - timedelta(minutes=5), handling_agency="TNI", text="Urusan TNI.")
    login_as("polri-operator")
    form = client.get("/piket/serah-terima").get_data(as_text=True)
    assert "Kotak suara TPS 001 rusak." in form
    assert "RAHASIA-KPU-9" not in form
    assert "Urusan TNI." not in form
    response = client.post("/piket/serah-terima", data={"note": "Patroli ke gudang logistik pukul 16.00."})
    assert response.status_code == 303
    note = db.exec(select(DutyHandover)).one()
    assert note.incident_ids == [mine.id]
    assert hidden.id not in note.incident_ids
    assert (note.from_shift_id, note.to_shift_id) is not None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Patroli ke gudang logistik pukul 16.00." in page
    assert "Kotak suara TPS 001 rusak." in page
    assert re.search(r"#\d+ Kotak suara", page)


def test_handover_notes_are_the_agencys_own(client, login_as, accounts, make_incident, db):
    login_as("polri-operator")
    assert client.post("/piket/serah-terima", data={"note": "Situasi aman."}).status_code == 303
    note = db.exec(select(DutyHandover)).one()
    assert "Situasi aman." in client.get("/piket/riwayat").get_data(as_text=True)
    login_as("tni-operator")
    assert client.get(f"/piket/serah-terima/{note.id}").status_code == 403
    assert "Situasi aman." not in client.get("/piket/riwayat").get_data(as_text=True)


def test_an_empty_handover_is_refused_in_indonesian(client, login_as, accounts, db):
    login_as("polri-operator")
    response = client.post("/piket/serah-terima", data={"note": "  "})
    assert response.status_code == 422
    assert "Tulis hal yang perlu diketahui shift berikutnya." in response.get_data(as_text=True)
    assert db.exec(select(DutyHandover)).all() == []
