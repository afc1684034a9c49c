"""Clocks on the complaint page: what they count, their basis on tap, unknown calendars in red."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.complaints.constants import Stage
from app.complaints.holidays import forget_cache
from app.complaints.services import gakkumdu as gk
from tests.complaints.helpers import make_complaint


@pytest.fixture(autouse=True)
def _fresh_calendar(app):
    yield
    with app.app_context():
        forget_cache()


def _case_at(app, db, now, make_user, stage: str, since: datetime, received: datetime | None = None):
    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        c = make_complaint(db, now).complaint
        case = gk.open_first_discussion(db, c, actor=op, now=now)
        case.stage, case.stage_since, case.file_received_at = stage, since, received
        db.add(case)
        db.commit()
        return c.id


def test_p19_case_shows_working_days_and_the_basis_on_tap(app, db, now, make_user, client, auth):
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024) [V]; review §1c "Clock display": a working-day deadline says
    "hari kerja" and shows the rule and its source in a <details>."""
    complaint_id = _case_at(app, db, now, make_user, Stage.P19.value, datetime(2024, 12, 4, 3, tzinfo=UTC))
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    assert "P19" in page
    assert "hari kerja" in page  # overdue by now (2026): "lewat … hari kerja"
    assert "<details class=\"clock-basis\">" in page
    assert "3 hari kerja sejak berkas dikembalikan" in page
    assert "UU 1/2015 jo. UU 10/2016" in page


def test_a_clock_through_an_unknown_year_is_red_and_names_the_year(app, db, now, make_user, client, auth):
    """Brief rule / domain.md §0: a clock over a year without holiday data says so, never a silent guess."""
    complaint_id = _case_at(app, db, now, make_user, Stage.PENYIDIKAN.value, datetime(2027, 12, 20, 3, tzinfo=UTC))
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    assert "kalender libur 2028 belum tersedia" in page
    assert "clock-overdue" in page  # the red style


def test_first_discussion_can_be_recorded_from_the_page_during_kajian_awal(app, db, now, make_user, client, auth):
    """Perber 2020 Pasal 16–17 [S] (review §1f): the first discussion is recorded before registration; the
    complaint keeps its status."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        c = make_complaint(db, now).complaint
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


def test_the_filing_deadline_shows_its_basis_on_tap(app, db, now, make_user, client, auth):
    """Every deadline shows its rule and regulation (issue 11 point 3): the filing window of UU 1/2015 Pasal 134(4)."""
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        complaint_id = make_complaint(db, now).complaint.id
        db.commit()
    auth.login("bawaslu-operator")
    page = client.get(f"/pengaduan/{complaint_id}").get_data(as_text=True)
    filing = page.split("Batas pengajuan", 1)[1].split("</dd>", 1)[0]
    assert "clock-basis" in filing
    assert "UU 1/2015 Pasal 134 ayat (4)" in filing
