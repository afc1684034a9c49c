"""Register the timeline: pages, stream, menu entry, dashboard panel, provider, listener and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.models import Role
from app.registry import NavItem, Panel, registry


def is_field_officer(user) -> bool:
    return user.role == Role.PETUGAS.value


def register(app: Flask) -> None:
    from app.timeline import policies  # noqa: F401 - registers the rules
    from app.timeline.integration import on_ballot_transfer, tps_incidents
    from app.timeline.panel import build_assigned, build_panel, leads_assigned, leads_summary
    from app.timeline.routes import bp
    from app.timeline.seed import seed_timeline
    from app.timeline.ui import TimelineUI

    app.register_blueprint(bp)
    app.jinja_env.globals["timeline_ui"] = TimelineUI()
    registry.add_nav(NavItem("timeline.index", _l("Timeline"), "timeline", 10, permission="timeline.view"))
    # Field officers' one job on the phone: report. A prominent action in their bottom bar and home screen.
    registry.add_nav(NavItem("timeline.index", _l("Report"), "report", 5, permission="timeline.post",
                             visible=is_field_officer, core=is_field_officer, args=(("lapor", "1"),), primary=True))
    registry.add_panel(Panel("timeline.assigned", "timeline/_assigned_panel.html", 10, build_assigned,
                             leads=leads_assigned))
    registry.add_panel(Panel("timeline.incidents", "timeline/_panel.html", 20, build_panel, leads=leads_summary))
    registry.provide("tps_incidents", tps_incidents)
    registry.add_listener("readiness.ballot_transfer", on_ballot_transfer)
    registry.add_seeder(20, "timeline", seed_timeline)
