"""The job loop: run each registered job when it is due, exactly once across processes (see ``app/jobs``)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from datetime import datetime

from flask import Flask

from app.clock import utcnow
from app.db import session_scope
from app.jobs import WAKE, Job, jobs_of
from app.jobs.leader import ProcessLeader, lead_round
from app.jobs.settings import settings

log = logging.getLogger(__name__)
WAKE_DELAY = 0.5  # wake() is called inside the queuing transaction: give it time to commit
_started: set[int] = set()
_start_lock = threading.Lock()


def run_job(app: Flask, job: Job, now: datetime | None = None) -> dict[str, int] | None:
    """One round of ``job`` in its own transaction; None when another process leads it now."""
    now = now or utcnow()
    with app.app_context(), session_scope(app) as session:
        if job.exclusive and not lead_round(session, job.name):
            return None
        result = job.run(session, now)
    if isinstance(result, dict):
        return result
    return {"done": int(result or 0)}


def run_once(app: Flask, now: datetime | None = None, names: Iterable[str] | None = None) -> dict[str, dict | None]:
    """Every job (or the named ones) once, in name order; a failing job is logged and the others still run."""
    results: dict[str, dict | None] = {}
    wanted = set(names) if names is not None else None
    for job in jobs_of(app):
        if wanted is not None and job.name not in wanted:
            continue
        try:
            results[job.name] = run_job(app, job, now)
        except Exception:
            log.exception("job %s failed", job.name)
            results[job.name] = {"error": 1}
    return results


class Runner:
    """Runs the jobs of ``app`` on their intervals until ``stop`` is set; one per process."""

    def __init__(self, app: Flask, *, tick: float | None = None, only: Iterable[str] | None = None) -> None:
        self.app = app
        self.only = set(only) if only else None
        self.stop = threading.Event()
        self.leader = ProcessLeader(app.config["DATABASE_URL"], app.config["INSTANCE_DIR"])
        self.tick = tick if tick is not None else settings(app.config).jobs_tick
        self._due: dict[str, float] = {}

    def _due_jobs(self, woken: bool) -> list[Job]:
        clock = time.monotonic()
        due = []
        for job in jobs_of(self.app):
            if self.only is not None and job.name not in self.only:
                continue
            if clock >= self._due.get(job.name, 0.0) or (woken and job.on_wake):
                due.append(job)
                self._due[job.name] = clock + job.every
        return due

    def run_due(self, woken: bool = False) -> None:
        if not self.leader.acquire():
            return  # SQLite: another process on this machine runs the jobs
        for job in self._due_jobs(woken):
            try:
                counts = run_job(self.app, job)
            except Exception:
                log.exception("job %s failed", job.name)
                continue
            if counts and any(counts.values()):
                log.info("job %s: %s", job.name, counts)

    def loop(self) -> None:
        while not self.stop.is_set():
            woken = WAKE.wait(self.tick)
            if woken:
                WAKE.clear()
                self.stop.wait(WAKE_DELAY)
            self.run_due(woken)
        self.leader.release()


def start_in_process(app: Flask) -> Runner | None:
    """Start the loop in a daemon thread (a greenlet under gevent) once per process; None if already started."""
    import os

    with _start_lock:
        if os.getpid() in _started:
            return None
        _started.add(os.getpid())
    runner = Runner(app)
    threading.Thread(target=runner.loop, name="sinergi-jobs", daemon=True).start()
    return runner
