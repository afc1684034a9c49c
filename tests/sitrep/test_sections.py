"""Every number of a report equals the number of the corresponding page for the same scope and period: one test
per section, comparing with the page's own query or provider."""

from __future__ import annotations

import json
import math
from datetime import timedelta

from app.readiness.models import LogisticsStock
from app.readiness.services import summary as readiness_summary
from app.readiness.services.turnout import record_turnout
from app.regions.models import Election
from app.sitrep import generate
from tests.readiness.helpers import V_MEMBALONG, V_TANJUNG_1, add_tps
from tests.sitrep.conftest import DAY_START, NOW, wib


def test_kerawanan_equals_the_incident_summary(app, db, accounts, make_incident, places, report_for):
    from app.timeline.services import change_status, promote
    from app.timeline.summary import summarise
    from app.timeline.vocab import Status

    op = accounts["polri-operator"]
    a = make_incident(op, wib(8), category="op.konflik_tps")
    b = make_incident(op, wib(9), category="op.surat_suara_kurang", tps_id=places["tanjungpandan1"].id)
    make_incident(op, wib(10), visible_to=["POLRI"], text="RAHASIA-POLRI rencana pengamanan.")
    make_incident(op, wib(11), category="op.konflik_tps")
    make_incident(op, DAY_START - timedelta(hours=1))  # the day before: not in the period
    with app.test_request_context():
        change_status(db, a, "ditangani", actor=accounts["polri-pimpinan"], now=wib(8, 20))
        change_status(db, b, "selesai", actor=accounts["polri-pimpinan"], now=wib(9, 45), note="Diamankan.")
        promote(db, a, actor=accounts["pemda-pimpinan"], now=wib(8, 30))
        db.commit()
    _report, s = report_for(accounts["pemda-pimpinan"])
    k = s["kerawanan"]
    with app.test_request_context():
        # The POLRI head sees every one of these incidents (the restricted one is POLRI's): the page's numbers.
        page = summarise(
            db, accounts["polri-pimpinan"], DAY_START.date() + timedelta(days=1), DAY_START.date() + timedelta(days=1)
        )
    assert k["total"] == page.total == 4
    assert {code: n for code, _label, n in k["by_status"]} == {st.value: page.by_status.get(st, 0) for st in Status}
    assert {code: n for code, _label, n in k["by_category"]} == {c or "": n for c, n in page.by_category.items()}
    assert {code: n for code, _name, n, _open in k["by_kecamatan"]} == {
        c: g.count for c, g in page.by_kecamatan.items()
    }
    assert {code: o for code, _name, _n, o in k["by_kecamatan"]} == {c: g.open for c, g in page.by_kecamatan.items()}
    assert (k["median_handle"], k["max_handle"]) == (page.durations.median_handle, page.durations.max_handle)
    assert (k["median_resolve"], k["max_resolve"]) == (page.durations.median_resolve, page.durations.max_resolve)
    assert k["restricted"] == 1
    assert [i["status"] for i in k["important"]] == ["Ditangani"]
    assert "RAHASIA-POLRI" not in str(s)


def test_logistik_pengamanan_partisipasi_equal_the_readiness_overview(app, db, accounts, client, login_as, report_for):
    kpu = accounts["kpu-operator"]
    with app.app_context():
        db.add(Election(name="Pilkada Belitung 2024", region_code="19.02", voting_day=NOW.date(), created_at=NOW))
        a = add_tps(db, V_TANJUNG_1, 1, 400)
        b = add_tps(db, V_MEMBALONG, 1, 500)
        db.add(LogisticsStock(tps_id=a.id, item="surat_suara", needed=820, received=820))
        db.add(LogisticsStock(tps_id=b.id, item="surat_suara", needed=1026, received=513))
        record_turnout(db, a, 320, actor=kpu, now=NOW)
        record_turnout(db, b, 399, actor=kpu, now=NOW)
        readiness_summary.refresh_scope(db, "19.02", now=NOW)
        db.commit()
    _report, s = report_for(accounts["pemda-pimpinan"])
    with app.test_request_context():
        page = generate.readiness_overview(db, "19.02", NOW)
    assert s["logistik"]["pct"] == page.total.logistics_pct
    assert (s["logistik"]["tps"], s["logistik"]["delivered"]) == (page.total.tps, page.total.delivered)
    # Whole people, rounded as the overview page shows them (required up, assigned to the nearest).
    assert (s["pengamanan"]["required"], s["pengamanan"]["assigned"]) == (
        math.ceil(page.total.required - 1e-9),
        round(page.total.assigned),
    )
    assert s["tps_rawan"]["rawan_tps"] == page.total.rawan_tps
    assert s["partisipasi"]["pct"] == page.total.turnout_pct
    # and what the readiness page prints for the same scope
    login_as("pemda-pimpinan")
    html = client.get("/kesiapan").get_data(as_text=True)
    assert "79,89%" in html
    assert abs(s["partisipasi"]["pct"] - 0.7989) < 0.0001


def test_pengaduan_equals_the_queue_summary(app, db, accounts, make_complaint, report_for):
    from app.complaints.queries import summary

    make_complaint(NOW - timedelta(days=3))
    make_complaint(NOW - timedelta(days=1))
    db.commit()
    _report, s = report_for(accounts["pemda-pimpinan"])
    with app.test_request_context():
        page = summary(db, "19.02", NOW)
    p = s["pengaduan"]
    assert p["total"] == sum(page.by_status.values()) == 2
    assert {code: n for code, _label, n in p["by_status"]} == {st.value: n for st, n in page.by_status.items() if n}
    assert (p["overdue"], p["due_today"], p["late_filing"]) == (page.overdue, page.due_today, page.late_filing)
    assert p["gakkumdu_overdue"] == page.gakkumdu_overdue


def test_rapat_equals_the_meetings_tables(app, db, accounts, report_for):
    from sqlmodel import func, select

    from app.meetings.models import Action, AgendaItem, Meeting, MinuteEntry
    from app.meetings.services import visible_clause

    head = accounts["pemda-pimpinan"]

    def meeting(title, start, region="19.02"):
        m = Meeting(
            title=title,
            organiser_agency="PEMDA",
            region_code=region,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Rumah dinas",
            chair_name="Sekda",
            minute_name="Notulis",
            checkin_code="ABC123",
            created_at=start,
            updated_at=start,
        )
        db.add(m)
        db.flush()
        item = AgendaItem(meeting_id=m.id, title="Evaluasi")
        db.add(item)
        db.flush()
        return m, item

    m1, item1 = meeting("Rapat pagi", wib(7))
    m2, _item2 = meeting("Rapat siang", wib(13))
    meeting("Rapat kemarin", DAY_START - timedelta(hours=5))
    meeting("Rapat Beltim", wib(9), region="19.06")
    db.add(
        MinuteEntry(meeting_id=m1.id, item_id=item1.id, kind="decision", text="Patroli ditambah.", created_at=wib(8))
    )
    db.add(MinuteEntry(meeting_id=m1.id, item_id=item1.id, kind="discussion", text="Diskusi.", created_at=wib(8)))
    db.add(
        Action(
            meeting_id=m1.id, what="Kirim genset", owner_agency="PEMDA", due_date=DAY_START.date(), created_at=wib(8)
        )
    )
    db.add(Action(meeting_id=m2.id, what="Cek TPS", owner_agency="POLRI", due_date=None, created_at=wib(14)))
    db.commit()
    _report, s = report_for(head)
    period_end = DAY_START + timedelta(days=1)
    listed = db.exec(
        select(func.count(Meeting.id)).where(
            visible_clause(head), Meeting.starts_at >= DAY_START, Meeting.starts_at < period_end
        )
    ).one()
    assert s["rapat"]["held"] == listed == 2
    assert s["rapat"]["decisions"] == 1
    assert s["rapat"]["open_actions"] == 2
    assert s["rapat"]["overdue_actions"] == 1  # due 26 Nov, before the report's day (27 Nov WIB)


def test_instruksi_equals_the_provider(app, db, accounts, report_for):
    from app.instructions import services as instructions
    from app.registry import registry_of

    head = accounts["pemda-pimpinan"]
    with app.test_request_context():
        instructions.send(
            db,
            actor=head,
            text="Semua unsur melapor pukul 07.00.",
            audience=instructions.Audience([], [], "19.02"),
            now=wib(6),
        )
        instructions.send(
            db,
            actor=head,
            text="RAHASIA-INSTRUKSI khusus Polri.",
            audience=instructions.Audience(["POLRI"], [], "19.02"),
            now=wib(7),
        )
        db.commit()
    _report, s = report_for(head)
    with app.test_request_context():
        issued = registry_of(app).provider("instructions_issued")(
            db, head, "19.02", DAY_START, DAY_START + timedelta(days=1)
        )
    assert s["instruksi"]["count"] == len(issued) == 2
    assert s["instruksi"]["restricted"] == 1
    texts = [i["text"] for i in s["instruksi"]["items"]]
    assert texts == ["Semua unsur melapor pukul 07.00.", None]


def test_hari_h_equals_the_voting_day_board(app, db, accounts, places, report_for):
    """*Hari-H* (issue 16 point 1): the TPS board's numbers for the same scope, as at the report's moment; only
    when the period covers the region's voting day (PKPU 17/2024 for the expected times)."""
    from sqlmodel import Session

    from app.db import get_engine
    from app.votingday import board as boards
    from app.votingday.models import Checkin

    with app.app_context():
        db.add(Election(name="Pilkada Belitung 2024", region_code="19.02", voting_day=NOW.date(), created_at=NOW))
        db.commit()
    polri, kpu = accounts["polri-operator"], accounts["kpu-operator"]
    steps = [
        (polri, "membalong1", "petugas_tiba", wib(6, 10)),
        (kpu, "membalong1", "tps_siap", wib(6, 50)),
        (kpu, "membalong1", "pemungutan_dimulai", wib(7, 5)),
        (kpu, "tanjungpandan1", "tps_siap", wib(7, 20)),
        (kpu, "tanjungpandan1", "pemungutan_dimulai", wib(7, 40)),
        (kpu, "membalong1", "pemungutan_selesai", wib(13, 20)),
        (kpu, "beltim1", "pemungutan_dimulai", wib(7, 0)),  # Belitung Timur: another kabupaten
    ]
    with Session(get_engine(app, write=True)) as s:
        for user, tps, step, when in steps:
            t = places[tps]
            s.add(
                Checkin(
                    tps_id=t.id,
                    step=step,
                    region_code=t.village_code,
                    occurred_at=when,
                    recorded_at=when,
                    user_id=user.id,
                    agency=user.agency,
                )
            )
        s.commit()

    _report, s = report_for(accounts["pemda-pimpinan"])
    h = s["hari_h"]
    board = boards.build(db, kpu, NOW)
    assert h["tps"] == board.total == 3
    assert {st["code"]: st["reached"] for st in h["steps"] if st["reached"]} == board.reached
    for st in h["steps"]:  # at 21.00 WIB every step but the hand-over (23.00) is past its time
        if st["code"] == "kotak_diserahkan":
            assert st["silent"] is None
        else:
            assert st["silent"] == board.total - board.reached.get(st["code"], 0)
    assert (h["opened"], h["counted"]) == (2, 0)
    assert [row[1:] for row in h["by_kecamatan"]] == [
        [g.name, g.total, g.reached.get("pemungutan_dimulai", 0), g.reached.get("penghitungan_selesai", 0)]
        for g in board.kecamatan
    ]
    assert "pemungutan dimulai di 2 dari 3 TPS" in " ".join(s["headline"])

    # A midday report counts what was known at 12.00: voting closed at 13.20 is not in it, and not yet due.
    _midday, m = report_for(accounts["pemda-pimpinan"], DAY_START, wib(12))
    closed = next(st for st in m["hari_h"]["steps"] if st["code"] == "pemungutan_selesai")
    assert (closed["reached"], closed["silent"]) == (0, None)
    assert m["hari_h"]["as_at"] == "12.00 WIB"

    # A period without the voting day has no Hari-H section.
    _before, b = report_for(accounts["pemda-pimpinan"], DAY_START - timedelta(days=3))
    assert b["hari_h"] is None


def test_pengamanan_counts_whole_people(app, db, accounts, places, report_for):
    """The staffing pattern of "2 per 4 TPS" (kurang rawan) needs half a person per TPS: three TPS need 2 people,
    as the readiness overview prints it (issue 11: personnel in whole people), never "1,5"."""
    from app.readiness.services import deployment

    with app.test_request_context():
        deployment.create_operation(db, "Operasi Uji", "19.02", actor=accounts["polri-pimpinan"], now=NOW)
        db.commit()
        page = generate.readiness_overview(db, "19.02", NOW)
    assert page.total.required == 1.5
    _report, s = report_for(accounts["pemda-pimpinan"])
    assert s["pengamanan"]["required"] == 2
    assert "kebutuhan menurut pola pengamanan 2 orang" in " ".join(s["headline"])


def test_headline_speaks_for_the_moment_the_figures_were_read(app, db, accounts, report_for):
    """A report drafted before its period ends says "Hingga pukul" the drafting time, not the period's end."""
    _open, s = report_for(accounts["pemda-pimpinan"], DAY_START, DAY_START + timedelta(days=1), NOW)
    assert s["headline"][0].startswith("Hingga pukul 21.00 WIB"), s["headline"]
    _closed, c = report_for(accounts["pemda-pimpinan"], DAY_START, wib(20), NOW)
    assert c["headline"][0].startswith("Hingga pukul 20.00 WIB"), c["headline"]


def test_deployed_above_the_pattern_is_not_written_as_x_of_y(app, db, accounts, report_for):
    """48 people deployed for a pattern of 36 read "48 personel tergelar, kebutuhan pola 36", never "48 dari 36"."""
    from app.sitrep.documents import wa_text

    report, _s = report_for(accounts["pemda-pimpinan"])
    sections = json.loads(report.sections)
    sections["pengamanan"].update(assigned=48, required=36, gap_tps=3)
    report.sections = json.dumps(sections)
    with app.test_request_context():
        text = wa_text(db, report)
    assert "*Pengamanan:* 48 personel tergelar, kebutuhan pola 36; 3 TPS di bawah pola" in text
    assert "dari 36" not in text
