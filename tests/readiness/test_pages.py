"""Readiness pages beyond permissions: dashboard panels per agency, the live turnout fragment, the CSV,
turnout import, and the card's incidents from the timeline provider."""

from __future__ import annotations

import io
import re

import pytest
from sqlmodel import select

from app.readiness.models import LogisticsStock, Turnout, TurnoutCount
from app.readiness.services import summary
from app.readiness.services.turnout import record_turnout
from app.regions.models import Election
from app.registry import registry_of
from tests.readiness.helpers import V_MEMBALONG, V_TANJUNG_1, add_tps


@pytest.fixture
def filled(app, db, now, make_user):
    kpu = make_user("kpu-data", agency="KPU")
    with app.app_context():
        db.add(Election(name="Pilkada Belitung 2024", region_code="19.02", voting_day=now.date(), created_at=now))
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_MEMBALONG, 1, 500)
        db.add(LogisticsStock(tps_id=a.id, item="surat_suara", needed=820, received=820))
        db.add(LogisticsStock(tps_id=b.id, item="surat_suara", needed=1026, received=513))
        record_turnout(db, a, 320, actor=kpu, now=now)
        record_turnout(db, b, 399, actor=kpu, now=now)
        summary.refresh_scope(db, "19.02", now=now)
        db.commit()
    return {"a": a.id, "b": b.id}


@pytest.mark.parametrize(
    ("agency", "role", "shown", "hidden"),
    [
        ("KPU", "operator", ["Logistik siap", "Pemindahan surat suara", "Partisipasi"], ["TPS rawan"]),
        ("POLRI", "operator", ["Personel"], ["Logistik siap"]),
        ("BAWASLU", "operator", ["TPS rawan"], ["Logistik siap"]),
        ("KEJAKSAAN", "operator", ["AGHT"], ["Logistik siap"]),
        ("PEMDA", "sekretariat", ["Logistik siap", "Personel", "TPS rawan", "AGHT", "Partisipasi"], []),
        ("TNI", "pimpinan", ["Logistik siap", "Personel", "TPS rawan"], []),
    ],
)
def test_dashboard_panel_per_agency(client, auth, make_user, filled, agency, role, shown, hidden):
    auth.login(make_user(agency=agency, role=role).username)
    page = client.get("/").get_data(as_text=True)
    panel = page[page.index('id="panel-readiness"') :]
    panel = panel[: panel.index("</section>")]
    for text in shown:
        assert text in panel, text
    for text in hidden:
        assert text not in panel, text


def test_overview_numbers_live_fragment_and_csv(client, htmx, auth, make_user, filled, now, monkeypatch):
    monkeypatch.setattr("app.readiness.routes.common.utcnow", lambda: now)  # voting day, 14.30 WIB
    auth.login(make_user(agency="PEMDA", role="pimpinan").username)
    page = client.get("/kesiapan").get_data(as_text=True)
    # (320 + 399) / (400 + 500) = 79,89%; on voting day the block polls itself.
    assert "79,89%" in page
    assert 'hx-trigger="every 30s"' in page
    assert "Tertinggi: Kelurahan Kota (80,00%) · Terendah: Desa Membalong (79,80%)" in page
    fragment = htmx.get("/kesiapan/partisipasi")
    assert fragment.status_code == 200
    assert fragment.get_data(as_text=True).lstrip().startswith('<section class="card" id="turnout"')
    assert client.get("/kesiapan/partisipasi").status_code == 303
    csv = client.get("/kesiapan/ringkasan.csv").get_data(as_text=True).splitlines()
    assert csv[1].startswith("kabupaten,19.02,Kabupaten Belitung,2,900,1846,1333,")
    assert csv[1].endswith(",79.89")


def test_turnout_import_all_or_nothing(client, auth, make_user, filled, db):
    auth.login(make_user(agency="KPU").username)

    def upload(body: str):
        return client.post(
            "/kesiapan/partisipasi/impor",
            data={"file": (io.BytesIO(body.encode()), "t.csv")},
            content_type="multipart/form-data",
        )

    response = upload(f"kode_desa,nomor_tps,pengguna_hak_pilih\n{V_TANJUNG_1},1,300\n{V_MEMBALONG},9,10\n")
    assert response.status_code == 422
    assert f"Baris 3: tidak ada TPS 9 di desa {V_MEMBALONG} dalam wilayah Anda." in response.get_data(as_text=True)
    assert db.get(Turnout, filled["a"]).voted == 320
    response = upload(f"kode_desa,nomor_tps,pengguna_hak_pilih\n{V_TANJUNG_1},1,tiga ratus\n")
    assert "Baris 2: nomor_tps dan pengguna_hak_pilih harus bilangan bulat." in response.get_data(as_text=True)
    # the English column names of earlier versions are still read, and Excel's semicolons
    assert upload(f"village_code;number;voted\n{V_TANJUNG_1};1;300\n").status_code == 303
    db.expire_all()
    assert db.get(Turnout, filled["a"]).voted == 300


CHASIL = "kode_desa,nomor_tps,jenis_pemilihan,pemilih_dpt,pemilih_dptb,pengguna_dpt,pengguna_dptb,pengguna_dpk\n"


def test_the_chasil_sheet_of_ones_tps_fills_in_and_imports(client, auth, make_user, filled, db):
    """The sheet lists every TPS of the operator's region once per election held there, the figures empty; filled
    in, the same file imports. Only those who enter turnout get it."""
    polri = make_user(agency="POLRI").username
    auth.login(make_user(agency="KPU").username)
    response = client.get("/kesiapan/partisipasi/contoh.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] + "\n" == CHASIL
    assert lines[1:] == [
        f"{V_TANJUNG_1},1,gubernur,,,,,",
        f"{V_TANJUNG_1},1,bupati_walikota,,,,,",
        f"{V_MEMBALONG},1,gubernur,,,,,",
        f"{V_MEMBALONG},1,bupati_walikota,,,,,",
    ]
    assert "/kesiapan/partisipasi/contoh.csv" in client.get("/kesiapan/partisipasi/impor").get_data(as_text=True)
    filled_in = "\n".join([lines[0], *(line.replace(",,,,,", ",400,0,300,0,0") for line in lines[1:3])]) + "\n"
    filled_in += "\n".join(line.replace(",,,,,", ",500,0,350,0,0") for line in lines[3:]) + "\n"
    imported = client.post(
        "/kesiapan/partisipasi/impor",
        data={"file": (io.BytesIO(filled_in.encode("utf-8-sig")), "partisipasi.csv")},
        content_type="multipart/form-data",
    )
    assert imported.status_code == 303
    db.expire_all()
    assert db.get(Turnout, filled["a"]).voted == 300
    assert db.get(Turnout, filled["b"]).voted == 350
    auth.logout()
    auth.login(polri)
    assert client.get("/kesiapan/partisipasi/contoh.csv").status_code == 403


def test_turnout_import_with_the_chasil_figures(client, auth, make_user, filled, db):
    """The C.HASIL breakdown imports the KPU 2024 way (pengguna hak pilih DPT + DPTb + DPK over pemilih DPT +
    DPTb + DPK; domain.md §0), checked by the form's own rules (PKPU 17/2024: no more DPTb voters for the regent
    than for the governor), every election of the TPS required; one wrong row saves nothing."""
    auth.login(make_user(agency="KPU").username)

    def upload(body: str):
        return client.post(
            "/kesiapan/partisipasi/impor",
            data={"file": (io.BytesIO((CHASIL + body).encode()), "c-hasil.csv")},
            content_type="multipart/form-data",
        )

    page = client.get("/kesiapan/partisipasi/impor").get_data(as_text=True)
    assert "pemilih_dpt, pemilih_dptb, pengguna_dpt, pengguna_dptb, pengguna_dpk" in page
    assert "jenis_pemilihan adalah salah satu dari" in page
    assert "gubernur, bupati_walikota" in page

    wrong = (
        f"{V_TANJUNG_1},1,gubernur,400,4,300,4,2\n"
        f"{V_TANJUNG_1},1,bupati_walikota,400,5,300,5,2\n"  # more DPTb than the governor's
        f"{V_MEMBALONG},1,gubernur,500,0,350,0,0\n"  # its regent row is missing
        f"{V_MEMBALONG},1,dprd,500,0,350,0,0\n"  # not held in a Pilkada
        f"{V_MEMBALONG},1,gubernur,500,0,350,0,0\n"  # twice
        f"{V_MEMBALONG},x,gubernur,500,0,350,0,0\n"
    )
    response = upload(wrong)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = re.findall(r"<li>(Baris \d+[^<]*)</li>", text)  # in the file's order
    assert len(errors) == 5
    assert errors[0].startswith("Baris 3 (TPS 1): Tidak boleh melebihi DPTb pemilihan Gubernur")
    assert errors[1] == "Baris 4: TPS 1 juga memerlukan baris bupati_walikota."
    assert errors[2] == "Baris 5: jenis pemilihan dprd tidak diselenggarakan di TPS ini (gubernur, bupati_walikota)."
    assert errors[3] == "Baris 6: gubernur untuk TPS ini sudah ada di berkas."
    assert errors[4] == "Baris 7: nomor_tps dan angka-angkanya harus bilangan bulat."
    db.expire_all()
    assert db.get(Turnout, filled["a"]).voted == 320  # nothing saved
    assert db.exec(TurnoutCount.__table__.select()).all() == []

    right = f"{V_TANJUNG_1},1,gubernur,400,4,300,4,2\n{V_TANJUNG_1},1,bupati_walikota,400,3,298,3,2\n"
    assert upload(right).status_code == 303
    db.expire_all()
    headline = db.get(Turnout, filled["a"])
    assert (headline.voted, headline.eligible, headline.source) == (306, 406, "import")  # 300+4+2 of 400+4+2
    counts = {c.election_type: c for c in db.exec(select(TurnoutCount)).all()}
    assert counts["bupati_walikota"].voters == 303


def test_card_shows_incidents_from_the_timeline_provider(app, client, auth, make_user, filled, monkeypatch):
    calls = []

    def incidents(session, user, tps_ids):
        calls.append((user.username, tps_ids))
        return [
            {
                "id": 7,
                "tps_id": tps_ids[0],
                "title": "Surat suara kurang <b>",
                "category_label": "Logistik",
                "severity": "rawan",
                "status": "ditangani",
                "status_label": "Ditangani",
                "created_at": None,
                "url": "/kerawanan/7",
            }
        ]

    monkeypatch.setitem(registry_of(app).providers, "tps_incidents", incidents)
    user = make_user(agency="BAWASLU")
    auth.login(user.username)
    card = client.get(f"/tps/{filled['a']}").get_data(as_text=True)
    assert calls == [(user.username, [filled["a"]])]
    assert 'href="/kerawanan/7"' in card
    assert "Surat suara kurang &lt;b&gt;" in card
    assert "Ditangani" in card


def test_a_tps_is_found_by_number_and_village_in_two_taps(client, auth, make_user, db):
    """Issue 13 point 6: from Kesiapan, type the TPS and open its card (logistics entry) — never outside scope."""
    from tests.readiness.helpers import V_BELTIM

    with client.application.app_context():
        mine = add_tps(db, V_MEMBALONG, 3, 300)
        add_tps(db, V_MEMBALONG, 4, 300)
        add_tps(db, V_TANJUNG_1, 3, 300)
        far = add_tps(db, V_BELTIM, 3, 300)
        db.commit()
    auth.login(make_user(agency="KPU").username)
    assert 'name="cari"' in client.get("/kesiapan").get_data(as_text=True)
    found = client.get("/kesiapan/tps?cari=3+membalong").get_data(as_text=True)
    assert found.count('class="card list-item"') == 1
    assert f"/tps/{mine.id}" in found
    by_number = client.get("/kesiapan/tps?cari=TPS+003").get_data(as_text=True)
    assert by_number.count('class="card list-item"') == 2  # Membalong and Tanjungpandan, not Belitung Timur
    assert f"/tps/{far.id}" not in by_number
    assert "Tidak ada TPS" in client.get("/kesiapan/tps?cari=%25_%25").get_data(as_text=True)  # LIKE escaped


def test_wtforms_own_messages_are_indonesian(client, auth, make_user, filled):
    """A decimal DPT or a word for the longitude is refused by WTForms itself; its message comes from the app's
    catalog (WTForms ships no Indonesian), next to the field."""
    auth.login(make_user(agency="KPU").username)
    response = client.post(
        f"/kesiapan/tps/{filled['a']}/ubah", data={"address": "Balai", "dpt": "1.5", "longitude": "timur"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Harus bilangan bulat." in page
    assert "Harus angka; tulis desimal dengan titik" in page
    assert "Not a valid" not in page
    # One message per mistake: an unreadable number is not also "negative" or "out of range".
    assert "Tidak boleh negatif." not in page
    assert "Antara -180 dan 180." not in page


def test_a_province_user_reads_a_tps_card_with_the_tps_own_operation_and_elections(
    app, client, auth, db, now, make_user, filled
):
    """The card of a Belitung TPS read from the province: Belitung Timur's newer operation is not Belitung's, and
    the overview names the desk's elections (two regents' on one day)."""
    from app.readiness.services import deployment

    with app.app_context():
        db.add(Election(name="Pilkada Belitung Timur 2024", region_code="19.06", voting_day=now.date(), created_at=now))
        deployment.create_operation(db, "Operasi Belitung Timur", "19.06", actor=None, now=now)
        db.commit()
    auth.login(make_user("prov-kpu", agency="KPU", region_code="19").username)
    card = client.get(f"/tps/{filled['a']}").get_data(as_text=True)
    security = card[card.index('id="card-security"') :][:1500]
    assert "Belum ada operasi" in security
    overview = client.get("/kesiapan").get_data(as_text=True)
    assert "dan 1 pemilihan lain pada hari yang sama" in overview


def test_wtforms_length_and_range_messages_are_indonesian_too(app):
    """Length's messages are plural forms (ngettext): a note sent through the outbox, past the browser's maxlength,
    read "Field cannot be longer than 500 characters." in English."""
    from werkzeug.datastructures import MultiDict

    from app.votingday.forms import CheckinForm

    with app.test_request_context(headers={"Accept-Language": "id"}):
        form = CheckinForm(MultiDict({"note": "x" * 501}), meta={"csrf": False})
        form.validate()
    assert form.note.errors == ["Isian paling banyak 500 karakter."]
