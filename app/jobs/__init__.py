"""Background jobs, run exactly once at any process count.

A feature registers its jobs in its ``setup.register(app)``::

    from app.jobs import Job, register_job
    register_job(app, Job("meetings.reminders", every=60, run=collect, exclusive=True))

``run(session, now)`` gets a session in its own transaction (committed after it returns) and returns counts
for the log (a dict of ints, an int or None). Two ways to be exactly once:

- ``exclusive=True`` (periodic work: reminders, escalations, reports): the runner takes a PostgreSQL
  transaction-level advisory lock named after the job; a process that cannot take it skips the round.
- ``exclusive=False`` (queues: push sending): every process may run the job at once; the job claims its rows
  with ``claim(select(...))`` (``FOR UPDATE SKIP LOCKED``), so no two processes take the same row.

On SQLite only one process runs jobs at all (a lock file in the instance folder, see ``app/jobs/leader.py``).
The runner (``app/jobs/runner.py``) starts in each gunicorn worker (``gunicorn.conf.py: post_worker_init``)
unless ``JOBS_IN_WEB`` is off, or as its own process with ``flask --app wsgi jobs run``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import Select
from sqlmodel import Session

EXTENSION = "sinergi.jobs"


@dataclass(frozen=True)
class Job:
    name: str  # "<feature>.<what>", also the advisory lock's name
    every: float  # seconds between rounds
    run: Callable[[Session, datetime], Any]
    exclusive: bool = True  # one process at a time; False: the job claims its rows itself
    on_wake: bool = False  # also run soon after wake() (new work was just queued in this process)


def register_job(app: Flask, job: Job) -> None:
    """Add (or replace, when ``create_app`` runs again) a job of this app."""
    app.extensions.setdefault(EXTENSION, {})[job.name] = job


def jobs_of(app: Flask) -> list[Job]:
    return sorted(app.extensions.get(EXTENSION, {}).values(), key=lambda j: j.name)


def claim(session: Session, query: Select, *, of: Any = None) -> Select:
    """``query`` locking the rows it returns and skipping rows another process holds (PostgreSQL).

    SQLite has no row locks: there one process runs the jobs and every job transaction is a write transaction
    (``BEGIN IMMEDIATE``), so nothing else can take the rows meanwhile.
    """
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True, of=of)
    return query


# Set by wake(), waited on by this process's runner loop (app/jobs/runner.py).
WAKE = threading.Event()


def wake() -> None:
    """Run the ``on_wake`` jobs of this process soon (called after work was queued, e.g. a notification)."""
    WAKE.set()
