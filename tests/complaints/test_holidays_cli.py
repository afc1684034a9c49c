"""``flask holidays import``: a year's holidays from a CSV into the shared table; any bad row saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from app.complaints import deadlines
from app.complaints.holidays import forget_cache
from app.complaints.models import PublicHoliday
from app.complaints.settings import ComplaintSettings

GOOD = """tanggal,jenis,nama,sumber
2028-01-03,libur_nasional,Contoh libur,SKB 3 Menteri 2028 (contoh)
2028-01-04,cuti_bersama,Contoh cuti bersama,SKB 3 Menteri 2028 (contoh)
"""


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
    assert "2 hari libur/cuti bersama disimpan" in result.output
    assert len(_stored(db)) == 2
    with app.app_context():
        due = deadlines.due_by_rule(rule, date(2027, 12, 28), ComplaintSettings())
        assert due.unknown_years == ()
        assert not deadlines.is_working(date(2028, 1, 3), ComplaintSettings())
        assert due.alt_due is not None  # 4 Jan 2028 is cuti bersama: both readings shown
    again = _run(app, tmp_path, GOOD)  # the same dates twice: refused
    assert again.exit_code != 0
    assert "sudah tercatat" in again.stderr
    assert len(_stored(db)) == 2


OK_ROW = "tanggal,jenis,nama,sumber\n2028-01-05,libur_nasional,Baik,SKB 2028\n"


@pytest.mark.parametrize(("text", "message"), [
    (OK_ROW + "2028-02-30,libur_nasional,X,SKB\n", "Baris 3: tanggal “2028-02-30” tidak valid"),
    (OK_ROW + "2028-01-05,cuti_bersama,Y,SKB\n", "Baris 3: tanggal 2028-01-05 sudah ada di baris 2"),
    (OK_ROW + "2028-01-03,libur,X,SKB\n", "Baris 3: jenis “libur” harus libur_nasional atau cuti_bersama"),
    (OK_ROW + "2028-01-03,libur_nasional,X,\n", "Baris 3: nama hari libur dan sumbernya (SKB/Keppres) wajib"),
    ("date,kind\n2028-01-03,libur_nasional\n", "Baris 1: kepala kolom harus"),
])
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
