"""Planted markers: a KPU operator's view, PDF and WhatsApp text of a report show nothing restricted they may not
see (a POLRI-only incident, an instruction to POLRI, a POLRI meeting's decision, a complaint's reporter) and omit
nothing they may see (a public important incident, an instruction to everyone)."""

from __future__ import annotations

import io
from datetime import timedelta

from pypdf import PdfReader
from sqlmodel import select

from app.sitrep.models import SitrepReport
from tests.sitrep.conftest import DAY_START, wib

SECRET_INCIDENT = "RAHASIA-POLRI-INSIDEN-41"
SECRET_INSTRUCTION = "RAHASIA-POLRI-INSTRUKSI-42"
SECRET_DECISION = "RAHASIA-RAPAT-POLRI-43"
REPORTER = "Siti Rahmawati"
PUBLIC_INCIDENT = "TERBUKA-INSIDEN-44 kotak suara tiba terlambat"
PUBLIC_INSTRUCTION = "TERBUKA-INSTRUKSI-45 semua unsur melapor"
SECRETS = [SECRET_INCIDENT, SECRET_INSTRUCTION, SECRET_DECISION, REPORTER]
PUBLIC = [PUBLIC_INCIDENT, PUBLIC_INSTRUCTION]


def _plant(app, db, accounts, make_incident, make_complaint):
    from app.instructions import services as instructions
    from app.meetings.models import AgendaItem, Meeting, MinuteEntry
    from app.timeline.services import promote

    polri, head = accounts["polri-operator"], accounts["pemda-pimpinan"]
    secret = make_incident(polri, wib(9), visible_to=["POLRI"], text=SECRET_INCIDENT)
    public = make_incident(polri, wib(10), text=PUBLIC_INCIDENT)
    make_complaint(wib(11))
    with app.test_request_context():
        promote(db, secret, actor=accounts["polri-pimpinan"], now=wib(9, 5))
        promote(db, public, actor=head, now=wib(10, 5))
        instructions.send(
            db,
            actor=accounts["polri-pimpinan"],
            text=SECRET_INSTRUCTION,
            audience=instructions.Audience(["POLRI"], [], "19.02"),
            now=wib(8),
        )
        instructions.send(
            db, actor=head, text=PUBLIC_INSTRUCTION, audience=instructions.Audience([], [], "19.02"), now=wib(7)
        )
        meeting = Meeting(
            title="Rapat internal Polres",
            organiser_agency="POLRI",
            region_code="19.02",
            starts_at=wib(12),
            ends_at=wib(13),
            place="Mapolres",
            chair_name="Kapolres",
            minute_name="Kasat",
            checkin_code="POL123",
            created_at=wib(11),
            updated_at=wib(11),
        )
        db.add(meeting)
        db.flush()
        item = AgendaItem(meeting_id=meeting.id, title="Internal")
        db.add(item)
        db.flush()
        db.add(
            MinuteEntry(
                meeting_id=meeting.id, item_id=item.id, kind="decision", text=SECRET_DECISION, created_at=wib(12)
            )
        )
        db.commit()


def test_kpu_operator_sees_nothing_restricted(
    app, db, client, login_as, accounts, make_incident, make_complaint, clock
):
    _plant(app, db, accounts, make_incident, make_complaint)
    login_as("pemda-pimpinan")
    client.post("/laporan-situasi/buat", data={"start": "2024-11-27T00:00", "end": "2024-11-27T20:00"})
    report = db.exec(select(SitrepReport)).one()
    assert report.period_start == DAY_START
    assert report.period_end == DAY_START + timedelta(hours=20)
    client.post(f"/laporan-situasi/{report.id}/tandatangan", data={"confirm": "y"})
    # the stored report itself never holds a restricted text
    db.expire_all()
    stored = db.get(SitrepReport, report.id)
    for marker in SECRETS:
        assert marker not in stored.sections
        assert marker not in stored.situasi_umum

    login_as("kpu-operator")
    page = client.get(f"/laporan-situasi/{report.id}").get_data(as_text=True)
    pdf = client.get(f"/laporan-situasi/{report.id}.pdf").data
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    wa = client.get(f"/laporan-situasi/{report.id}/wa").get_data(as_text=True)
    listing = client.get("/laporan-situasi").get_data(as_text=True)
    for channel, text in {"page": page, "pdf": pdf_text, "wa": wa, "list": listing}.items():
        for marker in SECRETS:
            assert marker not in text, (channel, marker)
    for channel, text in {"page": page, "pdf": pdf_text}.items():
        for marker in PUBLIC:
            assert marker.split(" ")[0] in text, (channel, marker)
    assert PUBLIC_INCIDENT.split(" ")[0] in wa
    # counted, not described
    assert "entri terbatas" in page
    assert "entri terbatas" in pdf_text
    assert 'id="sitrep-kerawanan-total">2<' in page
