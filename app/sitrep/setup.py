"""Register the situation report: pages, menu entry, policies, the verifier of signed reports, the scheduled
draft job and demo data."""

from __future__ import annotations

import os

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.jobs import Job, register_job
from app.registry import NavItem, registry_of


def register(app: Flask) -> None:
    from app.sitrep.cli import sitrep_cli
    from app.sitrep.documents import verification
    from app.sitrep.job import JOB, scheduled_round, unsigned_reminders
    from app.sitrep.policies import policies
    from app.sitrep.routes import bp
    from app.sitrep.seed import seed_neighbour_desk, seed_sitrep
    from app.sitrep.settings import settings

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.cli.add_command(sitrep_cli)
    reg.add_nav(
        NavItem("sitrep.index", _l("Situation reports"), "timeline", 38, permission="sitrep.list", in_bottom_bar=False)
    )
    reg.add_verifier(verification)
    reg.add_reminder_source(unsigned_reminders)
    reg.add_offline_page("sitrep.index", "sitrep.detail")
    # Exclusive: on PostgreSQL one process per round (advisory lock); the unique schedule key does the rest.
    every = float(os.environ.get("SINERGI_SITREP_INTERVAL", settings(app.config).interval_seconds))
    register_job(app, Job(JOB, every=every, run=scheduled_round, exclusive=True))
    reg.add_seeder(93, "sitrep", seed_sitrep)  # after today's incident (90): the draft counts it
    reg.add_seeder(94, "sitrep.neighbour", seed_neighbour_desk)
