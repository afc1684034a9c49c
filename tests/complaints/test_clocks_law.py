"""Every legal clock against its source: the Gakkumdu windows, the holiday calendars, cuti bersama, unknown years.

Expected dates of reviews/domain-review.md "Reproduction" R1 and R2 are asserted as given there. The property
tests compare the app's working-day arithmetic for every start day of 2024–2025 with a count written plainly
here, from the holiday lists typed out below (SKB 3 Menteri per year, Keppres 10/2024, Keppres 33/2024).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from app.complaints import deadlines
from app.complaints.holidays import CUTI, LIBUR, base_calendar, forget_cache
from app.complaints.models import GakkumduCase
from app.complaints.rules import ROUTABLE
from app.complaints.services import ComplaintError, handling, routing
from app.complaints.services import gakkumdu as gk
from app.complaints.settings import ComplaintSettings
from app.complaints.vocab import Stage, Status

S = ComplaintSettings()
CUTI_OFF = ComplaintSettings(cuti_bersama_day_off=("*",))

# The oracle: typed from the decrees, independently of app/complaints/data/*.csv.
LIBUR_2024 = [
    "01-01",
    "02-08",
    "02-10",
    "02-14",
    "03-11",
    "03-29",
    "03-31",
    "04-10",
    "04-11",
    "05-01",
    "05-09",
    "05-23",
    "06-01",
    "06-17",
    "07-07",
    "08-17",
    "09-16",
    "11-27",
    "12-25",
]
CUTI_2024 = ["02-09", "03-12", "04-08", "04-09", "04-12", "04-15", "05-10", "05-24", "06-18", "12-26"]
LIBUR_2025 = [
    "01-01",
    "01-27",
    "01-29",
    "03-29",
    "03-31",
    "04-01",
    "04-18",
    "04-20",
    "05-01",
    "05-12",
    "05-29",
    "06-01",
    "06-06",
    "06-27",
    "08-17",
    "09-05",
    "12-25",
]
# 18 Aug: added by the SKB amending 1017/2024, 2/2024, 2/2024 (7 Aug 2025, HUT ke-80 RI).
CUTI_2025 = ["01-28", "03-28", "04-02", "04-03", "04-04", "04-07", "05-13", "05-30", "06-09", "08-18", "12-26"]


def _days(year: int, mmdd: list[str]) -> set[date]:
    return {date.fromisoformat(f"{year}-{d}") for d in mmdd}


LIBUR_DAYS = _days(2024, LIBUR_2024) | _days(2025, LIBUR_2025)
CUTI_DAYS = _days(2024, CUTI_2024) | _days(2025, CUTI_2025)


def plain_add_working(start: date, n: int, cuti_is_working: bool) -> date:
    """The n-th day after ``start`` that is Monday–Friday and not a holiday, counted one day at a time."""
    day, counted = start, 0
    while counted < n:
        day = day + timedelta(days=1)
        off = day.weekday() in (5, 6) or day in LIBUR_DAYS or (day in CUTI_DAYS and not cuti_is_working)
        if not off:
            counted += 1
    return day


@pytest.fixture(autouse=True)
def _fresh_calendar(app):
    yield
    with app.app_context():
        forget_cache()


def _case(stage: str, since: datetime, received: datetime | None = None, regime: str = "pilkada") -> GakkumduCase:
    return GakkumduCase(
        complaint_id=1,
        region_code="19.02",
        regime=regime,
        stage=stage,
        stage_since=since,
        file_received_at=received,
        opened_at=since,
    )


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 3, tzinfo=UTC)  # 10.00 WIB


# ---- Sentra Gakkumdu windows (R2) ------------------------------------------------------------------------------


def test_pu_files_at_court_within_5_working_days_of_receiving_the_file_not_of_p21():
    """UU 1/2015 jo. UU 10/2016, as Bawaslu's nine steps put it (jpnn 19 Aug 2024) [V]: the PU files at the PN
    within 5 hari kerja "terhitung sejak berkas diterima dari penyidik". R2: received 2 Dec 2024, P21 on 5 Dec →
    due 9 Dec (the app used to say 12 Dec)."""
    case = _case(Stage.P21, _at(2024, 12, 5), received=_at(2024, 12, 2))
    clock = deadlines.stage_clock(case, date(2024, 12, 5), S)
    assert clock.due == date(2024, 12, 9)
    assert clock.working
    assert clock.days_left == 2
    assert "5 working days from the day the file was received" in clock.basis


@pytest.mark.parametrize(
    ("regime", "registered", "inquiry", "due", "without"),
    [
        ("pilkada", _at(2024, 12, 1), _at(2024, 12, 2), date(2024, 12, 6), date(2024, 12, 7)),  # 5 calendar days
        ("pemilu", _at(2024, 12, 2), _at(2024, 12, 4), date(2024, 12, 11), date(2024, 12, 13)),  # 7 working days
    ],
)
def test_second_discussion_counts_from_registration(regime, registered, inquiry, due, without):
    """Perber Bawaslu–Kapolri–Jaksa Agung 2020 Pasal 19 [S] (domain.md §1.2): the second discussion within 5 hari
    kalender — in the Kaur case "registered 1 Dec, Gakkumdu has 5 days" [S], i.e. from registration (review §1f:
    the app counted from the start of the inquiry, up to a day late). Pemilu: the Gakkumdu review within 7 working
    days after registration (Kompas 26 Jan 2024 [S]). Without a registration the inquiry's start is used."""
    case = _case(Stage.PENYELIDIKAN, inquiry, regime=regime)
    assert deadlines.stage_clock(case, inquiry.date(), S, registered_at=registered).due == due
    assert deadlines.stage_clock(case, inquiry.date(), S).due == without


def test_tahap_ii_stays_inside_the_same_5_day_window():
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024) [V]; Tahap II is practice vocabulary [S]: handing over the
    suspect and evidence does not restart the PU's 5 working days."""
    case = _case(Stage.TAHAP_II, _at(2024, 12, 6), received=_at(2024, 12, 2))
    assert deadlines.stage_clock(case, date(2024, 12, 6), S).due == date(2024, 12, 9)


def test_p19_gives_the_investigator_3_working_days_to_resubmit():
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024; Kejati Sulteng deck) [V]: the penyidik resubmits within
    3 hari kerja "sejak berkas dikembalikan", not a fresh 14. R2: returned 4 Dec 2024 → due 9 Dec (app said 24)."""
    clock = deadlines.stage_clock(_case(Stage.P19, _at(2024, 12, 4)), date(2024, 12, 4), S)
    assert clock.due == date(2024, 12, 9)
    assert "resubmits the file within 3 working days" in clock.basis


def test_file_with_the_pu_shows_the_court_window_and_the_p19_return_window():
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024) [V]: from receipt the PU has 3 hari kerja to return an
    incomplete file and 5 hari kerja to file at the PN."""
    clock = deadlines.stage_clock(
        _case(Stage.BERKAS_KE_PU, _at(2024, 12, 2), received=_at(2024, 12, 2)), date(2024, 12, 2), S
    )
    assert clock.due == date(2024, 12, 9)
    assert [c.due for c in clock.also] == [date(2024, 12, 5)]


def test_pemilu_gakkumdu_windows_are_calendar_days():
    """UU 7/2017 [V] (domain.md §1.3): Pemilu counts 3 and 5 hari, not hari kerja."""
    clock = deadlines.stage_clock(
        _case(Stage.P21, _at(2024, 2, 12), received=_at(2024, 2, 9), regime="pemilu"), date(2024, 2, 12), S
    )
    assert clock.due == date(2024, 2, 14)
    assert not clock.working


@pytest.fixture
def actors(make_user):
    return {
        "bawaslu": make_user("bw-op", agency="BAWASLU", role="operator"),
        "pimpinan": make_user("bw-pim", agency="BAWASLU", role="pimpinan"),
        "polri": make_user("pol-op", agency="POLRI", role="operator"),
        "jaksa": make_user("jak-op", agency="KEJAKSAAN", role="operator"),
    }


def test_p19_is_its_own_stage_allowed_once_and_the_window_restarts_at_resubmission(
    app, db, now, actors, make_complaint
):
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024; Kejati Sulteng deck: the file goes back once only) [V]; the PN
    window counts from the *last* receipt of the file (domain.md §0)."""
    with app.app_context():
        c = make_complaint(now).complaint
        case = gk.open_first_discussion(db, c, actor=actors["bawaslu"], now=now)
        case.stage = Stage.PENYIDIKAN.value
        gk.advance(db, case, "berkas_ke_pu", actor=actors["polri"], now=_at(2024, 12, 2))
        assert case.file_received_at == _at(2024, 12, 2)
        gk.advance(db, case, "p19", actor=actors["jaksa"], now=_at(2024, 12, 4))
        assert case.returned_once
        gk.advance(db, case, "berkas_ke_pu", actor=actors["polri"], now=_at(2024, 12, 6))
        assert Stage.P19 not in gk.next_stages(case, actors["jaksa"])
        with pytest.raises(ComplaintError):
            gk.advance(db, case, "p19", actor=actors["jaksa"], now=_at(2024, 12, 9))
        gk.advance(db, case, "p21", actor=actors["jaksa"], now=_at(2024, 12, 9))
        gk.advance(db, case, "tahap_ii", actor=actors["polri"], now=_at(2024, 12, 10))
        assert deadlines.stage_clock(case, date(2024, 12, 10), S).due == date(2024, 12, 13)  # 5 HK from 6 Dec
        gk.advance(db, case, "pelimpahan", actor=actors["jaksa"], now=_at(2024, 12, 11))


def test_first_discussion_during_kajian_awal_keeps_bawaslu_clock_running(app, db, now, actors, make_complaint):
    """Perber Bawaslu–Kapolri–Jaksa Agung 2020 Pasal 16–17 [S] (domain.md §1.2; review §1f): the first
    discussion (1×24 jam) happens with the laporan, before registration; Bawaslu's own clock runs until the
    pleno decides and the case is forwarded."""
    with app.app_context():
        c = make_complaint(now).complaint
        handling.transition(db, c, "kajian_awal", actor=actors["bawaslu"], now=now)
        case = gk.open_first_discussion(db, c, actor=actors["bawaslu"], now=now, article="Pasal 188 jo. 71")
        assert c.status == Status.KAJIAN_AWAL
        assert case.stage == Stage.PEMBAHASAN_PERTAMA
        assert deadlines.complaint_clock(c, date(2024, 11, 27), S).due == date(2024, 11, 29)  # kajian awal
        assert deadlines.stage_clock(case, date(2024, 11, 27), S).due == date(2024, 11, 28)  # 1×24 jam
        with pytest.raises(ComplaintError):  # one case per complaint
            gk.open_first_discussion(db, c, actor=actors["bawaslu"], now=now)
        c.checklist = {k: True for k in handling.checklist_keys(c)}
        handling.transition(db, c, "diregistrasi", actor=actors["bawaslu"], now=now)
        handling.transition(db, c, "kajian", actor=actors["bawaslu"], now=now)
        assert deadlines.complaint_clock(c, date(2024, 11, 27), S) is not None
        handling.transition(db, c, "terbukti", actor=actors["pimpinan"], now=now)
        routing.route(db, c, "gakkumdu", "011/PP/XI/2024", date(2024, 11, 27), actor=actors["bawaslu"], now=now)
        assert c.status == Status.GAKKUMDU
        assert len(db.exec(GakkumduCase.__table__.select()).all()) == 1  # the same case goes on


def test_a_gakkumdu_case_can_still_go_to_bkn_for_the_discipline_part(app, db, now, actors, make_complaint):
    """domain.md §2.2 category 4 and §3.1 [V]: the criminal part goes to Sentra Gakkumdu, the ASN discipline part
    to BKN; one does not exclude the other."""
    assert Status.GAKKUMDU in ROUTABLE
    with app.app_context():
        c = make_complaint(now).complaint
        c.status = Status.TERBUKTI.value
        routing.route(db, c, "gakkumdu", "012/PP/XI/2024", date(2024, 11, 27), actor=actors["bawaslu"], now=now)
        routing.route(db, c, "bkn", "013/PP/XI/2024", date(2024, 11, 27), actor=actors["bawaslu"], now=now)
        assert c.status == Status.GAKKUMDU
        assert ",PEMDA," in c.routed_agencies
        assert ",POLRI," in c.routed_agencies
        with pytest.raises(ComplaintError):  # but not to Sentra Gakkumdu a second time
            routing.route(db, c, "gakkumdu", "014/PP/XI/2024", date(2024, 11, 27), actor=actors["bawaslu"], now=now)


# ---- calendars (R1) --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 11, 27), False),  # Keppres 33/2024, Pilkada voting day
        (date(2024, 2, 14), False),  # Keppres 10/2024, Pemilu voting day
        (date(2024, 9, 16), False),  # SKB 855/2023: Maulid
        (date(2025, 1, 1), False),
        (date(2025, 1, 27), False),  # SKB 1017/2024
        (date(2024, 12, 26), True),
        (date(2024, 2, 9), True),  # cuti bersama: working by default
    ],
)
def test_r1_holidays_2024_2025(day, working):
    """SKB 3 Menteri 855/2023, 3/2023, 4/2023 (2024); SKB 1017/2024, 2/2024, 2/2024 (2025); Keppres 10/2024 and
    33/2024 [V] (review §1c R1). Cuti bersama count as working days by default ([U], domain.md §0)."""
    assert deadlines.is_working(day, S) is working


def test_r1_expected_dates():
    """UU 1/2015 jo. UU 10/2016 14 and 5 hari kerja; UU 7/2017 Pasal 454(8) 14 hari kerja [V]; review R1. Where
    cuti bersama matter, the other reading (cuti bersama as days off) is the review's "law" date."""
    assert deadlines.stage_due("penyidikan", "pilkada", date(2024, 9, 10), S) == date(2024, 10, 1)
    rule = deadlines.stage_rules("penyidikan", "pilkada")[0]
    due = deadlines.due_by_rule(rule, date(2024, 12, 13), S)
    assert (due.due, due.alt_due) == (date(2025, 1, 6), date(2025, 1, 7))
    assert deadlines.stage_due("p21", "pilkada", date(2024, 12, 27), S) == date(2025, 1, 6)
    assert deadlines.processing_due(date(2024, 2, 5), "pemilu", True, S) == date(2024, 2, 27)
    assert deadlines.processing_due(date(2024, 2, 5), "pemilu", True, CUTI_OFF) == date(2024, 2, 28)


def test_shipped_calendars_count_as_the_decrees_say():
    """SKB 3 Menteri 2024 and 2025: 17 libur nasional and 10 cuti bersama each; plus Keppres 10/2024 and
    33/2024 in 2024, and in 2025 the 18 August cuti bersama of the SKB's amendment of 7 Aug 2025 [V]."""
    cal = base_calendar()
    for year, libur, cuti in ((2024, 19, 10), (2025, 17, 11)):
        kinds = [k for d, k in cal.days.items() if d.year == year]
        assert (kinds.count(LIBUR), kinds.count(CUTI)) == (libur, cuti)
    assert {2024, 2025, 2026, 2027} <= cal.years


def test_cuti_bersama_setting_is_per_clock():
    """domain.md §0: whether cuti bersama is a working day for these clocks is [U]; a setting per clock, with
    the conservative default (working day)."""
    only_investigation = ComplaintSettings(cuti_bersama_day_off=("pilkada.penyidikan",))
    assert deadlines.stage_due("penyidikan", "pilkada", date(2024, 12, 13), only_investigation) == date(2025, 1, 7)
    # PN filing from 20 Dec 2024: 23, 24, 26 (cuti bersama), 27, 30 Dec — or 31 Dec when cuti bersama is off.
    assert deadlines.stage_due("p21", "pilkada", date(2024, 12, 20), only_investigation) == date(2024, 12, 30)
    assert deadlines.stage_due("p21", "pilkada", date(2024, 12, 20), CUTI_OFF) == date(2024, 12, 31)


def test_a_clock_through_an_unknown_year_names_the_year():
    """Brief rule (domain.md §0: "a clock over a year without data must say so"): never a silent guess."""
    rule = deadlines.stage_rules("penyidikan", "pilkada")[0]
    assert deadlines.due_by_rule(rule, date(2027, 12, 20), S).unknown_years == (2028,)
    assert deadlines.due_by_rule(rule, date(2024, 12, 20), S).unknown_years == ()
    calendar_only = deadlines.stage_rules("pelimpahan", "pilkada")[0]  # 7 calendar days: holidays do not matter
    assert deadlines.due_by_rule(calendar_only, date(2027, 12, 30), S).unknown_years == ()


@pytest.mark.parametrize("n", [3, 5, 14])
@pytest.mark.parametrize("cuti_is_working", [True, False])
def test_property_every_start_day_of_2024_and_2025(n, cuti_is_working):
    """SKB 3 Menteri 2024/2025, Keppres 10/2024, 33/2024 [V]: for every start day, the n-th working day after it
    equals the plain count over the decrees' lists (3, 5, 14 hari kerja: P19, PN filing, penyidikan)."""
    cfg = S if cuti_is_working else CUTI_OFF
    cal = deadlines.calendar_for(cfg)
    start = date(2024, 1, 1)
    while start <= date(2025, 11, 30):  # the oracle lists 2024–2025 only: stay inside
        due = deadlines.add_working(start, n, cfg, cal, cuti_working=cuti_is_working)
        assert due == plain_add_working(start, n, cuti_is_working), start
        assert deadlines.count_working(start, due, cfg, cal, cuti_working=cuti_is_working) == n
        start += timedelta(days=1)


@pytest.mark.parametrize("stage", ["penyidikan", "p19", "p21"])
def test_property_gakkumdu_stage_dates_over_2024(stage):
    """UU 1/2015 jo. UU 10/2016 (jpnn 19 Aug 2024) [V]: 14 / 3 / 5 hari kerja from each possible start in 2024."""
    n = {"penyidikan": 14, "p19": 3, "p21": 5}[stage]
    start = date(2024, 1, 1)
    while start <= date(2024, 12, 31):
        assert deadlines.stage_due(stage, "pilkada", start, S) == plain_add_working(start, n, True), start
        start += timedelta(days=1)


def test_countdown_counts_working_days_for_working_day_clocks():
    """Review §1c "Clock display": a 14-working-day stage due 16 Dec 2026 seen on 2 Dec has 10 hari kerja left,
    not 14 days."""
    case = _case(Stage.PENYIDIKAN, _at(2026, 11, 25))
    clock = deadlines.stage_clock(case, date(2026, 12, 2), S)
    assert clock.due == date(2026, 12, 15)
    assert clock.working
    assert clock.days_left == 9
    late = deadlines.stage_clock(case, date(2026, 12, 18), S)
    assert late.overdue
    assert late.days_left == -3


def test_handling_clocks_wait_for_the_signed_form_a1(app, db, now, make_complaint):
    """PPID Bawaslu Jateng FAQ [V] (domain.md §0): a laporan needs a signed Form A.1; its handling clocks start at
    the signed receipt (``a1_signed_at``, recorded by Bawaslu), and not before."""
    with app.app_context():
        c = make_complaint(now).complaint
    unsigned = SimpleNamespace(**{**c.model_dump(), "a1_signed_at": None})
    waiting = deadlines.complaint_clock(unsigned, date(2024, 11, 27), S)
    assert waiting.due is None
    assert not waiting.overdue
    signed = SimpleNamespace(**{**c.model_dump(), "a1_signed_at": datetime(2024, 11, 28, 2, tzinfo=UTC)})
    assert deadlines.complaint_clock(signed, date(2024, 11, 28), S).due == date(2024, 11, 30)


def test_sentra_gakkumdu_takes_the_case_only_after_the_pleno(app, db, now, actors, make_complaint):
    """Perber Bawaslu–Kapolri–Jaksa Agung 2020 and Perbawaslu 7/2022 (domain.md §1.2; review §1f): the file goes
    to the penyidik after Bawaslu's pleno decides; before it, forwarding to Sentra Gakkumdu is refused and
    Bawaslu's own 3+2 clock keeps running. The penyidik and jaksa follow the case from the first discussion."""
    from app.authz import can

    with app.app_context():
        c = make_complaint(now).complaint
        handling.transition(db, c, "kajian_awal", actor=actors["bawaslu"], now=now)
        gk.open_first_discussion(db, c, actor=actors["bawaslu"], now=now, article="Pasal 187A")
        assert can(actors["polri"], "complaint.view", c)
        assert can(actors["jaksa"], "complaint.view", c)
        c.checklist = {k: True for k in handling.checklist_keys(c)}
        handling.transition(db, c, "diregistrasi", actor=actors["bawaslu"], now=now)
        for status in ("diregistrasi", "kajian"):
            if status == "kajian":
                handling.transition(db, c, "kajian", actor=actors["bawaslu"], now=now)
            with pytest.raises(ComplaintError) as refused:
                routing.route(db, c, "gakkumdu", "015/PP/XI/2024", date(2024, 11, 27), actor=actors["bawaslu"], now=now)
            assert refused.value.field == "recipient"
            assert deadlines.complaint_clock(c, date(2024, 11, 27), S) is not None  # Bawaslu's clock runs
        handling.transition(db, c, "terbukti", actor=actors["pimpinan"], now=now)
        routing.route(db, c, "gakkumdu", "015/PP/XI/2024", date(2024, 11, 27), actor=actors["bawaslu"], now=now)
        assert c.status == Status.GAKKUMDU


def test_a_1x24_jam_clock_is_due_to_the_minute_not_at_the_end_of_the_next_day(app, db, now, actors, make_complaint):
    """Perber Bawaslu–Kapolri–Jaksa Agung 2020 Pasal 16–17 [S] (domain.md §1.2): the first discussion is held
    within 1×24 jam. Opened at 14.00 WIB on 20 Nov 2024 it is due 21 Nov 14.00 WIB; at 15.00 that day it is
    overdue (a date-only clock still said "hari ini" until midnight, and for up to 47 hours in all)."""
    with app.app_context():
        c = make_complaint(now).complaint
        opened = datetime(2024, 11, 20, 7, tzinfo=UTC)  # 14.00 WIB
        case = gk.open_first_discussion(db, c, actor=actors["bawaslu"], now=opened)
        before = deadlines.stage_clock(case, date(2024, 11, 21), S, now=opened + timedelta(hours=23))
        after = deadlines.stage_clock(case, date(2024, 11, 21), S, now=opened + timedelta(hours=25))
    assert before.due_at == datetime(2024, 11, 21, 7, tzinfo=UTC)
    assert (before.overdue, before.hours_left, before.due) == (False, 1, date(2024, 11, 21))
    assert (after.overdue, after.hours_left, after.due_today) == (True, -1, False)
