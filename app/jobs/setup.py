"""Register the ``flask jobs`` commands (the jobs come from features; settings: ``app/jobs/settings.py``)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)
