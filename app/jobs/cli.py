"""``flask --app wsgi jobs run`` (the loop as its own process), ``jobs run --once`` and ``jobs list``; the
one-round ``run --at`` command that features with a job add to their own group (escalation, sitrep)."""

from __future__ import annotations

import logging
import signal
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

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


def parse_at(at: str) -> datetime | None:
    """``--at`` of a one-round command: an ISO time with its UTC offset, or nothing (now)."""
    if not at:
        return None
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        raise click.BadParameter("an ISO time such as 2024-11-27T07:15:00+07:00", param_hint="--at") from None
    if moment.tzinfo is None:
        raise click.BadParameter("give the UTC offset (e.g. +07:00)", param_hint="--at")
    return moment


def run_at_command(job_name: str, what: str) -> click.Command:
    """A feature's ``run [--at ISO]`` command: one round of its job now, or as at a given time (a drill, or a test
    that injects the time instead of waiting), in its own transaction and exclusive like the job."""

    @click.command("run", help=f"One round of {what} (in its own transaction, exclusive like the job).")
    @click.option("--at", "at", default="", help="Run as at this ISO time (with its UTC offset).")
    @with_appcontext
    def run_round(at: str) -> None:
        from app.jobs import jobs_of
        from app.jobs.runner import run_job

        now = parse_at(at)
        job = next(j for j in jobs_of(current_app) if j.name == job_name)
        result = run_job(current_app._get_current_object(), job, now)
        click.echo(f"{job_name}: {'skipped (another process leads it)' if result is None else result}")

    return run_round
