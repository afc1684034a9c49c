"""Posting officers to TPS (``/hari-h/penugasan``): the agency's operator posts its own officers to TPS of both
their areas, and the officer's check-in form opens on their own TPS."""

from __future__ import annotations

import re

from sqlmodel import select

from app.audit.models import AuditLog
from app.votingday.models import TpsAssignment
from tests.votingday.conftest import NOW
from tests.votingday.test_checkin import iso, post


def _post(client, officer, tps):
    return client.post("/hari-h/penugasan", data={"officer": str(officer), "tps_id": str(tps)})


def _postings(db):
    db.expire_all()
    return db.exec(select(TpsAssignment).order_by(TpsAssignment.id)).all()


def _options(page: str) -> list[tuple[str, bool, str]]:
    """(value, selected, label) of the check-in form's TPS select, in order."""
    select_html = page.split('<select id="tps_id"', 1)[1].split("</select>", 1)[0]
    return [
        (value, bool(selected), label)
        for value, selected, label in re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', select_html)
    ]


def test_an_operator_posts_an_officer_whose_form_then_opens_on_that_tps(client, login_as, accounts, places, clock, db):
    officer, first, second = accounts["polri-petugas"], places["membalong2"], places["membalong1"]
    login_as("polri-operator")
    page = client.get("/hari-h").get_data(as_text=True)
    assert 'id="vd-assign-link"' in page
    listing = client.get("/hari-h/penugasan").get_data(as_text=True)
    assert "Penugasan TPS" in listing
    assert officer.name in listing
    assert "Belum ditugaskan ke TPS." in listing
    assert accounts["kpu-petugas"].name not in listing  # another agency's officer
    assert _post(client, officer.id, first.id).status_code == 303
    assert _post(client, officer.id, second.id).status_code == 303
    assert [(p.user_id, p.tps_id, p.agency, p.region_code) for p in _postings(db)] == [
        (officer.id, first.id, "POLRI", first.village_code),
        (officer.id, second.id, "POLRI", second.village_code),
    ]
    audit = db.exec(select(AuditLog).where(AuditLog.action == "votingday.assign").order_by(AuditLog.id)).all()
    assert [(a.object_type, a.object_id, a.after["officer"]) for a in audit] == [
        ("tps", str(first.id), officer.name),
        ("tps", str(second.id), officer.name),
    ]
    assert "TPS 002 — " in client.get(f"/hari-h/penugasan?petugas={officer.id}").get_data(as_text=True)

    login_as("polri-petugas")
    options = _options(client.get("/hari-h").get_data(as_text=True))
    assert [value for value, *_x in options[:2]] == [str(first.id), str(second.id)]  # posted first, in order
    assert options[0][1]
    assert options[0][2].endswith("· TPS tugas Anda")
    assert options[1][2].endswith("TPS tugas Anda")
    assert len(options) == 2  # Kecamatan Membalong has two TPS
    assert post(client, first, "petugas_tiba", occurred_at=iso(NOW), sent_at=iso(NOW)).status_code == 303
    options = _options(client.get("/hari-h").get_data(as_text=True))
    assert [value for value, selected, _l in options if selected] == [str(second.id)]  # the next one with work


def test_postings_are_refused_with_a_message_next_to_the_field(client, login_as, accounts, places, clock, db):
    officer = accounts["polri-petugas"]  # Kecamatan Membalong
    login_as("polri-operator")  # Kabupaten Belitung
    cases = [
        (accounts["kpu-petugas"].id, places["membalong1"].id, "Pilih petugas instansi Anda"),
        (accounts["polri-pimpinan"].id, places["membalong1"].id, "Pilih petugas instansi Anda"),  # records no step
        (officer.id, places["tanjungpandan1"].id, "di luar wilayah petugas"),
        (officer.id, places["beltim1"].id, "Pilih TPS di wilayah Anda"),
        ("abc", places["membalong1"].id, "Pilih petugas."),
        (officer.id, "1e9", "Pilih TPS di wilayah Anda"),
        (officer.id, 999999, "Pilih TPS di wilayah Anda"),
    ]
    for who, tps, message in cases:
        response = _post(client, who, tps)
        assert response.status_code == 422, (who, tps)
        if message:
            assert message in response.get_data(as_text=True), (who, tps)
    assert _postings(db) == []
    assert _post(client, officer.id, places["membalong1"].id).status_code == 303
    again = _post(client, officer.id, places["membalong1"].id)
    assert again.status_code == 422
    page = again.get_data(as_text=True)
    assert "sudah ditugaskan ke TPS ini" in page
    assert re.search(rf'<option value="{places["membalong1"].id}" data-village="[\d.]+" selected>', page)  # kept
    assert len(_postings(db)) == 1


def test_only_the_agencys_operators_and_heads_post_and_end_postings(client, login_as, accounts, places, clock, db):
    login_as("polri-operator")
    assert _post(client, accounts["polri-petugas"].id, places["membalong1"].id).status_code == 303
    (posting,) = _postings(db)
    posting_id, tps_id = posting.id, posting.tps_id
    for name in ("polri-petugas", "kpu-petugas"):
        login_as(name)
        assert client.get("/hari-h/penugasan").status_code == 403
        assert 'id="vd-assign-link"' not in client.get("/hari-h").get_data(as_text=True)
    login_as("kpu-operator")
    kpu_listing = client.get("/hari-h/penugasan").get_data(as_text=True)
    assert accounts["kpu-petugas"].name in kpu_listing
    assert accounts["polri-petugas"].name not in kpu_listing
    assert client.post(f"/hari-h/penugasan/{posting_id}/hapus").status_code == 403
    login_as("beltim-polri-operator")  # Polri, but of Belitung Timur
    assert client.post(f"/hari-h/penugasan/{posting_id}/hapus").status_code == 403
    assert client.post("/hari-h/penugasan/999999/hapus").status_code == 404
    login_as("polri-pimpinan")
    listing = client.get("/hari-h/penugasan").get_data(as_text=True)
    assert f"Akhiri penugasan {accounts['polri-petugas'].name} ke TPS 001" in listing
    assert client.post(f"/hari-h/penugasan/{posting_id}/hapus").status_code == 303
    assert _postings(db) == []
    (ended,) = db.exec(select(AuditLog).where(AuditLog.action == "votingday.unassign")).all()
    assert (ended.object_id, ended.before["officer"]) == (str(tps_id), accounts["polri-petugas"].name)


def test_the_tps_list_follows_the_chosen_officers_area(client, login_as, accounts, places, make_user, db):
    """An officer of one kecamatan may be posted to its TPS only: each TPS option names its village (the page
    narrows the list to the chosen officer's area) and the default TPS lies in the default officer's area, so
    posting at once is not refused."""
    other = make_user("polri-petugas-tp", agency="POLRI", role="petugas", region_code="19.02.01")
    login_as("polri-operator")
    page = client.get(f"/hari-h/penugasan?petugas={other.id}").get_data(as_text=True)
    regions = re.search(r'data-officer-regions="([^"]+)"', page).group(1).replace("&#34;", '"')
    assert f'"{other.id}": "19.02.01"' in regions
    options = re.findall(r'<option value="(\d+)" data-village="([\d.]+)"( selected)?>', page)
    assert {village for _v, village, _s in options} >= {"19.02.02.2001", places["tanjungpandan1"].village_code}
    chosen = [(value, village) for value, village, selected in options if selected]
    assert chosen == [(str(places["tanjungpandan1"].id), places["tanjungpandan1"].village_code)]
    assert _post(client, other.id, chosen[0][0]).status_code == 303
