"""Who may write which part of readiness, scope (a 19.06 user sees nothing of 19.02), AGHT visibility,
CSRF and the 422 answers to bad input."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.readiness.models import AghtEntry, LogisticsStock, TpsSecurity, Turnout
from app.readiness.services import deployment, summary
from tests.readiness.helpers import V_BELTIM, V_TANJUNG_1, add_tps


@pytest.fixture
def place(app, db, now, make_user):
    """Two TPS in 19.02, one in 19.06, and the operation over 19.02."""
    with app.app_context():
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_TANJUNG_1, 2, 380)
        far = add_tps(db, V_BELTIM, 1, 390)
        deployment.create_operation(db, "Operasi Mantap Praja Menumbing 2024", "19.02", actor=None, now=now)
        db.add(LogisticsStock(tps_id=a.id, item="surat_suara", needed=820, received=820))
        summary.refresh_scope(db, "19", now=now)
        db.commit()
    return {"a": a.id, "b": b.id, "far": far.id}


def _logistics_form():
    from app.readiness.constants import ITEM_KEYS

    return {
        f"{k}-{f}": "3" if f in ("needed", "received") else "0"
        for k in ITEM_KEYS
        for f in ("needed", "received", "damaged_light", "damaged_heavy")
    }


def _turnout_form(voted_dpt: int = 300, dpt: int = 400) -> dict:
    return {
        f"{t}-{n}": str(v)
        for t in ("gubernur", "bupati_walikota")
        for n, v in (
            ("registered_dpt", dpt),
            ("registered_dptb", 0),
            ("voted_dpt", voted_dpt),
            ("voted_dptb", 0),
            ("voted_dpk", 0),
        )
    }


WRITES = {
    "tps": lambda ids: (f"/kesiapan/tps/{ids['a']}/ubah", {"address": "Balai Desa", "dpt": "410"}),
    "logistics": lambda ids: (f"/kesiapan/tps/{ids['a']}/logistik", _logistics_form()),
    "transfer": lambda ids: (
        "/kesiapan/pemindahan-surat-suara",
        {
            "from_tps": ids["a"],
            "to_tps": ids["b"],
            "election_type": "gubernur",
            "quantity": "1",
            "reason": "Kurang",
            "outside_village_ok": "y",
        },
    ),
    "turnout": lambda ids: (f"/kesiapan/tps/{ids['a']}/partisipasi", _turnout_form()),
    "deployment": lambda ids: ("/kesiapan/pengamanan/penugasan", {"tps_ids": [ids["a"]], "polri": "2", "tni": "0"}),
    "category": lambda ids: ("/kesiapan/pengamanan/kategori", {"tps_ids": [ids["a"]], "category": "rawan"}),
    "linmas": lambda ids: ("/kesiapan/pengamanan/linmas", {"tps_ids": [ids["a"]], "linmas": "2"}),
    "rawan": lambda ids: (f"/kesiapan/tps/{ids['a']}/kerawanan", {"i7": "1", "n7": "riwayat bentrok"}),
    "aght": lambda ids: (
        "/kesiapan/aght/baru",
        {
            "kind": "ancaman",
            "region_code": "19.02.01",
            "level": "tinggi",
            "description": "Isu serangan fajar",
            "visible_to": ["POLRI"],
        },
    ),
}

# (agency, role) → the writes it may do; every other write must answer 403.
ALLOWED = {
    ("KPU", "operator"): {"tps", "logistics", "transfer", "turnout"},
    ("KPU", "pimpinan"): {"tps", "logistics", "transfer", "turnout"},
    ("KPU", "petugas"): set(),
    ("POLRI", "operator"): {"deployment", "category", "linmas"},
    ("TNI", "operator"): {"deployment", "category", "linmas"},
    ("PEMDA", "operator"): {"linmas"},
    ("PEMDA", "pimpinan"): {"linmas"},
    ("BAWASLU", "operator"): {"rawan"},
    ("KEJAKSAAN", "operator"): {"aght"},
}
CASES = [(agency, role, write, write in allowed) for (agency, role), allowed in ALLOWED.items() for write in WRITES]


@pytest.mark.parametrize(("agency", "role", "write", "allowed"), CASES, ids=[f"{a}-{r}-{w}" for a, r, w, _ok in CASES])
def test_agency_write_permissions(client, auth, make_user, place, agency, role, write, allowed):
    user = make_user(agency=agency, role=role)
    auth.login(user.username)
    url, data = WRITES[write](place)
    response = client.post(url, data=data)
    if allowed:
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    else:
        assert response.status_code == 403


def test_kpu_cannot_edit_deployment_and_polri_cannot_edit_logistics(client, auth, make_user, place, db):
    auth.login(make_user(agency="KPU").username)
    assert (
        client.post("/kesiapan/pengamanan/penugasan", data={"tps_ids": [place["a"]], "polri": "9"}).status_code == 403
    )
    auth.logout()
    auth.login(make_user(agency="POLRI").username)
    assert client.post(f"/kesiapan/tps/{place['a']}/logistik", data=_logistics_form()).status_code == 403
    assert db.exec(select(TpsSecurity)).all() == []
    assert [s.received for s in db.exec(select(LogisticsStock)).all()] == [820]


def test_nothing_outside_scope(client, auth, make_user, place):
    auth.login(make_user(agency="KPU", region_code="19.06").username)
    assert client.get(f"/tps/{place['a']}").status_code == 403
    assert client.get(f"/kesiapan/tps/{place['a']}/logistik").status_code == 403
    assert client.post(f"/kesiapan/tps/{place['a']}/partisipasi", data=_turnout_form(1)).status_code == 403
    assert client.get("/tps/999999").status_code == 404
    assert client.get(f"/tps/{place['far']}").status_code == 200
    listing = client.get("/kesiapan/tps").get_data(as_text=True)
    assert f"/tps/{place['far']}" in listing
    assert f'/tps/{place["a"]}"' not in listing
    csv = client.get("/kesiapan/ringkasan.csv").get_data(as_text=True)
    assert "19.06.01.2001" in csv
    assert "19.02" not in csv
    # Transfers cannot name a TPS outside scope either.
    response = client.post(
        "/kesiapan/pemindahan-surat-suara",
        data={
            "from_tps": place["a"],
            "to_tps": place["far"],
            "quantity": "1",
            "reason": "x",
            "election_type": "gubernur",
            "outside_village_ok": "y",
        },
    )
    assert response.status_code == 403


def test_overview_in_scope_only(client, auth, make_user, place):
    auth.login(make_user(agency="POLRI", region_code="19.06").username)
    page = client.get("/kesiapan").get_data(as_text=True)
    assert "Kecamatan Tanjung Pandan" not in page
    assert "Tanjungpandan" not in page
    assert "1 TPS" in page or "untuk 1 TPS" in page


def test_aght_visible_to_chosen_agencies_only(app, client, auth, make_user, db, now):
    jaksa = make_user(agency="KEJAKSAAN")
    auth.login(jaksa.username)
    response = client.post(
        "/kesiapan/aght/baru",
        data={
            "kind": "ancaman",
            "region_code": "19.02.02",
            "level": "tinggi",
            "place": "Desa Membalong",
            "description": "Isu serangan fajar di desa pesisir",
            "recommended_to": "POLRI",
            "visible_to": ["POLRI"],
        },
    )
    assert response.status_code == 303
    entry = db.exec(select(AghtEntry)).one()
    assert entry.visible_to == ["KEJAKSAAN", "POLRI"]
    for agency, sees in (("POLRI", True), ("KPU", False), ("BAWASLU", False), ("KEJAKSAAN", True)):
        auth.logout()
        auth.login(make_user(agency=agency).username)
        page = client.get("/kesiapan/kerawanan").get_data(as_text=True)
        assert ("Isu serangan fajar di desa pesisir" in page) is sees, agency
    auth.logout()
    auth.login(make_user(agency="POLRI", region_code="19.06").username)
    assert "Isu serangan fajar" not in client.get("/kesiapan/kerawanan").get_data(as_text=True)


def test_bad_input_is_422_with_indonesian_message(client, auth, make_user, place, db):
    auth.login(make_user(agency="KPU").username)
    response = client.post(f"/kesiapan/tps/{place['a']}/partisipasi", data=_turnout_form(voted_dpt=-5))
    assert response.status_code == 422
    assert "Isi dengan bilangan bulat, 0 atau lebih." in response.get_data(as_text=True)
    assert 'value="-5"' in response.get_data(as_text=True)
    response = client.post(f"/kesiapan/tps/{place['a']}/partisipasi", data=_turnout_form(voted_dpt=900, dpt=900))
    assert response.status_code == 422
    assert "900 pemilih melebihi 410 surat suara TPS ini (termasuk surat suara pindahan)." in response.get_data(
        as_text=True
    )
    assert db.get(Turnout, place["a"]) is None
    form = _logistics_form() | {"tinta-received": "-1", "bilik-received": "abc"}
    response = client.post(f"/kesiapan/tps/{place['a']}/logistik", data=form)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Isi dengan bilangan bulat." in body
    assert 'value="-1"' in body
    assert 'value="abc"' in body  # kept as typed, to correct
    # An emptied field is asked for, not saved as 0 (it wiped the need and the count without a word).
    emptied = client.post(
        f"/kesiapan/tps/{place['a']}/logistik",
        data=_logistics_form() | {"surat_suara-needed": "", "surat_suara-received": ""},
    )
    assert emptied.status_code == 422
    assert emptied.get_data(as_text=True).count("Isi angkanya; 0 bila tidak ada.") == 2
    response = client.post(
        "/kesiapan/pemindahan-surat-suara",
        data={
            "from_tps": place["a"],
            "to_tps": place["b"],
            "quantity": "5000",
            "reason": "Kurang",
            "election_type": "gubernur",
            "outside_village_ok": "y",
        },
    )
    assert response.status_code == 422
    assert "TPS 001 hanya memiliki 820 surat suara yang layak pakai." in response.get_data(as_text=True)
    response = client.post(
        "/kesiapan/pemindahan-surat-suara",
        data={"from_tps": place["a"], "to_tps": place["b"], "quantity": "0", "reason": "", "election_type": "gubernur"},
    )
    assert response.status_code == 422
    assert "Sebutkan alasan pemindahan." in response.get_data(as_text=True)


def test_deployment_bad_input_is_422(client, auth, make_user, place):
    auth.login(make_user(agency="POLRI").username)
    response = client.post("/kesiapan/pengamanan/penugasan", data={"polri": "2"})
    assert response.status_code == 422
    assert "Pilih paling sedikit satu TPS." in response.get_data(as_text=True)
    response = client.post("/kesiapan/pengamanan/kategori", data={"tps_ids": [place["a"]], "category": "bahaya"})
    assert response.status_code == 422
    assert "Kategori pengamanan tidak dikenal." in response.get_data(as_text=True)


def test_a_refused_staffing_pattern_marks_each_number_and_keeps_it(client, auth, make_user, place):
    """Empty, decimal and zero-TPS values are each named next to their cell, typed values stay (they were replaced
    by the saved pattern), and nothing is saved."""
    from app.readiness.constants import CATEGORIES
    from app.readiness.services.deployment import DEFAULT_PATTERN

    form = {}
    for category, _label in CATEGORIES:
        personnel, tps, linmas = DEFAULT_PATTERN[category]
        form |= {
            f"{category}-personnel": str(personnel),
            f"{category}-tps": str(tps),
            f"{category}-linmas": str(linmas),
        }
    first = CATEGORIES[0][0]
    form |= {f"{first}-personnel": "", f"{first}-tps": "0", f"{first}-linmas": "1.5"}
    auth.login(make_user(agency="POLRI").username)
    response = client.post("/kesiapan/pengamanan/pola", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{first}-personnel-err">Isi angkanya; 0 bila tidak ada.' in page
    assert f'id="{first}-tps-err">Isi paling sedikit 1.' in page
    assert f'id="{first}-linmas-err">Isi dengan bilangan bulat.' in page
    assert f'name="{first}-linmas" id="{first}-linmas" type="number" min="0" inputmode="numeric" value="1.5"' in page
    assert 'id="rd-pattern" open' in page
    ok = client.post(
        "/kesiapan/pengamanan/pola",
        data=form | {f"{first}-personnel": "3", f"{first}-tps": "2", f"{first}-linmas": "1"},
    )
    assert ok.status_code == 303


def test_posts_need_the_csrf_token(app, client, auth, make_user, place, monkeypatch):
    auth.login(make_user(agency="KPU").username)
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post(f"/kesiapan/tps/{place['a']}/partisipasi", data=_turnout_form())
    assert response.status_code == 400
    response = client.post(f"/kesiapan/tps/{place['a']}/logistik", data=_logistics_form())
    assert response.status_code == 400


def test_readers_see_every_page(client, auth, make_user, place):
    auth.login(make_user(agency="BAWASLU", role="petugas").username)
    for url in (
        "/kesiapan",
        "/kesiapan/tps",
        f"/tps/{place['a']}",
        "/kesiapan/logistik",
        "/kesiapan/pengamanan",
        "/kesiapan/kerawanan",
        "/kesiapan/ringkasan.csv",
    ):
        assert client.get(url).status_code == 200, url
    card = client.get(f"/tps/{place['a']}").get_data(as_text=True)
    assert 'id="card-incidents"' in card  # incidents come from the timeline's "tps_incidents" provider
    assert client.get("/kesiapan", follow_redirects=False).status_code == 200
