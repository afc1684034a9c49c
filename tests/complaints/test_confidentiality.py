"""Reporter identity: only Bawaslu operator/pimpinan in scope see it — in pages, lists, search, CSV, PDF and
the audit view — and every view of it is audited. Plus the permission matrix of the handling routes."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import select

from app.audit.models import AuditLog
from app.clock import utcnow
from app.complaints import deadlines
from app.complaints.models import Complaint, GakkumduCase
from app.complaints.services import routing
from app.i18n import local_date
from tests.complaints.data import NIK

IDENTITY = ["Siti Rahmawati", NIK, "6281234567890", "siti@example.org", "Jl. Merdeka No. 5"]
ROLES = {
    "bawaslu-operator": ("BAWASLU", "operator"),
    "bawaslu-pimpinan": ("BAWASLU", "pimpinan"),
    "bawaslu-petugas": ("BAWASLU", "petugas"),
    "polri-operator": ("POLRI", "operator"),
    "polri-pimpinan": ("POLRI", "pimpinan"),
    "kejaksaan-operator": ("KEJAKSAAN", "operator"),
    "kejaksaan-pimpinan": ("KEJAKSAAN", "pimpinan"),
    "kpu-operator": ("KPU", "operator"),
    "kpu-pimpinan": ("KPU", "pimpinan"),
    "tni-operator": ("TNI", "operator"),
    "tni-pimpinan": ("TNI", "pimpinan"),
    "pemda-operator": ("PEMDA", "operator"),
    "pemda-pimpinan": ("PEMDA", "pimpinan"),
    "pemda-sekretariat": ("PEMDA", "sekretariat"),
}
IDENTITY_ROLES = ["bawaslu-operator", "bawaslu-pimpinan"]
# Polri investigators and Kejaksaan prosecutors of the case's Sentra Gakkumdu (tested below)
GAKKUMDU_ROLES = ["polri-operator", "polri-pimpinan", "kejaksaan-operator", "kejaksaan-pimpinan"]
OTHERS = [u for u in ROLES if u not in IDENTITY_ROLES + GAKKUMDU_ROLES]


@pytest.fixture
def users(make_user):
    made = {
        name: make_user(name, agency=a, role=r, name=name.replace("-", " ").title()) for name, (a, r) in ROLES.items()
    }
    made["beltim-bawaslu-operator"] = make_user(
        "beltim-bawaslu-operator", agency="BAWASLU", role="operator", region_code="19.06"
    )
    return made


@pytest.fixture
def routed(app, db, now, users, make_complaint):
    """A report routed to every recipient, so every agency of the desk follows it."""
    op = users["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now).complaint
        c.status = "terbukti"
        db.add(c)
        for recipient in ("bkn", "propam", "panglima_tni", "kpu", "gakkumdu"):
            routing.route(db, c, recipient, f"0{len(recipient)}/PP.01/XI/2024", date(2024, 11, 26), actor=op, now=now)
    db.commit()
    return c


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _identity_views(db, user) -> list[str]:
    db.commit()
    rows = db.exec(
        select(AuditLog).where(AuditLog.action == "complaint.identity_view", AuditLog.actor_id == user.id)
    ).all()
    return sorted(r.after["where"] for r in rows)


@pytest.mark.parametrize("username", OTHERS)
def test_identity_hidden_everywhere_for_non_handlers(client, auth, db, users, routed, username):
    auth.login(username)
    page = client.get(f"/pengaduan/{routed.id}")
    assert page.status_code == 200
    listing = client.get("/pengaduan")
    csv = client.get("/pengaduan.csv")
    pdf = client.get(f"/pengaduan/{routed.id}/laporan.pdf")
    assert pdf.status_code == 200
    texts = {
        "page (incl. audit view)": page.get_data(as_text=True),
        "list": listing.get_data(as_text=True),
        "csv": csv.data.decode("utf-8-sig"),
        "pdf": _pdf_text(pdf.data),
    }
    for where, text in texts.items():
        assert "Pelapor dirahasiakan" in text, where
        for value in IDENTITY:
            assert value not in text, (where, value)
    assert f'id="complaint-{routed.id}"' in texts["list"]
    # searching by the reporter's name finds nothing (no leaking by search hits)
    assert f'id="complaint-{routed.id}"' not in client.get("/pengaduan?q=Rahmawati").get_data(as_text=True)
    assert _identity_views(db, users[username]) == []


@pytest.mark.parametrize("username", IDENTITY_ROLES)
def test_bawaslu_handlers_see_identity_and_every_view_is_audited(client, auth, db, users, routed, username):
    auth.login(username)
    page = client.get(f"/pengaduan/{routed.id}").get_data(as_text=True)
    assert "Siti Rahmawati" in page
    assert NIK in page
    assert "Siti Rahmawati" in client.get("/pengaduan").get_data(as_text=True)
    assert NIK in client.get("/pengaduan.csv").data.decode("utf-8-sig")
    assert "Siti Rahmawati" in _pdf_text(client.get(f"/pengaduan/{routed.id}/laporan.pdf").data)
    assert f'id="complaint-{routed.id}"' in client.get("/pengaduan?q=Rahmawati").get_data(as_text=True)
    assert _identity_views(db, users[username]) == ["csv", "list", "list", "page", "pdf"]


@pytest.mark.parametrize("username", GAKKUMDU_ROLES)
def test_gakkumdu_members_see_the_reporter_audited(client, auth, db, users, routed, username):
    """Sentra Gakkumdu's investigators and prosecutors examine the reporter as a witness (KUHAP; Gakkumdu practice,
    domain.md §1.2), so Polri/Kejaksaan officers on the case see the identity, and every view is audited."""
    auth.login(username)
    assert "Siti Rahmawati" in client.get(f"/pengaduan/{routed.id}").get_data(as_text=True)
    assert "Siti Rahmawati" in _pdf_text(client.get(f"/pengaduan/{routed.id}/laporan.pdf").data)
    assert _identity_views(db, users[username]) == ["page", "pdf"]


def test_polda_above_a_kabupaten_case_sees_the_case_but_not_the_reporter(client, auth, db, users, routed, make_user):
    """The Sentra Gakkumdu sits at the desk's level: a province officer (Polda, Kejati) above a Polres case
    follows it but is not on it, so the reporter stays hidden from them."""
    province = {
        username: make_user(username, agency=agency, role="operator", region_code="19")
        for username, agency in (("prov-polri-operator", "POLRI"), ("prov-kejaksaan-operator", "KEJAKSAAN"))
    }
    for username, user in province.items():
        auth.login(username)
        page = client.get(f"/pengaduan/{routed.id}")
        assert page.status_code == 200
        text = page.get_data(as_text=True) + _pdf_text(client.get(f"/pengaduan/{routed.id}/laporan.pdf").data)
        assert "Pelapor dirahasiakan" in text
        for value in IDENTITY:
            assert value not in text, (username, value)
        assert _identity_views(db, user) == []


def test_polri_without_a_gakkumdu_case_does_not_see_the_reporter(app, client, auth, db, now, users, make_complaint):
    """Routed to Propam only (a discipline matter), Polri follows the case but not the reporter."""
    with app.app_context():
        c = make_complaint(now).complaint
        c.status = "terbukti"
        routing.route(db, c, "propam", "01/PP.01/XI/2024", date(2024, 11, 26), actor=users["bawaslu-operator"], now=now)
    db.commit()
    auth.login("polri-operator")
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "Pelapor dirahasiakan" in page
    assert "Siti Rahmawati" not in page
    assert _identity_views(db, users["polri-operator"]) == []


def test_audit_log_of_a_complaint_never_holds_the_identity(db, routed):
    db.commit()
    text = repr([(a.action, a.before, a.after) for a in db.exec(select(AuditLog)).all()])
    for value in IDENTITY:
        assert value not in text


def test_disclosure_consent_shows_name_but_never_nik(app, client, auth, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now, disclosure_consent=True).complaint
        c.status = "terbukti"
        routing.route(db, c, "propam", "9/PP/2024", date(2024, 11, 26), actor=users["bawaslu-operator"], now=now)
    db.commit()
    auth.login("polri-operator")
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "Siti Rahmawati" in page
    assert NIK not in page


def test_not_routed_or_out_of_scope_is_refused(app, client, auth, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
    db.commit()
    auth.login("polri-operator")
    assert client.get(f"/pengaduan/{c.id}").status_code == 403  # not routed to Polri
    assert f'id="complaint-{c.id}"' not in client.get("/pengaduan").get_data(as_text=True)
    auth.logout()
    auth.login("beltim-bawaslu-operator")
    assert client.get(f"/pengaduan/{c.id}").status_code == 403
    assert client.get("/pengaduan/999999").status_code == 404


# ---- handling routes: who may act ----------------------------------------------------------------------------

ACTORS = {**{u: u in IDENTITY_ROLES for u in ROLES}, "beltim-bawaslu-operator": False}


@pytest.mark.parametrize(("username", "allowed"), list(ACTORS.items()))
def test_status_move_permission_matrix(app, client, auth, db, now, users, username, allowed, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
        c.routed_agencies = ",POLRI,KEJAKSAAN,KPU,TNI,PEMDA,"  # visible to every agency: only the role decides
        db.add(c)
    db.commit()
    auth.login(username)
    r = client.post(f"/pengaduan/{c.id}/status", data={"to": "kajian_awal"})
    assert r.status_code == (303 if allowed else 403)
    db.expire_all()
    assert db.get(Complaint, c.id).status == ("kajian_awal" if allowed else "diterima")


def test_register_via_pages_needs_checklist_then_number_appears(app, client, auth, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
    db.commit()
    auth.login("bawaslu-operator")
    client.post(f"/pengaduan/{c.id}/status", data={"to": "kajian_awal"})
    r = client.post(f"/pengaduan/{c.id}/status", data={"to": "diregistrasi"})
    assert r.status_code == 422
    assert "Lengkapi syarat formil dan materiil sebelum registrasi" in r.get_data(as_text=True)
    items = [
        "formil_identitas",
        "formil_terlapor",
        "formil_tenggat",
        "formil_tanda_tangan",
        "materiil_peristiwa",
        "materiil_tempat_waktu",
        "materiil_saksi",
        "materiil_bukti",
    ]
    assert client.post(f"/pengaduan/{c.id}/syarat", data={"item": items}).status_code == 303
    r = client.post(f"/pengaduan/{c.id}/status", data={"to": "diregistrasi"}, follow_redirects=True)
    today = local_date(utcnow(), "19.02")
    number = f"001/LP/PB/Kab/19.02/{deadlines.ROMAN[today.month - 1]}/{today.year}"
    assert f"Diregistrasi dengan nomor {number}" in r.get_data(as_text=True)
    assert f'id="register-number">{number}<' in client.get(f"/pengaduan/{c.id}").get_data(as_text=True)


def test_routing_form_refuses_missing_letter_number(app, client, auth, db, now, users, make_complaint):
    with app.app_context():
        c = make_complaint(now).complaint
        c.status = "terbukti"
        db.add(c)
    db.commit()
    auth.login("bawaslu-operator")
    r = client.post(
        f"/pengaduan/{c.id}/teruskan", data={"recipient": "bkn", "letter_number": "", "letter_date": "2024-11-26"}
    )
    assert r.status_code == 422
    assert "Isi nomor surat" in r.get_data(as_text=True)
    r = client.post(
        f"/pengaduan/{c.id}/teruskan",
        data={"recipient": "bkn", "letter_number": "045/PP.01/XI/2024", "letter_date": "2024-11-26"},
        follow_redirects=True,
    )
    html = r.get_data(as_text=True)
    assert "BKN (Badan Kepegawaian Negara)" in html
    assert "surat 045/PP.01/XI/2024" in html


@pytest.mark.parametrize(
    ("username", "stage", "code"),
    [
        ("polri-operator", "penyelidikan", 303),
        ("kejaksaan-operator", "penyelidikan", 422),
        ("kpu-operator", "penyelidikan", 403),
        ("polri-petugas", "penyelidikan", 403),
        ("bawaslu-operator", "penyelidikan", 303),
        ("polri-operator", "penyidikan", 422),
    ],
)
def test_gakkumdu_stage_matrix(app, client, auth, db, now, users, make_user, username, stage, code, make_complaint):
    if username not in users:
        make_user(username, agency="POLRI", role="petugas")
    with app.app_context():
        c = make_complaint(now).complaint
        c.status = "terbukti"
        routing.route(db, c, "gakkumdu", "7/PP/2024", date(2024, 11, 26), actor=users["bawaslu-operator"], now=now)
        c.routed_agencies = ",POLRI,KEJAKSAAN,KPU,"
        db.add(c)
    db.commit()
    auth.login(username)
    r = client.post(f"/pengaduan/{c.id}/gakkumdu", data={"stage": stage})
    assert r.status_code == code
    db.expire_all()
    case = db.exec(select(GakkumduCase)).one()
    assert case.stage == (stage if code == 303 else "pembahasan_pertama")
