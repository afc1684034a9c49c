"""Register the timeline: pages, stream, menu entry, dashboard panel, provider, listener and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, Panel, registry


def register(app: Flask) -> None:
    from app.timeline import policies  # noqa: F401 - registers the rules
    from app.timeline.integration import on_ballot_transfer, tps_incidents
    from app.timeline.panel import build_panel
    from app.timeline.routes import bp
    from app.timeline.seed import seed_timeline
    from app.timeline.ui import TimelineUI

    app.register_blueprint(bp)
    app.jinja_env.globals["timeline_ui"] = TimelineUI()
    registry.add_nav(NavItem("timeline.index", _l("Timeline"), "timeline", 10))
    registry.add_panel(Panel("timeline.incidents", "timeline/_panel.html", 20, build_panel))
    registry.provide("tps_incidents", tps_incidents)
    registry.add_listener("readiness.ballot_transfer", on_ballot_transfer)
    registry.add_seeder(20, "timeline", seed_timeline)
