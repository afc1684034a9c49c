"""How a shift's times read in lists: the day is said whenever it is not obvious (a night shift, a 24-hour piket),
so "18.00–18.00" never reads as an empty shift and a shift begun yesterday is not taken for tonight's."""

from __future__ import annotations

from datetime import datetime

from app.i18n import format_local, format_time, local_date

SHORT_DAY_TIME = "d MMM HH.mm"


def shift_span(shift) -> str:
    """``07.00–15.00 WIB`` within one day; ``26 Nov 23.00 – 27 Nov 07.00 WIB`` across midnight."""
    rc = shift.region_code
    if local_date(shift.starts_at, rc) == local_date(shift.ends_at, rc):
        return f"{format_local(shift.starts_at, rc, 'HH.mm')}–{format_time(shift.ends_at, rc)}"
    start = format_local(shift.starts_at, rc, SHORT_DAY_TIME)
    return f"{start} – {format_local(shift.ends_at, rc, SHORT_DAY_TIME + ' zzz')}"


def shift_end(shift, now: datetime) -> str:
    """When a running shift ends: the time alone today, with its day when that is another day."""
    rc = shift.region_code
    if local_date(shift.ends_at, rc) == local_date(now, rc):
        return format_time(shift.ends_at, rc)
    return format_local(shift.ends_at, rc, SHORT_DAY_TIME + " zzz")
