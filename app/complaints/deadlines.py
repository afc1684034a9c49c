"""Deadline clocks per regime (domain.md §1.3, §2.3). Pure functions of dates: easy to test.

Working days skip weekends and public holidays from lokal-id; for years lokal-id has no data for, the
configured ``extra_holidays`` are used (``ComplaintSettings``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from lokal import is_working_day

from app.complaints.constants import Stage, Status
from app.complaints.settings import ComplaintSettings
from app.regions.models import ElectionRegime
from app.regions.services import zoneinfo_for


def is_working(d: date, s: ComplaintSettings) -> bool:
    if d in s.extra_holiday_dates or d.weekday() >= 5:
        return False
    try:
        return is_working_day(d)
    except ValueError:  # lokal-id has no holiday data for this year: weekends and extra_holidays only
        return True


def add_working(start: date, n: int, s: ComplaintSettings) -> date:
    """The n-th working day after ``start`` (``start`` itself does not count)."""
    d = start
    while n > 0:
        d += timedelta(days=1)
        if is_working(d, s):
            n -= 1
    return d


def count_working(start: date, end: date, s: ComplaintSettings) -> int:
    """Working days after ``start`` up to and including ``end``."""
    return sum(1 for i in range(1, (end - start).days + 1) if is_working(start + timedelta(days=i), s))


def local_date(moment: datetime, region_code: str) -> date:
    return moment.astimezone(zoneinfo_for(region_code)).date()


def filing_deadline(known_on: date, regime: str, s: ComplaintSettings) -> date:
    """Last day to file: 7 days after the violation became known (working days for Pemilu if configured)."""
    if regime == ElectionRegime.PEMILU.value and s.pemilu_filing_working_days:
        return add_working(known_on, s.filing_days, s)
    return known_on + timedelta(days=s.filing_days)


def is_late(received_on: date, known_on: date, regime: str, s: ComplaintSettings) -> bool:
    return received_on > filing_deadline(known_on, regime, s)


@dataclass(frozen=True)
class Clock:
    label: str
    due: date
    today: date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def overdue(self) -> bool:
        return self.today > self.due

    @property
    def due_today(self) -> bool:
        return self.today == self.due


def kajian_awal_due(received_on: date, regime: str, s: ComplaintSettings) -> date:
    days = s.kajian_awal_days_pemilu if regime == ElectionRegime.PEMILU.value else s.kajian_awal_days_pilkada
    return received_on + timedelta(days=days)


def processing_due(registered_on: date, regime: str, extended: bool, s: ComplaintSettings) -> date:
    """Pilkada: 3 (+2) calendar days; Pemilu: 7 days, up to 14 working days when more information is needed."""
    if regime == ElectionRegime.PEMILU.value:
        if extended:
            return add_working(registered_on, s.pemilu_extension_working_days, s)
        return registered_on + timedelta(days=s.pemilu_process_days)
    return registered_on + timedelta(days=s.pilkada_process_days + (s.pilkada_extension_days if extended else 0))


def complaint_clock(c, today: date, s: ComplaintSettings) -> Clock | None:
    """The clock that runs for the complaint's current status (None when none does)."""
    status = Status(c.status)
    if status in (Status.DITERIMA, Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN):
        return Clock(str(_l("Initial review due")),
                     kajian_awal_due(local_date(c.received_at, c.region_code), c.regime, s), today)
    if status in (Status.DIREGISTRASI, Status.KLARIFIKASI, Status.KAJIAN) and c.registered_at is not None:
        return Clock(str(_l("Decision due")),
                     processing_due(local_date(c.registered_at, c.region_code), c.regime, c.extended, s), today)
    return None


# (days, working days?) per stage and regime: how long the stage may last (domain.md §1.2–1.3).
STAGE_LIMITS: dict[str, dict[Stage, tuple[int, bool]]] = {
    ElectionRegime.PILKADA.value: {
        Stage.PEMBAHASAN_PERTAMA: (1, False),  # 1×24 jam
        Stage.PENYELIDIKAN: (5, False),  # pembahasan kedua within 5 hari kalender
        Stage.PEMBAHASAN_KEDUA: (1, False),  # to the penyidik within 1×24 jam
        Stage.PENYIDIKAN: (14, True),  # file to the PU: 14 hari kerja
        Stage.BERKAS_KE_PU: (3, True),  # PU returns an incomplete file: 3 hari kerja
        Stage.P21: (5, True),  # PU files at the PN: 5 hari kerja
        Stage.PELIMPAHAN: (7, False),  # PN decides: 7 hari
        Stage.PUTUSAN: (3, False),  # appeal filed ≤3 hari
        Stage.BANDING: (7, False),  # PT decides: 7 hari
    },
    ElectionRegime.PEMILU.value: {
        Stage.PEMBAHASAN_PERTAMA: (1, False),
        Stage.PENYELIDIKAN: (7, True),  # kajian: 7 hari kerja [S]
        Stage.PEMBAHASAN_KEDUA: (1, False),
        Stage.PENYIDIKAN: (14, False),
        Stage.BERKAS_KE_PU: (3, False),
        Stage.P21: (5, False),
        Stage.PELIMPAHAN: (7, False),
        Stage.PUTUSAN: (3, False),
        Stage.BANDING: (10, False),  # PN forwards within 3 hari, PT decides within 7
    },
}


def stage_due(stage: str, regime: str, since: date, s: ComplaintSettings) -> date | None:
    limit = STAGE_LIMITS.get(regime, STAGE_LIMITS[ElectionRegime.PILKADA.value]).get(Stage(stage))
    if limit is None:
        return None
    days, working = limit
    return add_working(since, days, s) if working else since + timedelta(days=days)


def stage_clock(case, today: date, s: ComplaintSettings) -> Clock | None:
    due = stage_due(case.stage, case.regime, local_date(case.stage_since, case.region_code), s)
    return Clock(str(_l("Stage deadline")), due, today) if due else None


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
