"""Register the meeting pages, their menu entry, dashboard panel, reminders and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, Panel, registry_of


def register(app: Flask) -> None:
    from app.meetings.panel import build_next, build_panel, leads_next
    from app.meetings.policies import policies
    from app.meetings.reminders import starting_soon
    from app.meetings.routes import bp, public_bp
    from app.meetings.routes.documents import verification
    from app.meetings.seed import seed_meetings

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.register_blueprint(public_bp)
    reg.add_nav(NavItem("meetings.index", _l("Meetings"), "meeting", 20, permission="meetings.list"))
    reg.add_offline_page("meetings.index", "meetings.detail")
    reg.add_panel(Panel("meetings.next", "meetings/_next_panel.html", 15, build_next, leads=leads_next))
    reg.add_panel(Panel("meetings.actions", "meetings/_panel.html", 40, build_panel))
    reg.add_reminder_source(starting_soon)
    reg.add_seeder(40, "meetings", seed_meetings)
    reg.add_verifier(verification)
    app.jinja_env.filters.update(meeting_kind=_kind_label)


def _kind_label(value: str) -> str:
    from app.meetings.models import MeetingKind

    try:
        return MeetingKind(value).label
    except ValueError:
        return value
