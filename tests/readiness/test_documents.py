"""The printed berita acara of a ballot transfer, the card and pages after issue 13 (phone UX), and the one
TPS-rawan vocabulary shared with the timeline (issue 11 point 9)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlmodel import select

from app.readiness.constants import INDICATOR_ROWS
from app.readiness.models import AghtEntry, LogisticsStock
from app.readiness.services import deployment, logistics, summary
from app.readiness.services.logistics import TransferInput
from tests.readiness.helpers import V_TANJUNG_1, V_TANJUNG_2, add_tps


@pytest.fixture
def transfer(app, db, now, make_user):
    kpu = make_user("kpu-ba", agency="KPU", name="Siti Rahma")
    with app.app_context():
        a = add_tps(db, V_TANJUNG_1, 3, 400)
        b = add_tps(db, V_TANJUNG_2, 4, 380)
        db.add(LogisticsStock(tps_id=a.id, item="surat_suara", needed=820, received=820))
        db.flush()
        t = logistics.record_transfer(
            db,
            a,
            b,
            TransferInput(
                15,
                "gubernur",
                "Surat suara kurang untuk pemilih DPK",
                "PTPS Budi, saksi paslon 01, saksi paslon 02",
                outside_village_ok=True,
            ),
            actor=kpu,
            now=now,
        )
        summary.refresh_scope(db, "19.02", now=now)
        db.commit()
    return t.id


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_berita_acara_pdf_has_the_data_and_signature_blocks(client, auth, make_user, transfer, tmp_path):
    """A berita acara / kejadian khusus witnessed by the pengawas TPS and the saksi (domain.md §5: suarabaru,
    kabardaring, jpnn [V]): the transfer's data and signature blocks for both KPPS, the PTPS and the saksi."""
    auth.login(make_user(agency="KPU").username)
    response = client.get(f"/kesiapan/pemindahan-surat-suara/{transfer}/berita-acara.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = tmp_path / "ba.pdf"
    pdf.write_bytes(response.data)
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "readiness-berita-acara.pdf").write_bytes(response.data)  # to look at (pdftoppm)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for expected in (
        "BERITA ACARA PEMINDAHAN SURAT SUARA ANTAR-TPS",
        "Pemilihan Gubernur",
        "TPS 003",
        "TPS 004",
        "15 lembar",
        "Surat suara kurang untuk pemilih DPK",
        "PTPS Budi",
        "Rabu, 27 November 2024",
        "Ketua KPPS TPS 003",
        "Ketua KPPS TPS 004",
        "Pengawas TPS (PTPS)",
        "Saksi 1",
        "Saksi 2",
        "desa/kelurahan yang berbeda",
        "Siti Rahma",
    ):
        assert expected in flat, expected


def test_berita_acara_follows_scope(client, auth, make_user, transfer):
    """Visibility applies to PDFs too: a user of another kabupaten gets 403, an unknown id 404."""
    auth.login(make_user(agency="KPU", region_code="19.06").username)
    assert client.get(f"/kesiapan/pemindahan-surat-suara/{transfer}/berita-acara.pdf").status_code == 403
    assert client.get("/kesiapan/pemindahan-surat-suara/999999/berita-acara.pdf").status_code == 404


def test_transfer_form_needs_the_election_and_confirms_another_village(client, auth, make_user, transfer, db):
    """Per-type transfers and the warning outside the village (domain-review §3) reach the form as 422 with an
    Indonesian message next to the field, keeping what was typed."""
    auth.login(make_user(agency="KPU").username)
    ids = [t.id for t in db.exec(select(LogisticsStock)).all()]
    assert ids
    a, b = db.exec(select(LogisticsStock.tps_id).where(LogisticsStock.item == "surat_suara")).all()[:2]
    response = client.post(
        "/kesiapan/pemindahan-surat-suara",
        data={"from_tps": a, "to_tps": b, "election_type": "gubernur", "quantity": "2", "reason": "Kurang untuk DPK"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "berada di desa yang berbeda" in body
    assert 'name="outside_village_ok"' in body
    assert "Kurang untuk DPK" in body


def test_card_shows_whole_people_and_labelled_suggestion(app, client, auth, make_user, db, now):
    """UX review e.1/e.2 and domain-review §3: a joint post in whole people, indicators by name, the suggestion
    labelled as not Polri's decision, no fractional personnel anywhere."""
    polri = make_user("polri-card", agency="POLRI")
    with app.app_context():
        tps = [add_tps(db, V_TANJUNG_1, n, 300) for n in (1, 2)]
        op = deployment.create_operation(db, "Operasi Mantap Praja", "19.02", actor=polri, now=now)
        deployment.assign(db, op, tps, 2, 1, "Pos Pam 001-002", actor=polri, now=now)
        from app.readiness.services import vulnerability

        vulnerability.set_indicators(db, tps[0], {1: (True, ""), 13: (True, "")}, actor=polri, now=now)
        db.commit()
    auth.login(polri.username)
    card = client.get(f"/tps/{tps[0].id}").get_data(as_text=True)
    assert "Pos Pam 001-002: 3 personel untuk 2 TPS (Polri 2, TNI 1)" in card
    assert "Pemilih disabilitas" in card or "disabilitas" in card
    assert "bukan penetapan Polri" in card
    assert "Saran: Rawan" in card
    page = client.get("/kesiapan/pengamanan").get_data(as_text=True)
    assert not re.search(r"\b\d+,5 (dari|personel)", card + page)
    assert "3 personel untuk 2 TPS" in page


def test_kejaksaan_lands_on_the_aght_entry_it_saved(client, auth, make_user, db):
    """UX review e.6: after saving, Kejaksaan lands on its entry (anchor), the AGHT list comes first for it,
    the entry has its date and the recommended agency by name."""
    auth.login(make_user(agency="KEJAKSAAN").username)
    response = client.post(
        "/kesiapan/aght/baru",
        data={
            "kind": "ancaman",
            "region_code": "19.02.01",
            "level": "tinggi",
            "description": "Isu serangan fajar",
            "recommended_to": "POLRI",
            "visible_to": ["POLRI"],
        },
    )
    entry = db.exec(select(AghtEntry)).one()
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/kesiapan/kerawanan#aght-{entry.id}")
    page = client.get("/kesiapan/kerawanan").get_data(as_text=True)
    assert f'id="aght-{entry.id}"' in page
    assert page.index('id="aght"') < page.index('id="rawan"')
    assert "(POLRI)" not in page
    assert "<time datetime=" in page


def test_tables_are_focusable_scroll_regions(client, auth, make_user):
    """axe "scrollable-region-focusable" (UX review 3, e.5): every readiness table box takes keyboard focus."""
    auth.login(make_user(agency="PEMDA", role="pimpinan").username)
    for url in ("/kesiapan", "/kesiapan/kerawanan", "/kesiapan/pengamanan"):
        page = client.get(url).get_data(as_text=True)
        boxes = re.findall(r'<div class="table-wrap[^"]*"[^>]*>', page)
        assert all('tabindex="0"' in box and "aria-label=" in box for box in boxes), url


def test_one_wording_for_the_tps_rawan_indicators(app):
    """Bawaslu's 25 indicators (jabar.antaranews [V], domain.md §4.2) read the same in the timeline's incident
    categories as in readiness (domain-review §2), and the stored codes did not change."""
    from app.timeline import vocab

    with app.test_request_context():
        for _n, var, code, label in INDICATOR_ROWS:
            stored = f"{'listrik' if var == 'listrik_internet' else var}.{code}"
            assert vocab.CATEGORY_LABELS[stored][1] == label
        assert "Riwayat kekurangan, kelebihan atau ketiadaan logistik" in vocab.category_label("logistik.kurang_lebih")
        assert len([c for c in vocab.CATEGORY_LABELS if not c.startswith("op.")]) == 25


def test_voting_day_events_beside_the_indicators(app):
    """The voting-day events the domain review lists (§2) are categories; late opening is the most common
    voting-day problem (Bawaslu, domain.md §0). Old codes still resolve."""
    from app.timeline import vocab

    with app.test_request_context():
        labels = {code: vocab.category_label(code) for code in vocab.CATEGORY_LABELS}
        groups = [str(c.optgroup) for c in vocab.category_choices() if c.value]
    for code, text in (
        ("op.tps_terlambat_dibuka", "TPS terlambat dibuka"),
        ("op.surat_suara_tertukar", "Surat suara tertukar"),
        ("op.mencoblos_lebih_sekali", "Pemilih mencoblos lebih dari sekali"),
        ("op.kotak_segel_rusak", "Kotak suara atau segel rusak"),
        ("op.intimidasi_pemilih", "Intimidasi pemilih"),
        ("op.bencana_cuaca", "Bencana atau cuaca buruk"),
    ):
        assert labels[code].startswith(text), code
    for old in ("op.ktp_ganda", "op.surat_suara_kurang", "listrik.internet", "logistik.kurang_lebih"):
        assert labels[old]
    assert groups[0] == "Kejadian hari-H"
    assert "TPS rawan — Keamanan" in groups
