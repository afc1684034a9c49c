"""Template helpers of the timeline (available as ``timeline_ui`` in every template)."""

from __future__ import annotations

from functools import lru_cache

from flask_babel import get_locale
from flask_login import current_user

from app.auth.models import AGENCY_LABELS, Agency
from app.authz import can as _can
from app.i18n import zone
from app.timeline.vocab import KIND_LABELS, POST_KINDS, SEVERITIES, STATUS_LABELS, Kind, Status, category_label

SENT_LATE_SECONDS = 60


@lru_cache(maxsize=64)
def _zone_abbr(zone_name: str, locale: str) -> str:
    from app.i18n import zone_name as indonesian_zone_name  # WIB/WITA/WIT in every language, never "+0700"

    return indonesian_zone_name(zone_name)


class TimelineUI:
    @staticmethod
    def day_key(dt, region_code: str | None = None) -> str:
        """The local date as YYYY-MM-DD (cheap; for grouping, not for display)."""
        return dt.astimezone(zone(region_code)).date().isoformat()

    @staticmethod
    def time(dt, region_code: str | None = None) -> str:
        """``14.05 WIB`` like the ``local_time`` filter, with the zone name computed once per zone."""
        tz = zone(region_code)
        return f"{dt.astimezone(tz).strftime('%H.%M')} {_zone_abbr(str(tz), str(get_locale() or 'id'))}"

    @staticmethod
    def epoch_ms(dt) -> int:
        """For ordering in the page script (live cards are put in event order)."""
        return int(dt.timestamp() * 1000)

    @staticmethod
    def sent_late(entry) -> bool:
        """Received a minute or more after it happened (written offline): the card says when it was sent."""
        return (entry.created_at - entry.occurred_at).total_seconds() >= SENT_LATE_SECONDS

    @staticmethod
    def minutes(start, end) -> int | None:
        """Whole minutes from ``start`` to ``end`` (an incident's time to handle / resolve), None if open."""
        return round((end - start).total_seconds() / 60) if start and end else None

    @staticmethod
    def agency(code: str | None) -> str:
        try:
            return str(AGENCY_LABELS[Agency(code)])
        except ValueError:
            return code or ""

    def agency_list(self, codes) -> str:
        return ", ".join(self.agency(c) for c in codes)

    def agencies(self, visible: str) -> str:
        return self.agency_list([c for c in visible.split(",") if c])

    @staticmethod
    def agency_items():
        return [(a.value, str(label)) for a, label in AGENCY_LABELS.items()]

    @staticmethod
    def kind(code: str) -> str:
        try:
            return str(KIND_LABELS[Kind(code)])
        except ValueError:
            return code

    @staticmethod
    def kind_items():
        return [(k.value, str(KIND_LABELS[k])) for k in POST_KINDS]

    @staticmethod
    def status(code: str | None) -> str:
        try:
            return str(STATUS_LABELS[Status(code)])
        except ValueError:
            return code or ""

    @staticmethod
    def status_items():
        return [(s.value, str(label)) for s, label in STATUS_LABELS.items()]

    @staticmethod
    def severity(code: str | None) -> str:
        return str(SEVERITIES.get(code or "", ""))

    @staticmethod
    def category(code: str | None) -> str:
        return category_label(code)

    def change(self, change: str) -> str:
        from flask_babel import gettext as _

        kind, _sep, value = change.partition(":")
        if kind == "status":
            return _("Status changed to %(status)s", status=self.status(value))
        if kind == "assign":
            return _("Handling agency set to %(agency)s", agency=self.agency(value))
        if kind == "ack":
            return _("Marked as received")
        if kind == "penting":
            return _("Marked as important")
        return change

    @staticmethod
    def url(entry) -> str:
        from app.timeline.routes.common import entry_url

        return entry_url(entry)

    @staticmethod
    def can(action: str, obj=None) -> bool:
        return _can(current_user, action, obj)
