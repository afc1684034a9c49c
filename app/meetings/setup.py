"""Register the meeting pages, their menu entry, dashboard panel, reminders and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, Panel, registry


def register(app: Flask) -> None:
    from app.meetings import policies  # noqa: F401  (registers the rules)
    from app.meetings.panel import build_next, build_panel, leads_next
    from app.meetings.reminders import starting_soon
    from app.meetings.routes import bp, public_bp
    from app.meetings.seed import seed_meetings

    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    registry.add_nav(NavItem("meetings.index", _l("Meetings"), "meeting", 20, permission="meetings.list"))
    registry.add_panel(Panel("meetings.next", "meetings/_next_panel.html", 15, build_next, leads=leads_next))
    registry.add_panel(Panel("meetings.actions", "meetings/_panel.html", 40, build_panel))
    registry.add_reminder_source(starting_soon)
    registry.add_seeder(40, "meetings", seed_meetings)
    from app.meetings.timeline_link import entries_between, timeline_installed

    if timeline_installed() and registry.provider("timeline_entries_between") is None:
        registry.provide("timeline_entries_between", entries_between)
    app.jinja_env.filters.update(meeting_kind=_kind_label, meeting_phone=_phone, id_day=_id_day, id_time=_id_time,
                                 id_date=_id_date, id_local_date=_id_local_date)


def _kind_label(value: str) -> str:
    from app.meetings.models import MeetingKind

    try:
        return MeetingKind(value).label
    except ValueError:
        return value


def _phone(value: str | None) -> str:
    """+6281234567890 → 0812-3456-7890 (how numbers are written on Indonesian forms)."""
    if not value:
        return ""
    digits = "0" + value[3:] if value.startswith("+62") else value
    if not digits.isdigit() or len(digits) < 10:
        return value
    return f"{digits[:4]}-{digits[4:8]}-{digits[8:]}"


def _id_day(value, region_code: str | None = None) -> str:
    from app.i18n import format_day

    return format_day(value, region_code, locale="id")


def _id_time(value, region_code: str | None = None) -> str:
    from app.i18n import TIME, format_local

    return format_local(value, region_code, TIME, locale="id")


def _id_date(value) -> str:
    """27 November 2024 (for "Belitung, 27 November 2024" above the signatures)."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale="id")


def _id_local_date(value, region_code: str | None = None) -> str:
    from app.i18n import local

    return _id_date(local(value, region_code).date())

