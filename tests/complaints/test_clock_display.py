"""Clocks on the complaint page: what they count, their basis on tap, unknown calendars in red."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.complaints.holidays import forget_cache
from app.complaints.services import gakkumdu as gk
from app.complaints.vocab import Stage


@pytest.fixture(autouse=True)
def _fresh_calendar(app):
    yield
    with app.app_context():
        forget_cache()


def _case_at(make_complaint, app, db, now, make_user, stage: str, since: datetime, received: datetime | None = None):
    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        c = make_complaint(now).complaint
        case = gk.open_first_discussion(db, c, actor=op, now=now)
        case.stage, case.stage_since, case.file_received_at = stage, since, received
        db.add(case)
        db.commit()
        return c.id


def test_p19_case_shows_working_days_and_the_basis_on_tap(app, db, now, make_user, client, auth, make_complaint):
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024) [V]; review §1c "Clock display": a working-day deadline says
    "hari kerja" and shows the rule and its source in a <details>."""
    complaint_id = _case_at(
        make_complaint, app, db, now, make_user, Stage.P19.value, datetime(2024, 12, 4, 3, tzinfo=UTC)
    )
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    assert "P19" in page
    assert "hari kerja" in page  # overdue by now (2026): "lewat … hari kerja"
    assert '<details class="cp-clock-basis">' in page
    assert "3 hari kerja sejak berkas dikembalikan" in page
    assert "UU 1/2015 jo. UU 10/2016" in page


def test_a_clock_through_an_unknown_year_is_red_and_names_the_year(
    app, db, now, make_user, client, auth, make_complaint
):
    """Brief rule / domain.md §0: a clock over a year without holiday data says so, never a silent guess."""
    complaint_id = _case_at(
        make_complaint, app, db, now, make_user, Stage.PENYIDIKAN.value, datetime(2027, 12, 20, 3, tzinfo=UTC)
    )
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    assert "kalender libur 2028 belum tersedia" in page
    assert "cp-clock-overdue" in page  # the red style


def test_first_discussion_can_be_recorded_from_the_page_during_kajian_awal(
    app, db, now, make_user, client, auth, make_complaint
):
    """Perber 2020 Pasal 16–17 [S] (review §1f): the first discussion is recorded before registration; the
    complaint keeps its status."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        c = make_complaint(now).complaint
        db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "/gakkumdu/pembahasan-pertama" in page
    response = client.post(f"/pengaduan/{c.id}/gakkumdu/pembahasan-pertama", data={"article": "Pasal 188 jo. 71"})
    assert response.status_code == 303
    page = client.get(f"/pengaduan/{c.id}").get_data(as_text=True)
    assert "Pasal 188 jo. 71" in page
    assert "/gakkumdu/pembahasan-pertama" not in page
    again = client.post(f"/pengaduan/{c.id}/gakkumdu/pembahasan-pertama", data={"article": "x"})
    assert again.status_code == 422


def test_the_filing_deadline_shows_its_basis_on_tap(app, db, now, make_user, client, auth, make_complaint):
    """Every deadline shows its rule and regulation (issue 11 point 3): the filing window of UU 1/2015 Pasal 134(4)."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        complaint_id = make_complaint(now).complaint.id
        db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    filing = page.split("Batas pengajuan", 1)[1].split("</dd>", 1)[0]
    assert "cp-clock-basis" in filing
    assert "UU 1/2015 Pasal 134 ayat (4)" in filing


def test_a_stage_is_timed_when_it_happened_not_when_it_was_typed(app, db, now, make_user, client, auth, make_complaint):
    """Perbawaslu 31/2018 jo. UU 10/2016 Pasal 146 (domain.md §0, review R2): the PU's 5 working days to file at
    the court count from the day it *received* the file. Recorded days later, the receipt keeps its own date:
    received Monday 2 Dec 2024 09.00 WIB → due Monday 9 Dec 2024. A time in the future, or before the current
    stage, is refused next to the field and nothing changes."""
    from sqlmodel import select

    from app.audit.models import AuditLog
    from app.complaints.models import GakkumduCase

    complaint_id = _case_at(
        make_complaint, app, db, now, make_user, Stage.PENYIDIKAN.value, datetime(2024, 11, 25, 3, tzinfo=UTC)
    )
    from app.complaints.models import Complaint

    complaint = db.get(Complaint, complaint_id)
    complaint.routed_agencies = ",POLRI,KEJAKSAAN,"  # forwarded to Sentra Gakkumdu (services/routing.py)
    db.commit()
    make_user("kejaksaan-operator", agency="KEJAKSAAN", role="operator")
    auth.login("kejaksaan-operator")
    url = f"/pengaduan/{complaint_id}/gakkumdu"
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    assert 'name="occurred_at"' in page
    assert "Waktu kejadian" in page
    future = client.post(url, data={"stage": "berkas_ke_pu", "occurred_at": "2099-01-01T08:00"})
    assert future.status_code == 422
    assert "Waktu tidak boleh di masa depan" in future.get_data(as_text=True)
    early = client.post(url, data={"stage": "berkas_ke_pu", "occurred_at": "2024-11-20T08:00"})
    assert early.status_code == 422
    assert "Tahap tidak dapat terjadi sebelum tahap saat ini" in early.get_data(as_text=True)
    done = client.post(url, data={"stage": "berkas_ke_pu", "occurred_at": "2024-12-02T09:00"})
    assert done.status_code == 303, done.get_data(as_text=True)[:300]
    db.expire_all()
    case = db.exec(select(GakkumduCase)).one()
    assert case.file_received_at.replace(tzinfo=UTC) == datetime(2024, 12, 2, 2, tzinfo=UTC)  # 09.00 WIB
    assert case.stage_since.replace(tzinfo=UTC) == datetime(2024, 12, 2, 2, tzinfo=UTC)
    with app.app_context():
        from app.complaints import deadlines
        from app.complaints.settings import ComplaintSettings

        assert deadlines.stage_clock(case, datetime(2024, 12, 3).date(), ComplaintSettings()).due.isoformat() == (
            "2024-12-09"
        )
    (row,) = db.exec(select(AuditLog).where(AuditLog.action == "gakkumdu.stage")).all()
    assert row.after["occurred_at"].startswith("2024-12-02T02:00")


def test_the_first_discussion_shows_its_moment_and_hours(app, db, now, make_user, client, auth, make_complaint):
    """Perber 2020 Pasal 16–17 [S]: a 1×24 jam clock shows the minute it is due ("paling lambat … pukul") and the
    hours left or overdue, not a date."""
    complaint_id = _case_at(
        make_complaint, app, db, now, make_user, Stage.PEMBAHASAN_PERTAMA.value, datetime(2024, 11, 20, 7, tzinfo=UTC)
    )
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    section = page.split('id="gakkumdu"', 1)[1].split("</section>", 1)[0]
    assert "paling lambat" in section
    assert "21 November 2024" in section
    assert "14.00" in section
    assert "lewat" in section
    assert "jam" in section


def test_a_first_discussion_due_within_the_day_counts_hours(app, db, now, make_user, client, auth, make_complaint):
    """Perber 2020 Pasal 16–17 [S]: opened 23 hours ago, the first discussion has 1 hour left ("sisa 1 jam")."""
    from datetime import timedelta

    from app.clock import utcnow

    complaint_id = _case_at(
        make_complaint, app, db, now, make_user, Stage.PEMBAHASAN_PERTAMA.value, utcnow() - timedelta(hours=23)
    )
    auth.login("bawaslu-operator")
    section = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True).split('id="gakkumdu"', 1)[1]
    assert "sisa 1 jam" in section.split("</section>", 1)[0]


def test_a_pemilu_filing_window_through_an_unknown_year_says_so(app, db, now, make_user, client, auth, make_complaint):
    """UU 7/2017 Pasal 454(6): a Pemilu report is filed within 7 *working* days; counted through a year without a
    holiday calendar, the filing deadline says "kalender libur <tahun> belum tersedia" (domain.md §0)."""
    from datetime import date

    from app.complaints.models import Complaint

    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        c = make_complaint(now).complaint
        c.regime, c.known_on = "pemilu", date(2029, 2, 10)
        db.add(c)
        db.commit()
        complaint_id = c.id
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    facts = page.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    assert "kalender libur 2029 belum tersedia" in facts
    assert db.get(Complaint, complaint_id).regime == "pemilu"
