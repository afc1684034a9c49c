"""Register the ``flask jobs`` commands and the runner's settings (the jobs themselves come from features)."""

from __future__ import annotations

import os

from flask import Flask


def _bool_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    return default if raw is None else raw.strip().lower() in {"1", "true", "yes", "on"}


def register(app: Flask) -> None:
    from app.jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)
    # Off when the operator runs `flask jobs run` as its own service (deploy/sinergi-jobs.service).
    app.config.setdefault("JOBS_IN_WEB", _bool_env("SINERGI_JOBS_IN_WEB", True))
    # How often the loop looks for due jobs (seconds); each job has its own interval.
    app.config.setdefault("JOBS_TICK", float(os.environ.get("SINERGI_JOBS_TICK", "1")))
