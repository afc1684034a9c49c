"""The province roll-up: a province-scoped user sees each kabupaten/kota desk's signed report of the day and
which are missing; kabupaten users do not get the roll-up."""

from __future__ import annotations

from sqlmodel import select

from app.sitrep.models import SitrepReport
from tests.sitrep.conftest import wib


def test_province_sees_signed_and_missing(client, login_as, accounts, make_user, make_incident, clock, db):
    make_user("prov-pemda-pimpinan", agency="PEMDA", role="pimpinan", region_code="19")
    make_incident(accounts["polri-operator"], wib(9))
    make_incident(accounts["polri-operator"], wib(10))
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    belitung = db.exec(select(SitrepReport).where(SitrepReport.region_code == "19.02")).one()
    client.post(f"/laporan-situasi/{belitung.id}/tandatangan", data={"confirm": "y"})
    login_as("beltim-pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})  # a draft only

    login_as("prov-pemda-pimpinan")
    page = client.get("/laporan-situasi").get_data(as_text=True)
    rollup = page[page.index('id="sitrep-rollup"') : page.index("</section>", page.index('id="sitrep-rollup"'))]
    rows = {chunk.split('"', 1)[0]: chunk for chunk in rollup.split('data-region="')[1:]}
    assert f"/laporan-situasi/{belitung.id}" in rows["19.02"]
    assert "belum ditandatangani (draf)" in rows["19.06"]
    missing = [code for code, chunk in rows.items() if "belum ada" in chunk]
    assert "19.01" in missing
    assert "19.02" not in missing
    assert "19.06" not in missing
    assert "2 kerawanan (2 belum selesai)" in rows["19.02"]  # the figures Belitung signed
    combined = page[page.index('id="sitrep-combined"') :].split("</p>", 1)[0]
    assert "1 dari 7 desk sudah menandatangani: 2 kerawanan, 2 belum selesai" in combined
    assert client.get(f"/laporan-situasi/{belitung.id}").status_code == 200  # the province reads it
    assert client.post("/laporan-situasi/buat", data={}).status_code == 403  # but makes no desk report

    login_as("pemda-pimpinan")
    assert 'id="sitrep-rollup"' not in client.get("/laporan-situasi").get_data(as_text=True)


def test_province_head_is_told_which_desks_have_not_reported(app, db, accounts, make_user, client, login_as, clock):
    from app.sitrep.job import unsigned_reminders
    from tests.sitrep.conftest import NOW

    prov = make_user("prov-pemda-pimpinan", agency="PEMDA", role="pimpinan", region_code="19")
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    report = db.exec(select(SitrepReport)).one()
    client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    at = NOW.replace(hour=13, minute=30)  # 20.30 WIB
    db.expire_all()
    with app.test_request_context():
        due = {r.key: r for r in unsigned_reminders(db, at)}
    note = due["sitrep:19:2024-11-27:missing"]
    assert note.user_ids == (prov.id,)
    assert note.title == "6 kabupaten/kota belum menandatangani laporan hari ini"
    assert "Belitung Timur" in note.body
    assert "Kabupaten Belitung," not in note.body + ","  # Belitung has signed


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


def test_province_pdf_combines_the_signed_reports_and_lists_open_problems(
    app, client, login_as, accounts, make_user, make_incident, clock, db, places
):
    from app.timeline import services as timeline

    make_user("prov-pemda-pimpinan", agency="PEMDA", role="pimpinan", region_code="19")
    beltim = accounts["beltim-polri-operator"]
    make_incident(beltim, wib(8), tps_id=places["beltim1"].id, text="Jalan ke TPS tergenang banjir-PUBLIK-11")
    secret = make_incident(
        beltim, wib(9), tps_id=places["beltim1"].id, text="Informan RAHASIA-POLDA-12", visible_to=["POLRI"]
    )
    with app.test_request_context():
        timeline.promote(db, db.merge(secret), actor=beltim, now=wib(9, 30))
        db.commit()
    login_as("beltim-pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    report = db.exec(select(SitrepReport).where(SitrepReport.region_code == "19.06")).one()
    client.post(
        f"/laporan-situasi/{report.id}/narasi",
        data={"situasi_umum": "Kondusif.", "kebutuhan": "Perahu karet KEBUTUHAN-13", "rekomendasi": ""},
    )
    client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})  # Belitung: a draft only

    login_as("prov-pemda-pimpinan")
    page = client.get("/laporan-situasi").get_data(as_text=True)
    assert 'href="/laporan-situasi/provinsi.pdf"' in page
    assert "Perahu karet KEBUTUHAN-13" in page  # the open problems on the list too
    response = client.get("/laporan-situasi/provinsi.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    text = _pdf_text(response.data)
    assert "PEMERINTAH PROVINSI KEPULAUAN BANGKA BELITUNG" in text
    assert "1 dari 7 desk kabupaten/kota telah menandatangani laporan situasi hari ini: 2 kerawanan, 2" in text
    assert "belum ditandatangani (masih draf)" in text  # Belitung
    assert "2 kerawanan belum selesai" in text
    assert "1 kerawanan penting terbatas belum selesai" in text  # counted, never quoted
    assert "Kebutuhan: Perahu karet KEBUTUHAN-13" in text
    assert "RAHASIA-POLDA-12" not in text
    assert "Informan" not in text
    assert "Belum melapor:" in text
    assert "Kota Pangkal Pinang" in text

    for username in ("pemda-pimpinan", "beltim-pemda-pimpinan", "polri-operator"):
        login_as(username)
        assert client.get("/laporan-situasi/provinsi.pdf").status_code == 404  # only a province desk has one
