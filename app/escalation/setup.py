"""Register escalation: the job, pages, the incident page's trail, the banner, the desk head's panel, CLI, demo."""

from __future__ import annotations

import os

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.jobs import Job, register_job
from app.registry import Banner, IncidentSection, NavItem, Panel, add_banner, add_incident_section, registry_of

JOB = "escalation.evaluate"


def register(app: Flask) -> None:
    from app.escalation import panel, queries
    from app.escalation.cli import escalation_cli
    from app.escalation.engine import evaluate
    from app.escalation.policies import policies
    from app.escalation.routes import bp
    from app.escalation.seed import seed_escalations
    from app.escalation.settings import settings

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.cli.add_command(escalation_cli)
    reg.add_nav(
        NavItem(
            "escalation.index", _l("Escalations"), "escalation", 37, permission="escalation.view", in_bottom_bar=False
        )
    )
    reg.add_panel(Panel("escalation.in_progress", "escalation/_panel.html", 5, panel.build, leads=panel.leads))
    add_banner(app, Banner("escalation.waiting", "escalation/_banner.html", 5, queries.banner))
    add_incident_section(app, IncidentSection("escalation.trail", "escalation/_trail.html", 10, queries.section))
    # Exclusive: on PostgreSQL one process per round (advisory lock), so each escalation is sent once.
    every = float(os.environ.get("SINERGI_ESCALATION_INTERVAL", settings(app.config).interval_seconds))
    register_job(app, Job(JOB, every=every, run=evaluate, exclusive=True))
    reg.add_seeder(65, "escalation", seed_escalations)
