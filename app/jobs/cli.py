"""``flask --app wsgi jobs run`` (the loop as its own process), ``jobs run --once`` and ``jobs list``."""

from __future__ import annotations

import logging
import signal

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs (notifications, reminders…), exactly once across processes.")


@jobs_cli.command("list")
def list_cmd() -> None:
    """The registered jobs with their intervals."""
    from app.jobs import jobs_of

    for job in jobs_of(current_app):
        mode = "exclusive" if job.exclusive else "claims rows"
        click.echo(f"{job.name}\tevery {job.every:g} s\t{mode}")


@jobs_cli.command("run")
@click.option("--once", is_flag=True, help="Run every job once and exit (e.g. from cron).")
@click.option("--only", multiple=True, help="Only this job (repeatable).")
def run_cmd(once: bool, only: tuple[str, ...]) -> None:
    """Run the job loop in this process until SIGTERM/SIGINT (set SINERGI_JOBS_IN_WEB=0 for the web workers)."""
    from app.jobs.runner import Runner, run_once

    app = current_app._get_current_object()
    if once:
        for name, counts in run_once(app, names=only or None).items():
            shown = "skipped (another process leads it)" if counts is None else counts
            click.echo(f"{name}: {shown}")
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    runner = Runner(app, only=only)
    signal.signal(signal.SIGTERM, lambda *_: runner.stop.set())
    signal.signal(signal.SIGINT, lambda *_: runner.stop.set())
    click.echo(f"jobs: running ({'lock file ' + str(runner.leader.path) if runner.leader.needed else 'PostgreSQL'})")
    runner.loop()
