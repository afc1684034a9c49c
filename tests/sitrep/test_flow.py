"""The report's life on screen: generate today's draft, edit the narrative, sign with confirmation, verify, PDF
and WhatsApp text; the refusals (period too long, end before start, signing twice, editing a signed report)."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta

import pytest
from sqlmodel import select

from app.sitrep import signature
from app.sitrep.models import SitrepReport
from tests.sitrep.conftest import DAY_END, DAY_START, NOW, wib


def _only(db) -> SitrepReport:
    db.expire_all()
    rows = db.exec(select(SitrepReport)).all()
    assert len(rows) == 1
    return rows[0]


def test_generate_edit_sign_verify(client, login_as, accounts, make_incident, clock, db):
    make_incident(accounts["polri-operator"], wib(10), text="Massa berkumpul di TPS 001 Membalong.")
    login_as("pemda-pimpinan")
    page = client.get("/laporan-situasi")
    assert page.status_code == 200
    assert 'id="sitrep-generate-today"' in page.get_data(as_text=True)
    response = client.post("/laporan-situasi/buat", data={"start": "", "end": ""})
    assert response.status_code == 303
    report = _only(db)
    assert report.period_start == DAY_START
    assert report.period_end == DAY_END
    assert report.status == "draft"
    assert report.version == 1
    assert "tercatat 1 kerawanan" in report.situasi_umum
    html = client.get(f"/laporan-situasi/{report.id}").get_data(as_text=True)
    assert 'id="sitrep-kerawanan-total">1<' in html
    assert "Massa berkumpul" not in html

    response = client.post(
        f"/laporan-situasi/{report.id}/narasi",
        data={"situasi_umum": report.situasi_umum, "kebutuhan": "Dua genset cadangan.", "rekomendasi": ""},
    )
    assert response.status_code == 303
    assert _only(db).kebutuhan == "Dua genset cadangan."

    unconfirmed = client.post(f"/laporan-situasi/{report.id}/tandatangan", data={})
    assert unconfirmed.status_code == 422
    assert "Centang kotak" in unconfirmed.get_data(as_text=True)
    assert _only(db).status == "draft"

    assert client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"}).status_code == 303
    signed = _only(db)
    assert signed.status == "signed"
    assert signed.code
    assert len(signed.sha256) == 64
    assert signed.sha256 == signature.content_hash(signed)
    assert signed.number == "LAPSIT/19.02/20241127/V1"

    twice = client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    assert twice.status_code == 422
    assert "sudah ditandatangani" in twice.get_data(as_text=True)
    boosted = client.post(
        f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"}, headers={"HX-Request": "true"}
    )
    assert boosted.status_code == 422
    assert boosted.headers["HX-Retarget"] == "#sitrep-main"
    main = boosted.get_data(as_text=True).split('id="sitrep-main"', 1)[1]
    assert 'id="sitrep-error"' in main
    assert "sudah ditandatangani" in main
    edit = client.post(f"/laporan-situasi/{report.id}/narasi", data={"situasi_umum": "X", "kebutuhan": "Y"})
    assert edit.status_code == 422
    assert "sudah ditandatangani" in edit.get_data(as_text=True)
    after = _only(db)
    assert (after.situasi_umum, after.kebutuhan, after.sha256, after.code) == (
        signed.situasi_umum,
        signed.kebutuhan,
        signed.sha256,
        signed.code,
    )

    client.get("/keluar")
    verify = client.get(f"/verifikasi/{signed.code}")  # public
    assert verify.status_code == 200
    body = verify.get_data(as_text=True)
    assert signed.sha256 in body
    assert "LAPSIT/19.02/20241127/V1" in body


def test_correction_is_a_new_version(client, login_as, accounts, clock, db):
    login_as("pemda-sekretariat")
    client.post("/laporan-situasi/buat", data={})
    report = _only(db)
    client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    response = client.post(f"/laporan-situasi/{report.id}/koreksi")
    assert response.status_code == 303
    db.expire_all()
    rows = db.exec(select(SitrepReport).order_by(SitrepReport.version)).all()
    assert [(r.version, r.status) for r in rows] == [(1, "signed"), (2, "draft")]
    assert rows[1].supersedes_id == rows[0].id
    assert client.get(f"/verifikasi/{rows[0].code}").status_code == 200


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2024-11-20T00:00", "2024-11-28T00:00", "paling lama 7 hari"),
        ("2024-11-27T20:00", "2024-11-27T08:00", "setelah awalnya"),
        ("kemarin", "2024-11-27T08:00", "TTTT-BB-HH"),
    ],
)
def test_bad_periods_are_refused(client, login_as, accounts, clock, db, start, end, message):
    login_as("pemda-pimpinan")
    response = client.post("/laporan-situasi/buat", data={"start": start, "end": end})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert message in body
    assert f'value="{start}"' in body  # the form keeps what was typed
    assert db.exec(select(SitrepReport)).all() == []


def test_who_may_generate_and_read(client, login_as, accounts, clock, db):
    login_as("kpu-operator")
    assert client.post("/laporan-situasi/buat", data={}).status_code == 403
    assert 'id="sitrep-generate"' not in client.get("/laporan-situasi").get_data(as_text=True)
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    report = _only(db)
    login_as("kpu-operator")
    assert client.get(f"/laporan-situasi/{report.id}").status_code == 200
    assert client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"}).status_code == 403
    login_as("beltim-pemda-pimpinan")  # another desk
    assert client.get(f"/laporan-situasi/{report.id}").status_code == 403
    login_as("polri-petugas")
    assert client.get("/laporan-situasi").status_code == 403


def test_pdf_and_whatsapp_text(client, login_as, accounts, make_incident, clock, db, tmp_path):
    make_incident(accounts["polri-operator"], wib(9), text="Kotak suara basah di TPS 002.")
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    report = _only(db)
    client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    report = _only(db)
    pdf = client.get(f"/laporan-situasi/{report.id}.pdf")
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    path = tmp_path / "lapsit.pdf"
    path.write_bytes(pdf.data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "LAPORAN SITUASI" in text
    # the letter's address block, as in the invitation: Kepada / Yth. <addressee> / di – / Tempat
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    yth = next(i for i, line in enumerate(lines) if line.startswith("Yth. "))
    assert lines[yth - 1] == "Kepada"
    assert lines[yth + 1 : yth + 3] == ["di –", "Tempat"]
    assert "LAPSIT/19.02/20241127/V1" in text
    assert text.count(f"Kode verifikasi: {report.code}") >= 1
    pages = int(
        subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0]
    )
    assert text.count("Kode verifikasi:") == pages  # on every page
    sections = json.loads(report.sections)
    assert f"Jumlah kerawanan tercatat: {sections['kerawanan']['total']}" in " ".join(text.split())

    wa = client.get(f"/laporan-situasi/{report.id}/wa")
    assert wa.status_code == 200
    assert wa.mimetype == "text/plain"
    body = wa.get_data(as_text=True)
    assert body.startswith("*LAPORAN SITUASI DESK PILKADA*")
    assert f"/verifikasi/{report.code}" in body
    assert max(len(line) for line in body.splitlines()) < 400
    page = client.get(f"/laporan-situasi/{report.id}").get_data(as_text=True)
    assert 'id="sitrep-share"' in page
    assert "https://wa.me/?text=" in page
    assert 'id="sitrep-copy"' in page
    assert "<script>" not in page.split("</head>", 1)[1]  # no inline script (CSP)


def test_scheduled_draft_once_and_head_notified(app, db, accounts, clock):
    from app.notifications.models import Notification
    from app.sitrep.job import run_schedule

    early = NOW.replace(hour=10, minute=59)  # 17.59 WIB: before the 18.00 schedule
    with app.test_request_context():
        assert run_schedule(db, early) == []
        made = run_schedule(db, NOW.replace(hour=11, minute=0))
        db.commit()
        assert [r.region_code for r in made] == ["19.02", "19.06"]
        assert run_schedule(db, NOW.replace(hour=11, minute=5)) == []
        db.commit()
    rows = db.exec(select(SitrepReport)).all()
    assert len(rows) == 2
    assert all(r.scheduled and r.status == "draft" for r in rows)
    notes = db.exec(select(Notification).where(Notification.kind == "sitrep")).all()
    heads = {accounts["pemda-pimpinan"].id, accounts["pemda-sekretariat"].id, accounts["beltim-pemda-pimpinan"].id}
    assert {n.user_id for n in notes} == heads


def test_schedule_skips_a_desk_that_signed_its_day_already(app, db, accounts, clock, client, login_as, caplog):
    """Belitung Timur signed today's report by hand at 17.00: the 18.00 round drafts Belitung's only, quietly."""
    from app.sitrep.job import run_schedule

    login_as("beltim-pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    signed = db.exec(select(SitrepReport)).one()
    assert client.post(f"/laporan-situasi/{signed.id}/tandatangan", data={"confirm": "y"}).status_code == 303
    db.expire_all()
    with app.test_request_context():
        made = run_schedule(db, NOW.replace(hour=11, minute=0))
        db.commit()
    assert [r.region_code for r in made] == ["19.02"]
    assert "failed" not in caplog.text
    db.expire_all()
    assert db.get(SitrepReport, signed.id).status == "signed"


def test_schedule_is_made_once_by_two_sessions(app, accounts, clock):
    """Two processes' rounds at the same minute: the unique schedule key lets one draft through."""
    from sqlmodel import Session

    from app.db import get_engine
    from app.sitrep.job import run_schedule

    at = NOW.replace(hour=11, minute=0)
    engine = get_engine(app, write=True)
    with app.test_request_context():
        with Session(engine) as one:
            first = run_schedule(one, at)
            one.commit()
        with Session(engine) as two:
            second = run_schedule(two, at)
            two.commit()
        with Session(engine) as check:
            keys = [r.schedule_key for r in check.exec(select(SitrepReport)).all()]
    assert len(first) == 2
    assert second == []
    assert sorted(keys) == ["19.02:2024-11-27", "19.06:2024-11-27"]


def test_voting_day_has_a_midday_report_too(app, db, accounts, clock):
    """On the desk's voting day the schedule also drafts a midday report, 00.00–12.00 (issue 16 point 1), once;
    a desk without an election that day gets only the evening one."""
    from app.regions.models import Election
    from app.sitrep.job import run_schedule

    db.add(Election(name="Pilkada Belitung 2024", region_code="19.02", voting_day=NOW.date(), created_at=NOW))
    db.commit()
    with app.test_request_context():
        assert run_schedule(db, NOW.replace(hour=4, minute=59)) == []  # 11.59 WIB
        made = run_schedule(db, NOW.replace(hour=5, minute=0))
        db.commit()
        assert [(r.region_code, r.schedule_key) for r in made] == [("19.02", "19.02:2024-11-27:siang")]
        midday = made[0]
        assert (midday.period_start, midday.period_end) == (DAY_START, DAY_START + timedelta(hours=12))
        assert run_schedule(db, NOW.replace(hour=5, minute=30)) == []
        evening = run_schedule(db, NOW.replace(hour=11, minute=0))
        db.commit()
    assert sorted(r.schedule_key for r in evening) == ["19.02:2024-11-27", "19.06:2024-11-27"]
    assert len(db.exec(select(SitrepReport)).all()) == 3


def test_unsigned_report_reminds_the_desk_head_at_the_hour(app, db, accounts, client, login_as, clock):
    from app.sitrep.job import unsigned_reminders

    before = NOW.replace(hour=13, minute=29)  # 20.29 WIB
    at = NOW.replace(hour=13, minute=30)
    with app.test_request_context():
        assert unsigned_reminders(db, before) == []
        due = {r.key: r for r in unsigned_reminders(db, at)}
    assert set(due) == {"sitrep:19.02:2024-11-27:unsigned", "sitrep:19.06:2024-11-27:unsigned"}
    assert set(due["sitrep:19.02:2024-11-27:unsigned"].user_ids) == {
        accounts["pemda-pimpinan"].id,
        accounts["pemda-sekretariat"].id,
    }
    assert due["sitrep:19.02:2024-11-27:unsigned"].title == "Laporan situasi hari ini belum ditandatangani"
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={})
    report = _only(db)
    client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    with app.test_request_context():
        assert [r.key for r in unsigned_reminders(db, at)] == ["sitrep:19.06:2024-11-27:unsigned"]
