"""``flask --app wsgi escalation run [--at 2024-11-27T07:15:00+07:00]``: one round now, or as at a given time
(a drill, or a test that injects the time instead of waiting)."""

from __future__ import annotations

from flask.cli import AppGroup

from app.escalation.setup import JOB
from app.jobs.cli import run_at_command

escalation_cli = AppGroup("escalation", help="Escalation of unacknowledged incidents.")
escalation_cli.add_command(run_at_command(JOB, "the escalation job"))
