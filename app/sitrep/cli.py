"""``flask --app wsgi sitrep run [--at 2024-11-27T18:05:00+07:00]``: one round of the scheduled drafts now, or as
at a given time (a drill, or a test that injects the time instead of waiting)."""

from __future__ import annotations

from flask.cli import AppGroup

from app.jobs.cli import run_at_command
from app.sitrep.job import JOB

sitrep_cli = AppGroup("sitrep", help="Situation reports (laporan situasi).")
sitrep_cli.add_command(run_at_command(JOB, "the situation-report schedule"))
