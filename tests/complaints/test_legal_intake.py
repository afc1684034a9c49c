"""A legally valid intake: the signed Form A.1/B.1, Bawaslu's reception hours, late reports, routing, register codes.

Each test names its legal source; the rules are in app/complaints/reception.py, services/{intake,handling}.py and
constants.py (docs/features/complaints.md)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.complaints import reception
from app.complaints.rules import suggested_route
from app.complaints.services import ComplaintError, handling
from app.complaints.services.intake import normalise_code, normalise_secret
from app.complaints.settings import ComplaintSettings
from app.complaints.vocab import Recipient, Subject
from app.regions.models import Election

CFG = ComplaintSettings()
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
USERS = {"bawaslu-operator": ("BAWASLU", "operator"), "bawaslu-pimpinan": ("BAWASLU", "pimpinan")}


@pytest.fixture
def users(make_user):
    return {
        name: make_user(name, agency=a, role=r, name=name.replace("-", " ").title()) for name, (a, r) in USERS.items()
    }


def wib(y, m, d, h, mi=0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=ZoneInfo("Asia/Jakarta")).astimezone(UTC)


ELECTION = Election(
    name="Pilkada",
    region_code="19.02",
    voting_day=date(2024, 11, 27),
    quiet_start=date(2024, 11, 24),
    quiet_end=date(2024, 11, 26),
)


# ---- reception hours -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "legal"),
    [
        (wib(2024, 10, 15, 10), wib(2024, 10, 15, 10)),  # Tuesday 10.00: received at once
        (wib(2024, 10, 15, 7, 30), wib(2024, 10, 15, 8)),  # before opening: at 08.00
        (wib(2024, 10, 18, 16, 30), wib(2024, 10, 21, 8)),  # Friday after 16.00: Monday 08.00
        (wib(2024, 10, 19, 11), wib(2024, 10, 21, 8)),  # Saturday: Monday 08.00
        (wib(2024, 11, 24, 20, 15), wib(2024, 11, 25, 8)),  # Sunday evening in the masa tenang: next morning
        (wib(2024, 11, 24, 9), wib(2024, 11, 24, 9)),  # Sunday morning in the masa tenang: received that day
    ],
)
def test_legal_receipt_follows_bawaslu_reception_hours(sent, legal):
    """Perbawaslu 9/2024 (merahputih.com 15 Oct 2024 [S]): reports are received Monday–Friday 08.00–16.00; during
    masa tenang, voting and recapitulation Bawaslu receives daily (antaranews 24 Sep 2024 [S]: 08.00–16.00)."""
    assert reception.legal_receipt(sent, "19.02", ELECTION, CFG) == legal


def test_special_periods_can_be_configured_closed():
    """The exception for masa tenang/voting/recapitulation is a setting ([S] source): () closes reception then."""
    closed = ComplaintSettings(reception_special_hours=())
    # Saturday 23 Nov 2024 → the masa tenang, voting day and recapitulation (to 16 Dec) are closed → 17 Dec
    assert reception.legal_receipt(wib(2024, 11, 23, 10), "19.02", ELECTION, closed) == wib(2024, 12, 17, 8)


def test_last_reception_hour_before_a_weekend_deadline():
    """A filing deadline on a Sunday outside the special periods: the last chance is Friday 16.00 (Perbawaslu
    9/2024 reception hours [S]); the reporter is told that moment, not the Sunday."""
    assert reception.last_reception(date(2024, 10, 20), "19.02", ELECTION, CFG) == wib(2024, 10, 18, 16)


# ---- what is a laporan -----------------------------------------------------------------------------------------


def test_phone_report_is_informasi_awal(app, db, now, make_complaint):
    """Reports are written (UU 1/2015 Pasal 134(3); UU 7/2017 Pasal 454(4)): a phone call is informasi awal."""
    with app.app_context():
        c = make_complaint(now, channel="telepon").complaint
    assert c.kind == "informasi_awal"
    assert c.status == "informasi_awal"
    assert c.reporter_name == ""  # a lead keeps no identity


def test_online_report_waits_for_the_signed_a1_and_no_clock_runs(app, db, now, users, make_complaint):
    """A Pilkada laporan needs the signed Form A.1 + KTP-el (PPID Bawaslu Jateng FAQ [V]; UU 1/2015 Pasal 134(3)):
    until Bawaslu records it the case waits, and Bawaslu's handling clock starts at its legal receipt."""
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now, signed=False).complaint
        assert reception.awaiting_signature(c)
        assert reception.complaint_clock(c, date(2024, 11, 27), CFG) is None
        signed_at = wib(2024, 11, 29, 10)  # Friday, in the recapitulation period
        handling.record_signature(db, c, signed_at, "kantor", actor=op, now=signed_at)
        assert not reception.awaiting_signature(c)
        assert c.a1_signed_by_id == op.id
        clock = reception.complaint_clock(c, date(2024, 11, 29), CFG)
        # kajian awal: 2 days from the signed form (29 Nov), not from the online report (27 Nov)
        assert clock.due == date(2024, 12, 1)
        entry = db.exec(select(AuditLog).where(AuditLog.action == "complaint.signature")).one()
        assert entry.actor_id == op.id


def test_unsigned_laporan_cannot_be_registered(app, db, now, users, make_complaint):
    """Syarat formil (d): the signature on the form matches the KTP-el (Perbawaslu 7/2022 Pasal 15(3))."""
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now, signed=False).complaint
        handling.transition(db, c, "kajian_awal", actor=op, now=now)
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=now)
        with pytest.raises(ComplaintError):
            handling.transition(db, c, "diregistrasi", actor=op, now=now)
    assert c.register_number is None


def test_signature_time_cannot_be_in_the_future(app, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now, signed=False).complaint
        with pytest.raises(ComplaintError) as err:
            handling.record_signature(
                db, c, now + timedelta(hours=1), "kantor", actor=users["bawaslu-operator"], now=now
            )
    assert err.value.field == "signed_at"


def test_late_flag_counts_from_the_legal_receipt(app, db, users, make_complaint):
    """Filed within 7 days (UU 1/2015 Pasal 134(4)) — counted at the legal receipt time: a report sent on the
    last day (a Saturday outside the special periods) reaches Bawaslu on Monday and is late."""
    sent = wib(2024, 10, 19, 11)  # Saturday
    with db.no_autoflush:
        c = make_complaint(sent, occurred_on=date(2024, 10, 12), known_on=date(2024, 10, 12)).complaint
    assert c.filing_deadline == date(2024, 10, 19)
    assert c.late_filing


# ---- late reports: override with a reason ----------------------------------------------------------------------


def _late(make_complaint, app, db, now, op):
    with app.app_context():
        c = make_complaint(now, occurred_on=date(2024, 11, 1), known_on=date(2024, 11, 2)).complaint
        handling.transition(db, c, "kajian_awal", actor=op, now=now)
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=now)
    assert c.late_filing
    return c


def test_late_report_is_registered_only_with_a_reason_audited(app, db, now, users, make_complaint):
    """Filed after 7 days the formal requirement fails (Perbawaslu 7/2022 Pasal 15(3)(c); Bawaslu Kota Sukabumi
    "kedaluwarsa" [V]): registering it anyway is an explicit, audited decision with its reason."""
    op = users["bawaslu-operator"]
    c = _late(make_complaint, app, db, now, op)
    with app.app_context():
        with pytest.raises(ComplaintError) as err:
            handling.transition(db, c, "diregistrasi", actor=op, now=now, late_override="   ")
        assert err.value.field == "late_override"
        handling.transition(db, c, "diregistrasi", actor=op, now=now, late_override="Pelapor sakit, surat dokter")
    assert c.register_number
    assert c.late_override_reason == "Pelapor sakit, surat dokter"
    entry = db.exec(select(AuditLog).where(AuditLog.action == "complaint.late_override")).one()
    assert entry.after == {"reason": "Pelapor sakit, surat dokter"}


def test_override_without_reason_is_refused_on_the_page(app, client, auth, db, now, users, make_complaint):
    """Bad input: the registration form of a late report without a reason → 422, Indonesian message by the field."""
    c = _late(make_complaint, app, db, now, users["bawaslu-operator"])
    db.commit()
    auth.login("bawaslu-operator")
    r = client.post(f"/pengaduan/{c.id}/status", data={"to": "diregistrasi", "late_override": ""})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Tulis alasan laporan tetap diregistrasi" in html
    assert 'name="late_override"' in html
    db.expire_all()
    assert db.get(type(c), c.id).register_number is None


def test_signature_recorded_on_the_page(app, client, auth, db, now, users, make_complaint):
    """Bawaslu records the signed A.1 from the complaint page (datetime in local time); a future time is refused."""
    with app.app_context():
        c = make_complaint(now, signed=False).complaint
    db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "menunggu tanda tangan Formulir Model A.1" in page
    r = client.post(f"/pengaduan/{c.id}/tanda-tangan", data={"signed_at": "2099-01-01T10:00", "how": "kantor"})
    assert r.status_code == 422
    assert "Waktu tidak boleh di masa depan" in r.get_data(as_text=True)
    r = client.post(f"/pengaduan/{c.id}/tanda-tangan", data={"signed_at": "2024-11-27T15:00", "how": "pindaian"})
    assert r.status_code == 303
    db.expire_all()
    assert db.get(type(c), c.id).a1_signed_at == wib(2024, 11, 27, 15)


# ---- routing and register numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "violation", "route"),
    [
        (Subject.PENYELENGGARA, "skb06", Recipient.DKPP),
        (Subject.ADHOC_KPU, "skb06", Recipient.KPU_KABKOTA),
        (Subject.ADHOC_BAWASLU, "skb07", Recipient.BAWASLU_KABKOTA),
        (Subject.LAINNYA, "politik_uang", Recipient.GAKKUMDU),
        (Subject.ADHOC_KPU, "politik_uang", Recipient.GAKKUMDU),
        (Subject.ASN, "skb02", Recipient.BKN),
    ],
)
def test_routing_table(subject, violation, route):
    """Members of KPU/Bawaslu → DKPP; ad hoc bodies (PPK, PPS, KPPS / Panwascam, PKD, PTPS) → KPU/Bawaslu
    kabupaten/kota (Perbawaslu 7/2022 Pasal 20 [V]); money politics is a crime → Sentra Gakkumdu (Pasal 187A jo. 73
    UU 10/2016)."""
    assert suggested_route(subject.value, violation) == route


@pytest.mark.parametrize(("region", "code"), [("19", "PG"), ("19.02", "PB"), ("19.71", "PW")])
def test_register_number_takes_the_election_code(app, db, now, users, region, code, make_complaint, make_user):
    """The register's election segment (sigaplapor / radarkaur: PB = pemilihan bupati [S]) comes from the election
    the complaint concerns: PG for a gubernur's, PW for a wali kota's ([U], configurable)."""
    desk = "19.71" if region == "19.71" else "19.02"
    # The complaint's own Bawaslu handles it (Bawaslu Kota Pangkalpinang for a Pangkalpinang complaint).
    op = users["bawaslu-operator"] if desk == "19.02" else make_user("pkp", agency="BAWASLU", region_code=desk)
    db.add(Election(name="Pilkada", region_code=region, voting_day=date(2024, 11, 27)))
    db.flush()
    with app.app_context():
        c = make_complaint(now, region_code=desk).complaint
        handling.transition(db, c, "kajian_awal", actor=op, now=now)
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=now)
        handling.transition(db, c, "diregistrasi", actor=op, now=now)
    assert f"/LP/{code}/" in c.register_number


# ---- status page and look-up -----------------------------------------------------------------------------------


def test_lookup_forgives_case_spaces_and_dashes():
    assert normalise_code(" pgd 7k3m 9q2x ") == "PGD-7K3M9Q2X"
    assert normalise_code("PGD7K3M9Q2X") == "PGD-7K3M9Q2X"
    assert normalise_secret("abcd efgh jklm") == "ABCD-EFGH-JKLM"
    assert normalise_secret("ABCDEFGHJKLM") == "ABCD-EFGH-JKLM"


def _pdftotext(data: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(path, ARTIFACTS / f"{name}.pdf")
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    from pypdf import PdfReader  # fallback without poppler

    return " ".join(p.extract_text() for p in PdfReader(str(path)).pages)


def test_report_pdf_carries_every_field_of_form_a1(app, client, auth, db, now, users, tmp_path, make_complaint):
    """Formulir Model A.1 (Perbawaslu 9/2024 lampiran; domain.md §2.5): sex, nationality, the reported person's
    address and phone, witnesses' phones, "Dilaporkan di … hari/tanggal … pukul", the declaration, the receiving
    officer; dates written out ("5 Januari 1990")."""
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(
            now,
            signed=False,
            subject_address="Jl. Sudirman 9, Tanjungpandan",
            subject_phone="+6281299990000",
            witnesses=[{"name": "Andi", "address": "Membalong", "phone": "+6281377770000"}],
        ).complaint
        handling.record_signature(db, c, wib(2024, 11, 27, 15), "kantor", actor=op, now=wib(2024, 11, 27, 15))
    db.commit()
    auth.login("bawaslu-operator")
    text = " ".join(_pdftotext(client.get(f"/pengaduan/{c.id}/laporan.pdf").data, tmp_path, "form-a1").split())
    for expected in (
        "Formulir Model A.1",
        "Jenis kelamin",
        "Perempuan",
        "Kewarganegaraan",
        "WNI",
        "Tanjungpandan, 5 Januari 1990",
        "Jl. Sudirman 9, Tanjungpandan",
        "+6281299990000",
        "+6281377770000",
        "Dilaporkan di",
        "Hari dan tanggal",
        "Rabu, 27 November 2024",
        "Pukul",
        "15.00",
        "sebenar-benarnya",
        "Bawaslu Operator",
    ):
        assert expected in text, expected
    assert "1990-01-05" not in text


def test_receipt_and_status_page_tell_the_reporter_to_sign_a1(client, db, tmp_path):
    """The receipt and status page say the report becomes a laporan only with the signed A.1 at the named Bawaslu
    before the filing deadline (PPID Bawaslu Jateng FAQ [V]), and what the receipt is not."""
    from tests.complaints.test_intake import _file

    code, secret = _file(client)
    spaced = code.lower().replace("-", " ")
    r = client.post("/pengaduan/status", data={"code": spaced, "secret": secret.lower().replace("-", "")})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "menunggu tanda tangan A.1" in html
    assert "Formulir Model A.1 di Bawaslu" in html
    assert "Langkah berikutnya" in html
    assert "Ajakan memilih paslon di Facebook" in html  # what it is about …
    assert "Siti Rahmawati" not in html  # … without the identity
    pdf = client.post("/pengaduan/tanda-terima.pdf", data={"code": code, "secret": secret})
    text = " ".join(_pdftotext(pdf.data, tmp_path, "receipt").split())
    for expected in (
        "Belum menjadi laporan",
        "Formulir Model A.1",
        "Ditangani oleh",
        "Bawaslu",
        "bukan",
        "tanda bukti penyampaian laporan",
        "KTP-el",
    ):
        assert expected in text, expected


def test_the_page_after_sending_tells_the_reporter_to_sign_a1(client):
    """UU 1/2015 Pasal 134(3); PPID Bawaslu Jateng FAQ [V] (issue 11 point 5): the page right after sending —
    the one most reporters read — says the report becomes a laporan only with the signed Form A.1, as the review
    step, the receipt and the status page do."""
    from tests.complaints.test_intake import submit

    submit(client)
    page = client.get("/pengaduan/terkirim").get_data(as_text=True)
    assert 'id="a1-instruction"' in page
    assert "Belum menjadi laporan." in page
    assert "Formulir Model A.1 di Bawaslu" in page


def test_reception_hours_come_from_the_settings_and_the_voting_period(app):
    """Bawaslu's reception hours (domain.md §2.3, settings ``COMPLAINTS_RECEPTION_*`` [U]): the reporter reads
    the weekday hours, and the daily ones when the filing window meets voting and recapitulation — never a
    fixed "Senin–Jumat" when the office keeps other hours."""
    from types import SimpleNamespace

    from flask_babel import force_locale

    from app.complaints.reception import reception_hours
    from app.complaints.settings import ComplaintSettings

    election = SimpleNamespace(  # Pilkada 2024: masa tenang 24–26 Nov, voting 27 Nov (PKPU 2/2024)
        voting_day=date(2024, 11, 27), quiet_start=date(2024, 11, 24), quiet_end=date(2024, 11, 26)
    )
    cfg = ComplaintSettings()
    with app.test_request_context(), force_locale("id"):
        quiet = reception_hours(date(2024, 10, 1), date(2024, 10, 8), election, cfg)
        voting = reception_hours(date(2024, 11, 25), date(2024, 11, 28), election, cfg)
        saturday = reception_hours(
            date(2024, 10, 1), date(2024, 10, 8), election, ComplaintSettings(reception_weekdays=(0, 1, 2, 3, 4, 5))
        )
        closed = reception_hours(
            date(2024, 11, 25), date(2024, 11, 28), election, ComplaintSettings(reception_special_hours=())
        )
    assert quiet == "Senin–Jumat pukul 08.00–16.00"
    assert voting == (
        "Senin–Jumat pukul 08.00–16.00; selama masa tenang, pemungutan dan rekapitulasi suara setiap hari pukul "
        "08.00–16.00"
    )
    assert saturday.startswith("Senin, Selasa, Rabu, Kamis, Jumat, Sabtu pukul")
    assert closed.endswith("tutup selama masa tenang, pemungutan dan rekapitulasi suara")
