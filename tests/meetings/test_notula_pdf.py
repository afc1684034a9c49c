"""The notula PDF: government format by text, embedded fonts, versions and the public verification page."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlmodel import select

from app.meetings.models import AgendaItem, MeetingVersion, Participant
from tests.meetings.conftest import minute

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def frozen(monkeypatch, now):
    monkeypatch.setattr("app.clock.utcnow", lambda: now)
    return now


@pytest.fixture
def held_meeting(client, auth, people, make_meeting, db, frozen):
    """A meeting with minutes under every item, a decision, two actions, two attendees and a guest."""
    meeting = make_meeting()
    items = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)).all()
    auth.login("pemda-sek")
    for participant in db.exec(select(Participant).where(Participant.meeting_id == meeting.id)).all():
        client.post(f"/rapat/{meeting.id}/hadir/{participant.id}", data={"present": "1"})
    client.post(
        f"/rapat/{meeting.id}/tamu",
        data={
            "name": "H. Syahrial",
            "position": "Ketua FKUB",
            "agency": "FKUB",
            "phone": "081377788899",
            "present": "y",
        },
    )
    notes = [
        (
            0,
            "discussion",
            "AKBP Dedy Kurniawan",
            "Kapolres Belitung",
            "Operasi Mantap Praja Menumbing menurunkan 363 personel untuk 452 TPS.",
        ),
        (1, "discussion", "Nurul Hidayah", "KPU", "Sekitar 70% perlengkapan pemungutan suara sudah diterima."),
        (1, "decision", "", "", "Distribusi logistik ke PPS selesai paling lambat H-2."),
        (2, "decision", "", "", "Posko Pemilu Kejari memetakan AGHT per kecamatan."),
    ]
    for index, kind, speaker, role, text in notes:
        item = items[index]
        client.post(
            f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
            data=minute(item.id, kind=kind, speaker=speaker, speaker_role=role, text=text),
        )
    client.post(
        f"/rapat/{meeting.id}/tindak-lanjut",
        data={
            "item_id": str(items[1].id),
            "what": "Laporkan sisa logistik yang belum diterima",
            "owner_agency": "KPU",
            "person": "Nurul Hidayah",
            "due_date": "2024-11-25",
        },
    )
    client.post(
        f"/rapat/{meeting.id}/tindak-lanjut",
        data={
            "item_id": str(items[0].id),
            "what": "Tetapkan pola pengamanan TPS rawan",
            "owner_agency": "POLRI",
            "person": "Kasat Intelkam",
            "due_date": "2024-11-26",
        },
    )
    return meeting


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_finalised_notula_reads_like_a_government_notula(client, held_meeting, db, tmp_path):
    meeting = held_meeting
    assert client.post(f"/rapat/{meeting.id}/final").status_code == 303
    version = db.exec(select(MeetingVersion)).one()
    response = client.get(f"/rapat/{meeting.id}/notula.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = response.data
    pages = _text(pdf)
    first = pages[0]
    whole = "\n".join(pages)
    assert "NOTULA RAPAT" in first
    assert "PEMERINTAH KABUPATEN BELITUNG" in first
    assert "Rabu, 27 November 2024" in first
    assert "14.00 WIB" in first
    # the notula's own pages, then the daftar hadir as a lampiran with its own numbering
    lampiran = next(n for n, page in enumerate(pages) if "DAFTAR HADIR" in page)
    assert lampiran >= 1
    assert f"Halaman 1 dari {lampiran}" in first
    assert f"Halaman {lampiran} dari {lampiran}" in pages[lampiran - 1]
    assert f"Lampiran · Halaman 1 dari {len(pages) - lampiran}" in pages[lampiran]
    assert all(f"Kode verifikasi: {version.code}" in page for page in pages)
    for item in ("Kesiapan personel Operasi Mantap Praja", "Distribusi logistik ke TPS", "Pemetaan kerawanan"):
        assert item in whole
    assert "KESIMPULAN/KEPUTUSAN" in whole
    assert "Distribusi logistik ke PPS selesai paling lambat H-2." in whole
    flat = " ".join(whole.split())
    assert "Laporkan sisa logistik yang belum diterima" in flat
    assert "25 November 2024" in whole
    assert "Drs. Hendra Gunawan, M.Si." in whole
    assert "NIP 196811041994031005" in whole
    assert "Sri Wahyuni, S.Sos." in whole
    assert f"Kode verifikasi: {version.code}" in whole
    # the daftar hadir is its own page with one numbered row per attendee
    attendance_page = next(p for p in pages if "DAFTAR HADIR" in p)
    assert attendance_page != first
    assert "H. Syahrial" in attendance_page
    assert "0813-7778-8899" in attendance_page
    path = tmp_path / "notula.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftotext"):
        layout = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        hadir = layout[layout.index("DAFTAR HADIR") :]
        rows = [line for line in hadir.splitlines() if re.match(r"^\s*\d+\s+\S", line)]
        attendees = db.exec(select(Participant).where(Participant.attended_at.is_not(None))).all()
        # the chair and the minute-taker lead and write the meeting: they are on the daftar hadir too
        assert len(rows) == len(attendees) + 2 == 5
        assert "Drs. Hendra Gunawan" in rows[0]
        assert "Sri Wahyuni" in rows[1]
        assert "5 orang (daftar hadir terlampir)" in layout
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        lines = fonts.splitlines()[2:]
        assert lines
        assert all("Type 3" not in line for line in lines)
        assert all(line.split()[-5] == "yes" for line in lines)  # emb column
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / "notula-page")], check=True)


def test_verification_page_reproduces_the_hash_of_the_download(app, client, held_meeting, db):
    meeting = held_meeting
    client.post(f"/rapat/{meeting.id}/final")
    pdf = client.get(f"/rapat/{meeting.id}/notula.pdf").data
    again = client.get(f"/rapat/{meeting.id}/notula.pdf").data
    assert pdf == again
    version = db.exec(select(MeetingVersion)).one()
    client.post("/keluar")  # public: no login
    page = client.get(f"/verifikasi/{version.code}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert hashlib.sha256(pdf).hexdigest() in html
    assert "Rakor Pengamanan Pilkada" in html
    assert "Rabu, 27 November 2024" in html
    assert client.get("/verifikasi/TIDAKADA").status_code == 404
    # The code typed by hand, in lower case with a space, reaches the same page.
    code = version.code
    typed = client.get("/verifikasi", query_string={"kode": f"{code[:3]} {code[3:]}".lower()}, follow_redirects=True)
    assert hashlib.sha256(pdf).hexdigest() in typed.get_data(as_text=True)


def test_finalised_minutes_freeze_and_a_correction_makes_a_new_version(client, auth, held_meeting, db):
    meeting = held_meeting
    item = db.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)).first()
    client.post(f"/rapat/{meeting.id}/final")
    frozen_add = client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
        data=minute(item.id, kind="discussion", text="Terlambat ditambahkan."),
    )
    assert frozen_add.status_code == 403
    assert client.get(f"/rapat/{meeting.id}/ubah").status_code == 403
    v1 = client.get(f"/rapat/{meeting.id}/notula.pdf").data
    assert client.post(f"/rapat/{meeting.id}/koreksi").status_code == 303
    no_reason = client.post(f"/rapat/{meeting.id}/final", follow_redirects=True)
    assert "Sebutkan apa yang dikoreksi." in no_reason.get_data(as_text=True)
    client.post(
        f"/rapat/{meeting.id}/agenda/{item.id}/catatan",
        data=minute(item.id, kind="decision", text="Koreksi: apel gelar pasukan 25 November."),
    )
    assert client.post(f"/rapat/{meeting.id}/final", data={"reason": "Tambah keputusan apel"}).status_code == 303
    versions = db.exec(select(MeetingVersion).order_by(MeetingVersion.version)).all()
    assert [v.version for v in versions] == [1, 2]
    assert client.get(f"/rapat/{meeting.id}/notula.pdf?versi=1").data == v1
    v2 = client.get(f"/rapat/{meeting.id}/notula.pdf").data
    assert "Koreksi: apel gelar pasukan" in "\n".join(_text(v2))
    assert "Koreksi: apel gelar pasukan" not in "\n".join(_text(v1))
    old = client.get(f"/verifikasi/{versions[0].code}").get_data(as_text=True)
    assert "sudah diganti versi yang lebih baru" in old


def test_draft_invitation_and_blank_attendance_pdfs(client, held_meeting):
    meeting = held_meeting
    draft = _text(client.get(f"/rapat/{meeting.id}/notula.pdf").data)
    assert "DRAF" in draft[0]
    invitation = "\n".join(_text(client.get(f"/rapat/{meeting.id}/undangan.pdf").data))
    assert "Undangan Rakor Pengamanan Pilkada" in invitation
    assert "Rabu, 27 November 2024" in invitation
    assert "IPTU Fajar Nugroho" in invitation
    # an official letter carries its place and date line (letter convention; domain review §1a/§6)
    made = meeting.created_at.astimezone(ZoneInfo("Asia/Jakarta"))
    assert re.search(rf"Belitung, {made.day} \w+ {made.year}", invitation)
    assert "di –\nTempat" in invitation
    blank = _text(client.get(f"/rapat/{meeting.id}/daftar-hadir.pdf").data)
    assert "DAFTAR HADIR" in blank[0]
    assert "Tanda Tangan" in blank[0]
    assert "IPTU Fajar Nugroho" not in "\n".join(blank)


def test_admin_sets_letterhead_with_logo_and_it_is_printed(client, auth, people, make_meeting, db):
    import io as _io

    from PIL import Image

    meeting = make_meeting()
    auth.login("pemda-sek")
    assert client.get("/rapat/kop").status_code == 403
    auth.logout()
    auth.login("adm")
    png = _io.BytesIO()
    Image.new("RGB", (120, 120), (200, 30, 30)).save(png, "PNG")
    bad = client.post(
        "/rapat/kop",
        data={
            "agency": "PEMDA",
            "line1": "PEMERINTAH KABUPATEN BELITUNG",
            "logo": (_io.BytesIO(b"not an image"), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422
    assert "PEMERINTAH KABUPATEN BELITUNG" in bad.get_data(as_text=True)
    png.seek(0)
    response = client.post(
        "/rapat/kop",
        data={
            "agency": "PEMDA",
            "line1": "PEMERINTAH KABUPATEN BELITUNG",
            "line2": "SEKRETARIAT DAERAH",
            "address": "Jl. Merdeka No. 3, Tanjungpandan 33411",
            "city": "Tanjungpandan",
            "logo": (png, "lambang.png"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    pdf = client.get(f"/rapat/{meeting.id}/notula.pdf").data
    text = "\n".join(_text(pdf))
    assert "SEKRETARIAT DAERAH" in text
    assert "Jl. Merdeka No. 3, Tanjungpandan 33411" in text
    assert "Tanjungpandan, 27 November 2024" in text
    reader = PdfReader(io.BytesIO(pdf))
    assert any(page.images for page in reader.pages[:1])  # the logo (a draft has no QR code)
