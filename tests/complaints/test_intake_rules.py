"""Intake rules fixed in the code-shape round: "today" is the complaint's own region's date, phone numbers are
stored in E.164 or refused, and the register code comes from the election the report concerns."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from app.complaints import forms
from app.complaints.models import Complaint
from app.complaints.services import ComplaintError, handling
from app.complaints.services.intake import concerned_elections, create_complaint
from app.regions.models import Election, Region
from tests.complaints.test_intake import valid

# 16.30 UTC on 27 Nov 2024: 23.30 WIB on the 27th, but already 00.30 WITA / 01.30 WIT on the 28th.
LATE_EVENING_WIB = datetime(2024, 11, 27, 16, 30, tzinfo=UTC)


@pytest.fixture
def eastern_regencies(db):
    """Lombok Timur (WITA) and Kota Jayapura (WIT) as reference data beside the loaded Bangka Belitung (like it,
    they stay for the session: complaints and audit entries may point at them)."""
    rows = [
        Region(code="52", name="Nusa Tenggara Barat", level=1, type="provinsi", timezone="Asia/Makassar"),
        Region(
            code="52.03", name="Lombok Timur", level=2, type="kabupaten", parent_code="52", timezone="Asia/Makassar"
        ),
        Region(code="91", name="Papua", level=1, type="provinsi", timezone="Asia/Jayapura"),
        Region(code="91.71", name="Kota Jayapura", level=2, type="kota", parent_code="91", timezone="Asia/Jayapura"),
    ]
    for row in rows:
        if db.get(Region, row.code) is None:
            db.add(row)
    db.commit()


@pytest.mark.parametrize("regency", ["52.03", "91.71"])
def test_public_form_takes_today_from_the_complaints_region(client, eastern_regencies, monkeypatch, regency):
    """UU 1/2015 Pasal 134(4) counts from the day the violation became known, a local date; Keppres 41/1987 puts
    NTB in WITA and Papua in WIT (domain.md §7.1). Just after midnight there, an event of "today" is not in the
    future, although it still is in WIB (the form used Bangka Belitung's zone for every region before)."""
    monkeypatch.setattr(forms, "utcnow", lambda: LATE_EVENING_WIB)
    event = {"region_code": regency, "event_region_code": "", "occurred_on": "2024-11-28", "known_on": "2024-11-28"}
    r = client.post("/pengaduan/baru", data={**valid(**event), "step": "peristiwa"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert "Langkah 4 dari 6" in r.get_data(as_text=True)


def test_the_same_moment_is_still_the_day_before_in_wib(client, monkeypatch):
    """The counterpart: in Belitung (WIB) it is 23.30 on 27 Nov, so the 28th is in the future."""
    monkeypatch.setattr(forms, "utcnow", lambda: LATE_EVENING_WIB)
    event = {"occurred_on": "2024-11-28", "known_on": "2024-11-28"}
    r = client.post("/pengaduan/baru", data={**valid(**event), "step": "peristiwa"})
    assert r.status_code == 422
    assert "Tanggal kejadian tidak boleh di masa depan" in r.get_data(as_text=True)


def test_an_invalid_phone_of_the_reported_person_is_refused_not_stored_raw(client):
    """Defect of the old wizard (code review §2 #9): a phone number it could not read was stored as typed. The
    reported person's phone (A.1 item 2c) is now checked like the reporter's and the witnesses'."""
    r = client.post("/pengaduan/baru", data={**valid(subject_phone="12-ab"), "step": "terlapor"})
    assert r.status_code == 422
    assert "Nomor telepon tidak valid" in r.get_data(as_text=True)
    r = client.post("/pengaduan/baru", data={**valid(subject_phone="0812 7700 1122"), "step": "terlapor"})
    assert r.status_code == 200


def test_the_input_model_refuses_a_phone_it_cannot_read(complaint_input):
    """The service's input holds E.164 numbers only (lokal-id reads Indonesian numbers): never raw text."""
    assert complaint_input(subject_phone="0812-7700-1122").subject_phone == "+6281277001122"
    with pytest.raises(ValueError, match="phone"):
        complaint_input(reporter_phone="not a number")


# ---- the election a report concerns (Gubernur and Bupati on one day) --------------------------------------------


@pytest.fixture
def two_elections(db):
    """27 Nov 2024 in Belitung: Pemilihan Gubernur Kepulauan Bangka Belitung and Pemilihan Bupati Belitung."""
    gubernur = Election(
        name="Pemilihan Gubernur Kepulauan Bangka Belitung 2024", region_code="19", voting_day=date(2024, 11, 27)
    )
    bupati = Election(name="Pemilihan Bupati Belitung 2024", region_code="19.02", voting_day=date(2024, 11, 27))
    db.add_all([gubernur, bupati])
    db.commit()
    return {"gubernur": gubernur, "bupati": bupati}


def test_both_elections_of_the_day_are_offered_the_regencys_own_first(app, db, now, two_elections):
    """Domain review §1d: Belitung held the Pilgub Babel and the Pilbup together on 27 Nov 2024; a report concerns
    one of them. Elections of another regency (Belitung Timur) are not offered."""
    db.add(Election(name="Pemilihan Bupati Belitung Timur 2024", region_code="19.03", voting_day=date(2024, 11, 27)))
    db.commit()
    offered = concerned_elections(db, "19.02", date(2024, 11, 20))
    assert [e.id for e in offered] == [two_elections["bupati"].id, two_elections["gubernur"].id]


@pytest.mark.parametrize(("chosen", "code"), [("gubernur", "PG"), ("bupati", "PB")])
def test_register_code_comes_from_the_chosen_election(
    app, db, now, make_user, complaint_input, two_elections, chosen, code
):
    """Register numbers ``NNN/LP/<code>/Kab/…`` carry the election code: PB = pemilihan bupati (sigaplapor,
    radarkaur [S]), PG = gubernur ([U], configurable). With two elections that day the officer's choice decides
    (domain review §1d, issue 11 point 7)."""
    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    election = two_elections[chosen]
    with app.app_context():
        c = create_complaint(db, complaint_input(election_id=election.id), actor=op, now=now).complaint
        c.a1_signed_at = now
        handling.transition(db, c, "kajian_awal", actor=op, now=now)
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=now)
        handling.transition(db, c, "diregistrasi", actor=op, now=now)
    assert c.election_id == election.id
    assert f"/LP/{code}/Kab/" in c.register_number


def test_with_two_elections_the_report_must_name_one(app, db, now, complaint_input, two_elections):
    """Without a choice the register code would be a guess (the old intake always took the bupati's, PB)."""
    with app.app_context(), pytest.raises(ComplaintError) as refused:
        create_complaint(db, complaint_input(), now=now)
    assert refused.value.field == "election_id"
    other = Election(name="Pemilihan Bupati Belitung Timur 2024", region_code="19.03", voting_day=date(2024, 11, 27))
    db.add(other)
    db.flush()
    with app.app_context(), pytest.raises(ComplaintError) as refused:
        create_complaint(db, complaint_input(election_id=other.id), now=now)
    assert refused.value.field == "election_id"


def test_public_form_asks_which_election_when_two_are_held(client, db, two_elections):
    """The reporter chooses (issue 11 point 7): the event step shows both elections and refuses to go on without."""
    r = client.post("/pengaduan/baru", data={**valid(), "step": "peristiwa"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Pilih pemilihan yang dilaporkan." in html
    assert "Pemilihan Gubernur Kepulauan Bangka Belitung 2024" in html
    gubernur = str(two_elections["gubernur"].id)
    r = client.post("/pengaduan/baru", data={**valid(election_id=gubernur), "step": "peristiwa"})
    assert r.status_code == 200
    assert f'<input type="hidden" name="election_id" value="{gubernur}">' in r.get_data(as_text=True)
    r = client.post("/pengaduan/baru/kirim", data=valid(election_id=gubernur, idempotency_key="two-elections-01"))
    assert r.status_code == 303
    complaint = db.exec(select(Complaint)).one()
    assert complaint.election_id == two_elections["gubernur"].id


def test_staff_intake_asks_which_election_when_two_are_held(client, auth, db, make_user, two_elections):
    """The officer chooses too (issue 11 point 7); one election alone needs no choice."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    auth.login("bawaslu-operator")
    page = client.get("/pengaduan/catat").get_data(as_text=True)
    assert 'name="election_id"' in page
    data = {k: v for k, v in valid().items() if k not in ("consent", "truth_statement")}
    assert client.post("/pengaduan/catat", data=data).status_code == 422
    bupati = two_elections["bupati"].id
    r = client.post("/pengaduan/catat", data={**data, "election_id": str(bupati)})
    assert r.status_code == 303
    assert db.exec(select(Complaint)).one().election_id == bupati


def test_a_laporan_is_called_a_laporan_not_lapor(client, auth, make_user, make_complaint, db):
    """Domain review §6 (terms): Bawaslu's word for the report is *laporan*. The kind badge read "Lapor" (the
    timeline's button, "report!") after a catalog fill overwrote the shared msgid; the kind has its own now."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    c = make_complaint().complaint
    db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert '<span class="badge">Laporan</span>' in page
    assert '<span class="badge">Lapor</span>' not in page


def test_a_value_not_on_a_list_is_refused_in_indonesian(client):
    """Bad input gives an Indonesian message by the field (WTForms has no Indonesian catalog: its "Not a valid
    choice." reached the reporter in English for a tampered select)."""
    r = client.post("/pengaduan/baru", data={**valid(reporter_gender="Q"), "step": "pelapor"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Pilih dari daftar." in html
    assert "Not a valid choice" not in html
