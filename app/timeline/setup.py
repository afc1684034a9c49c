"""Register the timeline: pages, stream, menu entry, dashboard panel, provider, listener and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.models import Role
from app.registry import NavItem, Panel, registry_of


def is_field_officer(user) -> bool:
    return user.role == Role.PETUGAS


def register(app: Flask) -> None:
    from app.timeline.integration import entries_between, on_ballot_transfer, record_entry, tps_incidents
    from app.timeline.panels import build_assigned, build_panel, leads_assigned, leads_summary
    from app.timeline.policies import policies
    from app.timeline.routes import bp
    from app.timeline.seed import seed_timeline
    from app.timeline.ui import TimelineUI
    from app.timeline.vocab import Kind, Severity, Status, category_label

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        timeline_ui=TimelineUI(),
        # The vocabulary the templates name ({{ e.kind|label(TimelineKind) }}); prefixed, as other features have
        # their own Kind and Status.
        TimelineKind=Kind,
        TimelineStatus=Status,
        TimelineSeverity=Severity,
    )
    app.jinja_env.filters["incident_category"] = category_label
    reg.add_nav(NavItem("timeline.index", _l("Timeline"), "timeline", 10, permission="timeline.view"))
    # Field officers' one job on the phone: report. A prominent action in their bottom bar and home screen.
    reg.add_nav(
        NavItem(
            "timeline.index",
            _l("Report"),
            "report",
            5,
            permission="timeline.post",
            visible=is_field_officer,
            core=is_field_officer,
            args=(("lapor", "1"),),
            primary=True,
        )
    )
    reg.add_panel(Panel("timeline.assigned", "timeline/_assigned_panel.html", 10, build_assigned, leads=leads_assigned))
    reg.add_panel(Panel("timeline.incidents", "timeline/_panel.html", 20, build_panel, leads=leads_summary))
    reg.provide("tps_incidents", tps_incidents)
    reg.provide("timeline_entries_between", entries_between)
    reg.provide("timeline_record", record_entry)
    reg.add_offline_page("timeline.index", "timeline.entry", "timeline.incident")
    reg.add_offline_data("timeline.places_data")
    reg.add_listener("readiness.ballot_transfer", on_ballot_transfer)
    reg.add_seeder(20, "timeline", seed_timeline)
    from app.timeline import duplicates

    duplicates.register(app)  # duplicate incidents: suggested, linked, counted once (app/timeline/duplicates.py)
