"""Dashboard panels, deadline reminders, staff intake and temuan, and the idempotent demo seed."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from app.clock import utcnow
from app.complaints.models import Complaint
from app.complaints.panels import reminders
from app.complaints.seed import seed_complaints
from app.demo.seed import SeedContext
from app.i18n import local_date


def test_reminder_due_today_for_bawaslu_operators_in_scope(app, db, now, make_user, make_complaint):
    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    make_user("bawaslu-pimpinan", agency="BAWASLU", role="pimpinan")
    other = make_user("beltim-bawaslu", agency="BAWASLU", role="operator", region_code="19.06")
    with app.app_context():
        c = make_complaint(now - timedelta(days=2)).complaint  # received 25 Nov: kajian awal due 27 Nov
        db.commit()
        due = reminders(db, now)
        assert [r.key for r in due] == [f"complaint:{c.id}:kajian_awal:2024-11-27"]
        assert due[0].user_ids == (op.id,)
        assert other.id not in due[0].user_ids
        assert due[0].title == "Tenggat laporan hari ini"
        assert reminders(db, now + timedelta(days=1)) == []


def test_bawaslu_dashboard_shows_overdue(app, client, auth, db, make_user, make_complaint):
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    make_user("kpu-operator", agency="KPU", role="operator")
    today = local_date(utcnow(), "19.02")  # WIB, not the machine's date (review §4: flaky pattern)
    with app.app_context():
        c = make_complaint(
            utcnow() - timedelta(days=6),
            occurred_on=today - timedelta(days=8),
            known_on=today - timedelta(days=7),
        ).complaint
    db.commit()
    auth.login("bawaslu-operator")
    html = client.get("/").get_data(as_text=True)
    assert "Laporan dugaan pelanggaran netralitas" in html
    assert "1 lewat tenggat" in html
    assert f'href="/pengaduan/{c.id}"' in html
    # Issue 11 point 3: the panel's deadline says what it counts and shows its basis on tap, as the case page.
    panel = html.split('class="card panel cp-panel"', 1)[1].split("</section>", 1)[0]
    assert "cp-clock-overdue" in panel
    assert "lewat " in panel, panel[:1500]
    assert '<details class="cp-clock-basis">' in panel
    auth.logout()
    auth.login("kpu-operator")
    assert "lewat tenggat" not in client.get("/").get_data(as_text=True)


def test_staff_intake_by_phone_and_temuan(app, client, auth, db, make_user):
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    make_user("polri-operator", agency="POLRI", role="operator")
    today = local_date(utcnow(), "19.02")  # WIB, not the machine's date
    data = {
        "channel": "langsung",
        "reporter_name": "Rudi",
        "reporter_nik": "1902014501900001",
        "reporter_phone": "081234567890",
        "reporter_address": "Membalong",
        "subject_name": "Kepala Dinas",
        "subject_type": "asn",
        "violation_type": "skb04",
        "event_summary": "Hadir di deklarasi paslon",
        "region_code": "19.02",
        "event_place": "Gedung Serbaguna",
        "occurred_on": (today - timedelta(days=1)).isoformat(),
        "known_on": today.isoformat(),
        "description": "Terlapor memberi sambutan di deklarasi.",
    }
    auth.login("polri-operator")
    assert client.get("/pengaduan/catat?jenis=temuan").status_code == 403
    r = client.post("/pengaduan/catat", data=data)
    assert r.status_code == 303  # Polri may record what it received; it cannot follow it afterwards
    auth.logout()
    auth.login("bawaslu-operator")
    r = client.post("/pengaduan/catat?jenis=temuan", data={**data, "reporter_name": ""})
    assert r.status_code == 303
    rows = {c.channel: c for c in db.exec(select(Complaint)).all()}
    assert rows["langsung"].kind == "laporan"
    assert rows["langsung"].reporter_phone == "+6281234567890"
    assert rows["temuan"].kind == "temuan"
    assert rows["temuan"].status == "kajian_awal"
    r = client.post("/pengaduan/catat", data={**data, "occurred_on": (today + timedelta(days=1)).isoformat()})
    assert r.status_code == 422
    assert "Tanggal kejadian tidak boleh di masa depan" in r.get_data(as_text=True)
    # Slips of the date picker are named, not stored: an event in 1900, a reporter born in 9999.
    r = client.post("/pengaduan/catat", data={**data, "occurred_on": "1900-01-01", "reporter_birth_date": "9999-12-31"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "Pilih tanggal antara tahun 2000 dan 2100." in page
    assert "Isi tanggal lahir (dari tahun 1900 sampai hari ini)." in page


def test_demo_seed_is_idempotent(app, db, make_user):
    users = {
        name: make_user(name, agency=a, role=r)
        for name, a, r in (
            ("bawaslu-operator", "BAWASLU", "operator"),
            ("bawaslu-pimpinan", "BAWASLU", "pimpinan"),
            ("polri-operator", "POLRI", "operator"),
            ("kejaksaan-operator", "KEJAKSAAN", "operator"),
        )
    }
    ctx = SeedContext(now=utcnow(), users=users)
    with app.app_context():
        seed_complaints(db, ctx)
        db.commit()
        first = db.exec(select(Complaint)).all()
        seed_complaints(db, ctx)
        db.commit()
    rows = db.exec(select(Complaint)).all()
    assert len(rows) == len(first) == 6
    statuses = sorted(c.status for c in rows)
    assert statuses == ["diterima", "diteruskan", "gakkumdu", "informasi_awal", "kajian_awal", "perlu_perbaikan"]
    assert sum(c.late_filing for c in rows) == 1
    # Within the 2024 Pilkada's stages (PKPU 2/2024: campaign from 25 Sep, recapitulation until 16 Dec 2024)
    assert all(date(2024, 9, 25) <= c.received_at.date() <= date(2024, 12, 16) for c in rows)
    assert sum(c.a1_signed_at is None and c.kind == "laporan" for c in rows) == 1
