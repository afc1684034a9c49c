"""Display helpers of the timeline's cards (``timeline_ui`` in every template): times, ordering keys and the
sentence of a change. Labels come from the enums themselves (``e.kind.label``, ``code|label(Agency)``) and
permissions from the one ``can(...)`` global."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from flask_babel import get_locale
from flask_babel import gettext as _

from app.auth.models import Agency
from app.i18n import local_date, zone
from app.i18n import zone_name as indonesian_zone_name
from app.timeline.vocab import Status

SENT_LATE_SECONDS = 60


@lru_cache(maxsize=64)
def _zone_abbr(zone_key: str, locale: str) -> str:
    return indonesian_zone_name(zone_key)  # WIB/WITA/WIT in every language, never "+0700"


class TimelineUI:
    @staticmethod
    def day_key(dt: datetime, region_code: str | None = None) -> str:
        """The local date as YYYY-MM-DD (for grouping and the live merge, not for display)."""
        return local_date(dt, region_code).isoformat()

    @staticmethod
    def time(dt: datetime, region_code: str | None = None) -> str:
        """``14.05 WIB`` like the ``local_time`` filter, with the zone name computed once per zone (a page of
        cards calls this many times)."""
        tz = zone(region_code)
        return f"{dt.astimezone(tz).strftime('%H.%M')} {_zone_abbr(str(tz), str(get_locale() or 'id'))}"

    @staticmethod
    def epoch_ms(dt: datetime) -> int:
        """For ordering in the page script (live cards are put in event order)."""
        return int(dt.timestamp() * 1000)

    @staticmethod
    def sent_late(entry) -> bool:
        """Received a minute or more after it happened (written offline): the card says when it was sent."""
        return (entry.created_at - entry.occurred_at).total_seconds() >= SENT_LATE_SECONDS

    @staticmethod
    def minutes(start: datetime | None, end: datetime | None) -> int | None:
        """Whole minutes from ``start`` to ``end`` (an incident's time to handle / resolve), None if open."""
        return round((end - start).total_seconds() / 60) if start and end else None

    @staticmethod
    def change(change: str) -> str:
        """The sentence of a follow-up that records a change (``status:ditangani``, ``assign:POLRI``…)."""
        kind, _sep, value = change.partition(":")
        if kind == "status":
            return _("Status changed to %(status)s", status=Status.label_of(value))
        if kind == "assign":
            return _("Handling agency set to %(agency)s", agency=Agency.label_of(value))
        if kind == "ack":
            return _("Marked as received")
        if kind == "penting":
            return _("Marked as important")
        return change

    @staticmethod
    def url(entry) -> str:
        from app.timeline.routes.common import entry_url

        return entry_url(entry)
