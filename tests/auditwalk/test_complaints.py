"""The audit walk (tests/security/test_audit_walk.py) for complaints: every change writes exactly one audit row
that reads as an Indonesian sentence naming who acted (issue 12 point 8), or the documented set of rows where one
request changes two records. The feature's own people act: the public reporter through the public form and the
status page, the Bawaslu operator (and its head for the pleno decision) at the complaint's own desk, and the Sentra
Gakkumdu officers of Polri and Kejaksaan on the case's stages."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from PIL import Image
from sqlmodel import select

from app.complaints.models import Complaint, ComplaintRouting, GakkumduCase
from app.complaints.services import handling
from tests.auditwalk.walk import rows as walk_rows
from tests.auditwalk.walk import walk
from tests.complaints import conftest as complaint_factories
from tests.complaints.data import NIK, public_form
from tests.conftest import FIXED_NOW

# An hour after the complaints of make_complaint were received (14.30 WIB on voting day): 15.30 WIB.
NOW = FIXED_NOW + timedelta(hours=1)
TODAY = date(2024, 11, 27)  # NOW's date in WIB
CLOCKED = (
    "app.clock",
    "app.complaints.forms",
    "app.complaints.wizard",
    "app.complaints.queries",
    "app.complaints.routes.intake",
    "app.complaints.routes.status",
    "app.complaints.routes.detail",
    "app.complaints.routes.handling",
    "app.complaints.routes.gakkumdu",
    "app.complaints.routes.staff_intake",
    "app.idempotency.decorators",
)
# The complaint tests' factories (the real intake service), as fixtures of this module.
complaint_input = complaint_factories.complaint_input
make_complaint = complaint_factories.make_complaint
# The public reporter has no account: who the sentence names instead ("Pelapor mengirim laporan #1").
ANONYMOUS = {"complaint.submit": "Pelapor ", "complaint.reporter_info": "Pelapor "}
# The desk's people beyond the shared accounts (tests/command_support.py): the Bawaslu head records the pleno
# decision, a Bawaslu supervisor records a finding, a Kejaksaan operator sits in the Sentra Gakkumdu.
EXTRA = {
    "bawaslu-pimpinan": ("BAWASLU", "pimpinan"),
    "bawaslu-petugas": ("BAWASLU", "petugas"),
    "kejaksaan-operator": ("KEJAKSAAN", "operator"),
}
SIGNED = {"signed_at": "2024-11-27T15:00", "how": "kantor"}  # at the Bawaslu office, half an hour before NOW
ALL_ITEMS = [
    "formil_identitas",
    "formil_terlapor",
    "formil_tenggat",
    "formil_tanda_tangan",
    "materiil_peristiwa",
    "materiil_tempat_waktu",
    "materiil_saksi",
    "materiil_bukti",
]


@pytest.fixture
def clock(monkeypatch):
    for module in CLOCKED:
        monkeypatch.setattr(f"{module}.utcnow", lambda: NOW, raising=False)
    return NOW


@pytest.fixture
def people(accounts, make_user) -> dict:
    extra = {name: make_user(name, agency=a, role=r, region_code="19.02") for name, (a, r) in EXTRA.items()}
    return {**accounts, **extra}


def _status(client, complaint_id: int, to: str, **extra):
    return client.post(f"/pengaduan/{complaint_id}/status", data={"to": to, **extra})


def _routing_id(db, complaint_id: int) -> int:
    db.expire_all()
    return db.exec(select(ComplaintRouting.id).where(ComplaintRouting.complaint_id == complaint_id)).one()


def _case(db, complaint_id: int) -> GakkumduCase:
    db.expire_all()
    return db.exec(select(GakkumduCase).where(GakkumduCase.complaint_id == complaint_id)).one()


# ---- the public reporter ---------------------------------------------------------------------------------------


def _public_form(**over) -> dict:
    return public_form(TODAY, **over)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def test_the_public_reporter_writes_one_sentence_each(app, client, db, clock):
    """The form's steps keep the draft in the session (NO_AUDIT: none written); sending it records the complaint;
    the reporter then adds information and a photo from the status page with the code and secret."""
    assert client.get("/pengaduan/baru").status_code == 200
    before = len(walk_rows(app))
    for number, step in enumerate(("pelapor", "terlapor", "peristiwa", "saksi", "bukti"), start=2):
        page = client.post("/pengaduan/baru", data={**_public_form(), "step": step})
        assert page.status_code == 200, page.get_data(as_text=True)[:300]
        assert f"Langkah {number} dari 6" in page.get_data(as_text=True)
    assert len(walk_rows(app)) == before  # the steps change no shared data
    receipt: dict[str, str] = {}

    def send():
        response = client.post("/pengaduan/baru/kirim", data=_public_form(idempotency_key="walk-public-0001"))
        page = client.get("/pengaduan/terkirim").get_data(as_text=True)  # shown once; it writes nothing
        receipt["code"] = re.search(r'id="tracking-code">([A-Z0-9-]+)<', page).group(1)
        receipt["secret"] = re.search(r'id="tracking-secret">([A-Z0-9-]+)<', page).group(1)
        return response

    def add_info():
        return client.post(
            "/pengaduan/status/tambah",
            data={
                **receipt,
                "text": "Saksi lain: Pak Rudi, warga RT 02.",
                "files": (io.BytesIO(_jpeg()), "tangkapan-layar.jpg"),
            },
            content_type="multipart/form-data",
        )

    steps = [(None, send, "complaint.submit"), (None, add_info, "complaint.reporter_info")]
    walk(app, None, {}, steps, ANONYMOUS)
    complaint = db.exec(select(Complaint)).one()
    assert (complaint.tracking_code, complaint.kind, complaint.status) == (receipt["code"], "laporan", "diterima")


# ---- the Bawaslu desk ------------------------------------------------------------------------------------------


def test_the_bawaslu_desk_handles_a_laporan_one_sentence_each(app, client, db, login_as, people, make_complaint, clock):
    """A report sent online waits for its signed A.1; the desk records it, reviews, registers, decides in pleno,
    forwards the ASN case to BKN with a letter, records BKN's answer and closes it; the reporter is told."""
    cid = make_complaint(signed=False).complaint.id
    db.commit()
    steps = [
        (
            "bawaslu-operator",
            lambda: client.post(f"/pengaduan/{cid}/tanda-tangan", data=SIGNED),
            "complaint.signature",
        ),
        ("bawaslu-operator", lambda: _status(client, cid, "kajian_awal"), "complaint.status"),
        (
            "bawaslu-operator",
            lambda: client.post(f"/pengaduan/{cid}/syarat", data={"item": ALL_ITEMS}),
            "complaint.checklist",
        ),
        (
            "bawaslu-operator",
            lambda: client.post(f"/pengaduan/{cid}/pesan", data={"message": "Mohon bawa KTP-el asli besok."}),
            "complaint.message",
        ),
        ("bawaslu-operator", lambda: _status(client, cid, "diregistrasi"), "complaint.status"),
        ("bawaslu-operator", lambda: _status(client, cid, "kajian"), "complaint.status"),
        ("bawaslu-pimpinan", lambda: _status(client, cid, "terbukti"), "complaint.status"),  # the pleno decision
        (
            "bawaslu-operator",
            lambda: client.post(
                f"/pengaduan/{cid}/teruskan",
                data={"recipient": "bkn", "letter_number": "045/PP.01/K.BB-02/XI/2024", "letter_date": "2024-11-27"},
            ),
            "complaint.route",
        ),
        (
            "bawaslu-operator",
            lambda: client.post(
                f"/pengaduan/{cid}/hasil",
                data={
                    "routing_id": str(_routing_id(db, cid)),
                    "outcome": "Hukuman disiplin sedang: penundaan kenaikan pangkat",
                    "sanction_level": "sedang",
                },
            ),
            "complaint.outcome",
        ),
        ("bawaslu-operator", lambda: _status(client, cid, "selesai"), "complaint.status"),
    ]
    walk(app, login_as, people, steps, ANONYMOUS)
    db.expire_all()
    done = db.get(Complaint, cid)
    assert (done.status, done.register_number) == ("selesai", "001/LP/PB/Kab/19.02/XI/2024")


def test_a_late_report_registered_anyway_writes_its_reason_and_the_move(
    app, client, db, login_as, people, make_complaint, clock
):
    """Registering a late report is two decisions, each audited: the reason it is registered anyway
    (complaint.late_override) and the move to "diregistrasi" (complaint.status)."""
    c = make_complaint(occurred_on=date(2024, 11, 1), known_on=date(2024, 11, 2)).complaint
    assert c.late_filing
    with app.app_context():
        op = people["bawaslu-operator"]
        handling.transition(db, c, "kajian_awal", actor=op, now=FIXED_NOW)
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=FIXED_NOW)
    db.commit()
    steps = [
        (
            "bawaslu-operator",
            lambda: _status(client, c.id, "diregistrasi", late_override="Pelapor dirawat di rumah sakit, surat dokter"),
            ("complaint.late_override", "complaint.status"),
        )
    ]
    walk(app, login_as, people, steps, ANONYMOUS)


def test_staff_intake_writes_one_sentence_each(app, client, db, login_as, people, clock):
    """A report received at the Bawaslu office (signed there), a supervisor's own finding, and a report Polri
    received at its post: each recorded once, in the name of the officer who took it."""
    report = {
        "channel": "langsung",
        "a1_signed": "y",
        "reporter_name": "Rudi",
        "reporter_nik": NIK,
        "reporter_phone": "081234567890",
        "reporter_address": "Membalong",
        "subject_name": "Kepala Dinas",
        "subject_type": "asn",
        "violation_type": "skb04",
        "event_summary": "Hadir di deklarasi paslon",
        "region_code": "19.02",
        "event_place": "Gedung Serbaguna",
        "occurred_on": (TODAY - timedelta(days=1)).isoformat(),
        "known_on": TODAY.isoformat(),
        "description": "Terlapor memberi sambutan di deklarasi paslon.",
    }
    steps = [
        ("bawaslu-operator", lambda: client.post("/pengaduan/catat", data=report), "complaint.create"),
        (
            "bawaslu-petugas",
            lambda: client.post("/pengaduan/catat?jenis=temuan", data={**report, "reporter_name": ""}),
            "complaint.create",
        ),
        (
            "polri-operator",
            lambda: client.post("/pengaduan/catat", data={**report, "a1_signed": "", "subject_name": "Camat"}),
            "complaint.create",
        ),
    ]
    walk(app, login_as, people, steps, ANONYMOUS)
    kinds = sorted((c.kind, c.received_by_id) for c in db.exec(select(Complaint)).all())
    assert kinds == sorted(
        [
            ("laporan", people["bawaslu-operator"].id),
            ("temuan", people["bawaslu-petugas"].id),
            ("laporan", people["polri-operator"].id),
        ]
    )


# ---- Sentra Gakkumdu -------------------------------------------------------------------------------------------


def test_sentra_gakkumdu_writes_one_sentence_each(app, client, db, login_as, people, make_complaint, clock):
    """Money politics: the desk records the first Gakkumdu discussion during kajian awal (the case opens), registers
    the report, forwards it to the centre (the case exists: only the forwarding), and the centre's agencies record
    their own stages — Polri the inquiry and the file, Bawaslu the second discussion, Kejaksaan P21."""
    cid = make_complaint(subject_type="lainnya", subject_name="Tim sukses", violation_type="politik_uang").complaint.id
    db.commit()
    letter = {"recipient": "gakkumdu", "letter_number": "010/PP.01/K.BB-02/XI/2024", "letter_date": "2024-11-27"}

    def stage(name: str):
        return lambda: client.post(f"/pengaduan/{cid}/gakkumdu", data={"stage": name, "note": "Sesuai berita acara"})

    steps = [
        ("bawaslu-operator", lambda: _status(client, cid, "kajian_awal"), "complaint.status"),
        (
            "bawaslu-operator",
            lambda: client.post(f"/pengaduan/{cid}/gakkumdu/pembahasan-pertama", data={"article": "Pasal 187A"}),
            "gakkumdu.open",
        ),
        (
            "bawaslu-operator",
            lambda: client.post(f"/pengaduan/{cid}/syarat", data={"item": ALL_ITEMS}),
            "complaint.checklist",
        ),
        ("bawaslu-operator", lambda: _status(client, cid, "diregistrasi"), "complaint.status"),
        ("bawaslu-operator", lambda: _status(client, cid, "kajian"), "complaint.status"),
        ("polri-operator", stage("penyelidikan"), "gakkumdu.stage"),
        ("bawaslu-operator", stage("pembahasan_kedua"), "gakkumdu.stage"),
        ("bawaslu-pimpinan", lambda: _status(client, cid, "terbukti"), "complaint.status"),  # the pleno
        ("bawaslu-operator", lambda: client.post(f"/pengaduan/{cid}/teruskan", data=letter), "complaint.route"),
        ("polri-operator", stage("penyidikan"), "gakkumdu.stage"),
        ("polri-operator", stage("berkas_ke_pu"), "gakkumdu.stage"),
        ("kejaksaan-operator", stage("p21"), "gakkumdu.stage"),
        ("kejaksaan-pimpinan", stage("tahap_ii"), "gakkumdu.stage"),
    ]
    walk(app, login_as, people, steps, ANONYMOUS)
    assert _case(db, cid).stage == "tahap_ii"


def test_forwarding_to_gakkumdu_opens_the_case_with_its_own_row(
    app, client, db, login_as, people, make_complaint, clock
):
    """Forwarded to Sentra Gakkumdu without a first discussion: the request opens the case (gakkumdu.open, its own
    record) and forwards the complaint (complaint.route) — two records, a row each."""
    c = make_complaint(subject_type="lainnya", subject_name="Tim sukses", violation_type="politik_uang").complaint
    with app.app_context():
        op = people["bawaslu-operator"]
        handling.transition(db, c, "kajian_awal", actor=op, now=FIXED_NOW)
        handling.set_checklist(db, c, set(handling.checklist_keys(c)), actor=op, now=FIXED_NOW)
        handling.transition(db, c, "diregistrasi", actor=op, now=FIXED_NOW)
        handling.transition(db, c, "kajian", actor=op, now=FIXED_NOW)
        handling.transition(db, c, "terbukti", actor=people["bawaslu-pimpinan"], now=FIXED_NOW)  # the pleno
    db.commit()
    letter = {
        "recipient": "gakkumdu",
        "letter_number": "011/PP.01/K.BB-02/XI/2024",
        "letter_date": "2024-11-27",
        "article": "Pasal 187A jo. 73 UU 10/2016",
    }
    steps = [
        (
            "bawaslu-operator",
            lambda: client.post(f"/pengaduan/{c.id}/teruskan", data=letter),
            ("gakkumdu.open", "complaint.route"),
        ),
        (
            "polri-operator",
            lambda: client.post(f"/pengaduan/{c.id}/gakkumdu", data={"stage": "penyelidikan"}),
            "gakkumdu.stage",
        ),
    ]
    walk(app, login_as, people, steps, ANONYMOUS)
    assert _case(db, c.id).article == "Pasal 187A jo. 73 UU 10/2016"
