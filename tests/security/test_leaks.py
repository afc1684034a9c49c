"""The confidentiality findings of issue 12, reproduced: restricted incidents through the audit log and
notifications, and the message to a reporter (which may name them) on the complaint page and in the audit view."""

from __future__ import annotations

from datetime import date

import pytest

from app.complaints.services import handling, routing
from app.timeline import services as timeline

SECRET = "Informan menyebut gudang amunisi di Desa Lassar"
MESSAGE = "Ibu Siti Rahmawati, mohon kirim foto baliho yang Ibu ambil."


@pytest.fixture
def desk(make_user):
    spec = {
        "polri-operator": ("POLRI", "operator"),
        "polri-pimpinan": ("POLRI", "pimpinan"),
        "kpu-operator": ("KPU", "operator"),
        "kpu-pimpinan": ("KPU", "pimpinan"),
        "tni-operator": ("TNI", "operator"),
        "tni-pimpinan": ("TNI", "pimpinan"),
        "kejaksaan-pimpinan": ("KEJAKSAAN", "pimpinan"),
        "kejaksaan-operator": ("KEJAKSAAN", "operator"),
        "pemda-pimpinan": ("PEMDA", "pimpinan"),
        "bawaslu-operator": ("BAWASLU", "operator"),
        "bawaslu-pimpinan": ("BAWASLU", "pimpinan"),
        "admin": ("PEMDA", "admin"),
    }
    return {n: make_user(n, agency=a, role=r) for n, (a, r) in spec.items()}


@pytest.fixture
def restricted(app, db, now, desk):
    """A high-severity incident visible only to POLRI, handed to TNI and then to KPU, then taken in hand."""
    with app.app_context():
        entry = timeline.post_entry(
            db,
            author=desk["polri-operator"],
            kind="kerawanan",
            text=SECRET,
            now=now,
            village_code="19.02.02.2001",
            visible_to=["POLRI"],
            category="keamanan.intimidasi",
            severity="tinggi",
            handling_agency="TNI",
        )
        timeline.assign(db, entry, "KPU", actor=desk["polri-operator"], now=now)
        timeline.change_status(
            db, entry, "ditangani", actor=desk["polri-operator"], now=now, note=f"{SECRET}: personel menuju lokasi"
        )
    db.commit()
    return entry


def _as(client, auth, username):
    client.post("/keluar")
    auth.login(username)
    return client


@pytest.mark.parametrize("username", ["kpu-pimpinan", "tni-pimpinan", "kejaksaan-pimpinan", "pemda-pimpinan", "admin"])
def test_restricted_incident_does_not_leak_through_the_audit_log(client, auth, restricted, username):
    _as(client, auth, username)
    for url in (
        "/admin/audit",
        "/admin/audit?jenis=timeline_entry",
        "/admin/audit?sebelum=100000",
        "/admin/audit?jenis=timeline_entry&sebelum=100000",
    ):
        page = client.get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert SECRET not in html, url
        assert "Entri terbatas" in html or "entri terbatas" in html, url


def test_the_entitled_reader_sees_the_restricted_entry_as_a_sentence(client, auth, restricted, desk):
    _as(client, auth, "polri-pimpinan")
    html = client.get("/admin/audit?jenis=timeline_entry").get_data(as_text=True)
    assert "entri terbatas" not in html.lower()
    assert f"Polri Operator (Polri) mengubah status kerawanan #{restricted.id} menjadi ditangani" in html
    assert "timeline.status" not in html
    assert "{" not in html.split("audit-list", 1)[1]


@pytest.mark.parametrize("username", ["kpu-operator", "kpu-pimpinan", "tni-operator", "tni-pimpinan"])
def test_restricted_incident_does_not_reach_other_agencies_notifications(client, auth, restricted, username):
    _as(client, auth, username)
    html = client.get("/notifikasi").get_data(as_text=True)
    assert SECRET not in html
    assert "nav-count" not in client.get("/menu").get_data(as_text=True)


@pytest.fixture
def messaged(app, db, now, desk, make_complaint):
    """A report routed to Sentra Gakkumdu and the Bupati, with Bawaslu's message to the reporter naming her."""
    op = desk["bawaslu-operator"]
    with app.app_context():
        c = make_complaint(now).complaint
        c.status = "terbukti"
        db.add(c)
        for recipient in ("bupati", "gakkumdu"):
            routing.route(db, c, recipient, f"0{len(recipient)}/PP.01/XI/2024", date(2024, 11, 26), actor=op, now=now)
        handling.send_message(db, c, MESSAGE, actor=op, now=now)
    db.commit()
    return c


@pytest.mark.parametrize(
    "username", ["polri-operator", "polri-pimpinan", "kejaksaan-operator", "kejaksaan-pimpinan", "pemda-pimpinan"]
)
def test_message_to_the_reporter_is_bawaslu_only(client, auth, messaged, username):
    _as(client, auth, username)
    page = client.get(f"/pengaduan/{messaged.id}")
    assert page.status_code == 200
    assert MESSAGE not in page.get_data(as_text=True)
    if username == "pemda-pimpinan":  # Polri/Kejaksaan on the Gakkumdu case may see the reporter (issue 11.5)
        assert "Siti Rahmawati" not in page.get_data(as_text=True)
    if username.endswith("pimpinan"):
        assert MESSAGE not in client.get("/admin/audit").get_data(as_text=True)
        assert "Siti Rahmawati" not in client.get("/admin/audit").get_data(as_text=True)


def test_bawaslu_still_reads_its_message(client, auth, messaged):
    _as(client, auth, "bawaslu-operator")
    assert MESSAGE in client.get(f"/pengaduan/{messaged.id}").get_data(as_text=True)


def test_audit_row_does_not_store_confidential_text(db, restricted, messaged):
    from sqlmodel import select

    from app.audit.models import AuditLog

    stored = " ".join(str((a.before, a.after)) for a in db.exec(select(AuditLog)).all())
    assert SECRET not in stored
    assert "Siti Rahmawati" not in stored
