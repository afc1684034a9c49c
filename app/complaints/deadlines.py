"""Deadline clocks per regime (domain.md §0, §1.3, §2.3). Pure functions of dates and a holiday calendar.

Working days skip weekends and the holidays of ``holidays.HolidayCalendar``. Cuti bersama count as working days
unless a clock's rule key is listed in the ``cuti_bersama_day_off`` setting (domain.md §0: [U], conservative
default); every clock also carries the other reading's date when it differs. A clock that runs through a year with
no holiday data names that year (``Clock.unknown_years``) and is shown in red, never silently guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from app.complaints import clock_rules as rules
from app.complaints.holidays import HolidayCalendar, current_calendar
from app.complaints.settings import ComplaintSettings
from app.complaints.vocab import INITIAL_REVIEW, Kind, Stage, Status
from app.i18n import local_date
from app.regions.models import ElectionRegime


def calendar_for(s: ComplaintSettings) -> HolidayCalendar:
    return current_calendar(s.extra_holiday_dates)


def cuti_bersama_working(rule_key: str, s: ComplaintSettings) -> bool:
    """Cuti bersama is a working day for this clock unless the setting lists the clock (or ``*``)."""
    return not ({rule_key, "*"} & set(s.cuti_bersama_day_off))


def is_working(d: date, s: ComplaintSettings, cal: HolidayCalendar | None = None, *, cuti_working: bool = True) -> bool:
    return (cal or calendar_for(s)).is_working(d, cuti_bersama_working=cuti_working)


def add_working(
    start: date, n: int, s: ComplaintSettings, cal: HolidayCalendar | None = None, *, cuti_working: bool = True
) -> date:
    """The n-th working day after ``start`` (``start`` itself does not count)."""
    cal = cal or calendar_for(s)
    d = start
    while n > 0:
        d += timedelta(days=1)
        if cal.is_working(d, cuti_bersama_working=cuti_working):
            n -= 1
    return d


def count_working(
    start: date, end: date, s: ComplaintSettings, cal: HolidayCalendar | None = None, *, cuti_working: bool = True
) -> int:
    """Working days after ``start`` up to and including ``end``."""
    cal = cal or calendar_for(s)
    return sum(
        1
        for i in range(1, (end - start).days + 1)
        if cal.is_working(start + timedelta(days=i), cuti_bersama_working=cuti_working)
    )


@dataclass(frozen=True)
class Clock:
    """A deadline as shown: its date, what it counts (working or calendar days), and the rule behind it."""

    label: str
    due: date | None  # None: the clock has not started (e.g. Form A.1 not signed yet)
    today: date
    working: bool = False
    remaining: int = 0  # days (working days for a working clock) left; negative when overdue
    basis: str = ""
    source: str = ""
    unknown_years: tuple[int, ...] = ()  # years the count runs through without holiday data
    alt_due: date | None = None  # the date when cuti bersama are counted as days off, if it differs
    also: tuple[Clock, ...] = ()  # further clocks that run at the same time (e.g. the P19 return window)
    # A 1×24 jam clock: the moment it is due and the moment it was read (both UTC), and where (for its zone).
    due_at: datetime | None = None
    now: datetime | None = None
    region_code: str | None = None

    @property
    def days_left(self) -> int:
        return self.remaining

    @property
    def hours_left(self) -> int:
        """Whole hours left (rounded up), negative when overdue; 0 for a clock counted in days."""
        if self.due_at is None or self.now is None:
            return 0
        seconds = (self.due_at - self.now).total_seconds()
        hours = math.ceil(abs(seconds) / 3600)
        return hours if seconds > 0 else -hours

    @property
    def overdue(self) -> bool:
        if self.due_at is not None and self.now is not None:
            return self.now > self.due_at
        return self.due is not None and self.today > self.due

    @property
    def due_today(self) -> bool:
        return not self.overdue and self.today == self.due


@dataclass(frozen=True)
class Due:
    due: date
    unknown_years: tuple[int, ...] = ()
    alt_due: date | None = None


def due_by_rule(rule: rules.Rule, start: date, s: ComplaintSettings, cal: HolidayCalendar | None = None) -> Due:
    """The deadline of ``rule`` counted from ``start``, with the years it runs through unknown."""
    if not rule.working:
        return Due(start + timedelta(days=rule.days))
    cal = cal or calendar_for(s)
    cuti = cuti_bersama_working(rule.key, s)
    due = add_working(start, rule.days, s, cal, cuti_working=cuti)
    other = add_working(start, rule.days, s, cal, cuti_working=not cuti)
    years = tuple(y for y in range((start + timedelta(days=1)).year, due.year + 1) if not cal.knows(y))
    return Due(due, years, other if other != due else None)


def make_clock(
    label, rule: rules.Rule, start: date, today: date, s: ComplaintSettings, cal: HolidayCalendar | None = None
) -> Clock:
    cal = cal or calendar_for(s)
    d = due_by_rule(rule, start, s, cal)
    if not rule.working:
        remaining = (d.due - today).days
    else:
        cuti = cuti_bersama_working(rule.key, s)
        remaining = (
            count_working(today, d.due, s, cal, cuti_working=cuti)
            if d.due >= today
            else -count_working(d.due, today, s, cal, cuti_working=cuti)
        )
    return Clock(
        str(label), d.due, today, rule.working, remaining, str(rule.basis), str(rule.source), d.unknown_years, d.alt_due
    )


def filing_deadline(known_on: date, regime: str, s: ComplaintSettings) -> date:
    """Last day to file: 7 days after the violation became known (working days for Pemilu if configured)."""
    return due_by_rule(filing_rule(regime, s), known_on, s).due


def filing_rule(regime: str, s: ComplaintSettings) -> rules.Rule:
    working = regime == ElectionRegime.PEMILU and s.pemilu_filing_working_days
    return rules.filing_rule(regime, s.filing_days, working)


def is_late(received_on: date, known_on: date, regime: str, s: ComplaintSettings) -> bool:
    return received_on > filing_deadline(known_on, regime, s)


def _kajian_rule(regime: str, s: ComplaintSettings) -> rules.Rule:
    days = s.kajian_awal_days_pemilu if regime == ElectionRegime.PEMILU else s.kajian_awal_days_pilkada
    return rules.kajian_awal_rule(regime, days)


def _processing_rule(regime: str, extended: bool, s: ComplaintSettings) -> rules.Rule:
    if regime == ElectionRegime.PEMILU:
        return rules.processing_rule(
            regime, extended, s.pemilu_extension_working_days if extended else s.pemilu_process_days
        )
    return rules.processing_rule(
        regime, extended, s.pilkada_process_days + (s.pilkada_extension_days if extended else 0)
    )


def kajian_awal_due(received_on: date, regime: str, s: ComplaintSettings) -> date:
    return due_by_rule(_kajian_rule(regime, s), received_on, s).due


def processing_due(registered_on: date, regime: str, extended: bool, s: ComplaintSettings) -> date:
    """Pilkada: 3 (+2) calendar days; Pemilu: 7 days, up to 14 working days when more information is needed."""
    return due_by_rule(_processing_rule(regime, extended, s), registered_on, s).due


def handling_start(c) -> datetime | None:
    """When Bawaslu's handling clocks start: the signed Form A.1 for a laporan when the app records it
    (``a1_signed_at``; None = not signed yet), else the receipt."""
    if c.kind == Kind.LAPORAN and hasattr(c, "a1_signed_at"):
        return c.a1_signed_at
    return c.received_at


def complaint_clock(
    c, today: date, s: ComplaintSettings, cal: HolidayCalendar | None = None, *, start: datetime | None = None
) -> Clock | None:
    """The clock that runs for the complaint's current status (None when none does).

    ``start`` overrides where the kajian-awal clock starts (the signed form's legal receipt time, which
    app/complaints/reception.py derives from Bawaslu's reception hours).

    It keeps running while a Sentra Gakkumdu case is discussed in parallel: only the pleno's decision and the
    forwarding stop it (domain-review §1f)."""
    status = Status(c.status)
    if status in INITIAL_REVIEW:
        start = start or handling_start(c)
        if start is None:
            return Clock(str(_l("Waiting for the signed Form A.1")), None, today)
        return make_clock(
            _l("Initial review due"), _kajian_rule(c.regime, s), local_date(start, c.region_code), today, s, cal
        )
    if status in (Status.DIREGISTRASI, Status.KLARIFIKASI, Status.KAJIAN) and c.registered_at is not None:
        return make_clock(
            _l("Handling due"),
            _processing_rule(c.regime, c.extended, s),
            local_date(c.registered_at, c.region_code),
            today,
            s,
            cal,
        )
    return None


def stage_rules(stage: str, regime: str) -> tuple[rules.Rule, ...]:
    table = rules.STAGE_RULES.get(regime, rules.STAGE_RULES[ElectionRegime.PILKADA])
    return table.get(Stage(stage), ())


def stage_due(stage: str, regime: str, since: date, s: ComplaintSettings) -> date | None:
    """The stage's main deadline counted from ``since`` (for P21/Tahap II: the day the file was received)."""
    found = stage_rules(stage, regime)
    return due_by_rule(found[0], since, s).due if found else None


def _stage_start(rule: rules.Rule, case, registered_at: datetime | None) -> datetime:
    """Where a stage's clock starts: the stage, the last receipt of the file by the PU, or the registration (each
    falls back to the stage's start when the app has no such moment, e.g. inquiry opened before registration)."""
    if rule.start == rules.FILE_RECEIVED:
        return case.file_received_at or case.stage_since
    if rule.start == rules.REGISTERED:
        return registered_at or case.stage_since
    return case.stage_since


def stage_clock(
    case,
    today: date,
    s: ComplaintSettings,
    cal: HolidayCalendar | None = None,
    *,
    registered_at: datetime | None = None,
    now: datetime | None = None,
) -> Clock | None:
    """The case's main clock; further clocks of the same stage ride along in ``Clock.also``. ``registered_at`` is
    the complaint's registration (the second discussion counts from it); with ``now``, a 1×24 jam clock is due
    to the minute (``Clock.due_at``)."""
    found = stage_rules(case.stage, case.regime)
    if not found:
        return None
    cal = cal or calendar_for(s)
    clocks = [_stage_rule_clock(rule, case, today, s, cal, registered_at, now) for rule in found]
    return Clock(**{**clocks[0].__dict__, "also": tuple(clocks[1:])})


def _stage_rule_clock(rule, case, today, s, cal, registered_at, now) -> Clock:
    start = _stage_start(rule, case, registered_at)
    clock = make_clock(rule.label or _l("Stage deadline"), rule, local_date(start, case.region_code), today, s, cal)
    if not rule.hours or now is None:
        return clock
    start = start if start.tzinfo else start.replace(tzinfo=UTC)
    due_at = start + timedelta(hours=rule.hours)  # 1×24 jam: to the minute, not "by the end of tomorrow"
    due = local_date(due_at, case.region_code)
    fields = {**clock.__dict__, "due": due, "remaining": (due - today).days}
    return Clock(**{**fields, "due_at": due_at, "now": now, "region_code": case.region_code})


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
