"""Deadline clocks on a phone: a Gakkumdu case after P19, and a clock through a year with no holiday calendar; and
the colour of a closed complaint's badge (no other feature's stylesheet reaches it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, create_engine, select

from app.complaints.models import Complaint, GakkumduCase, GakkumduStageLog
from tests.browser.conftest import _e2e_database, login, start_server, stop_server


@pytest.fixture(scope="module")
def clocks_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("clocks")
    url, drop = _e2e_database(tmp, "sinergi_clocks")
    base_url, process, _env = start_server(tmp, database_url=url)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    ids = _prepare(engine)
    yield base_url, ids
    engine.dispose()
    stop_server(process)
    drop()


def _prepare(engine) -> dict[str, int]:
    """Move the seeded Gakkumdu case to P19 (returned yesterday), open one in penyidikan late in 2027, and close
    the seeded case that went to BKN (selesai)."""
    now = datetime.now(UTC)
    with Session(engine) as db:
        case = db.exec(select(GakkumduCase)).first()
        received, returned = now - timedelta(days=3), now - timedelta(days=1)
        for stage, at in (("berkas_ke_pu", received), ("p19", returned)):
            db.add(GakkumduStageLog(case_id=case.id, stage=stage, at=at, note=""))
        case.stage, case.stage_since, case.file_received_at, case.returned_once = "p19", returned, received, True
        db.add(case)
        other = db.exec(
            select(Complaint).where(Complaint.id != case.complaint_id, Complaint.status == "kajian_awal")
        ).first()
        future = GakkumduCase(
            complaint_id=other.id,
            region_code=other.region_code,
            regime="pilkada",
            stage="penyidikan",
            stage_since=datetime(2027, 12, 20, 3, tzinfo=UTC),
            opened_at=datetime(2027, 12, 20, 3, tzinfo=UTC),
        )
        db.add(future)
        closed = db.exec(select(Complaint).where(Complaint.status == "diteruskan")).first()
        closed.status = "selesai"
        db.add(closed)
        db.commit()
        return {"p19": case.complaint_id, "unknown": other.id, "closed": closed.id}


def test_p19_and_unknown_year_clocks_on_a_phone(browser, phone, clocks_server, artifacts):
    base_url, ids = clocks_server
    context = browser.new_context(**phone, base_url=base_url)
    page = context.new_page()
    try:
        login(page, "bawaslu-operator")
        page.goto(f"/pengaduan/{ids['p19']}#gakkumdu")
        section = page.locator("#gakkumdu")
        assert "P19: berkas dikembalikan" in section.inner_text()
        assert "hari kerja" in section.inner_text()
        section.locator("summary").first.click()
        assert section.locator("details").first.get_attribute("open") is not None
        section.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "clocks-01-gakkumdu-p19.png"), full_page=True, caret="initial")
        page.goto(f"/pengaduan/{ids['unknown']}#gakkumdu")
        red = page.locator("#gakkumdu .cp-clock-unknown")
        assert red.inner_text() == "kalender libur 2028 belum tersedia"
        assert page.locator("#gakkumdu .cp-clock-overdue").count() == 1
        page.screenshot(path=str(artifacts / "clocks-02-kalender-tidak-tersedia.png"), full_page=True, caret="initial")
    finally:
        context.close()


# The badge's colours must be complaints.css's grey (#eceff2 on #4a5360). Before the cp- prefix timeline.css's
# .status-selesai (green, rgb(231, 245, 234)) won, as it loads later (code review §5).
BADGE_JS = """(el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.color]; }"""


def test_a_closed_complaints_badge_is_grey(browser, phone, clocks_server, artifacts):
    base_url, ids = clocks_server
    context = browser.new_context(**phone, base_url=base_url)
    page = context.new_page()
    try:
        login(page, "bawaslu-operator")
        page.goto("/pengaduan?status=selesai")
        item = page.locator(f"#complaint-{ids['closed']}")
        badge = item.locator(".cp-status-selesai")
        assert badge.inner_text() == "Selesai dan diumumkan"
        assert badge.evaluate(BADGE_JS) == ["rgb(236, 239, 242)", "rgb(74, 83, 96)"]
        item.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "complaints-badge-selesai.png"), caret="initial")
    finally:
        context.close()
