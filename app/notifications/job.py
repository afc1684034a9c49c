"""The notifications' background jobs, run by the job runner (``app/jobs``) exactly once across processes:

- ``notifications.reminders`` (exclusive: one process per round) asks every reminder source (complaint
  deadlines, meetings starting soon…) and stores what is due;
- ``notifications.push`` (every process may run it) claims pending alerts in batches and sends them.

``flask --app wsgi notifications run-once`` (or ``jobs run --once``) does one round by hand or from cron.
"""

from __future__ import annotations

import os
from datetime import datetime

from flask import Flask, current_app
from sqlmodel import Session

from app.jobs import Job, register_job
from app.jobs import wake as wake_runner

REMINDERS = "notifications.reminders"
PUSH = "notifications.push"
MAX_BATCHES = 50  # per round, so one round stays bounded; the next round goes on


def wake() -> None:
    """Send soon: a new notification with push was queued in this process."""
    wake_runner()


def collect(session: Session, now: datetime) -> dict[str, int]:
    from app.notifications.listeners import collect_reminders

    return {"reminders": collect_reminders(session, now)}


def send(session: Session, now: datetime, *, sender=None) -> dict[str, int]:
    """Send pending pushes in batches, committing each batch (which releases its claim) before the next."""
    from app.notifications.push import PushConfig, send_pending

    config = PushConfig.from_app(current_app.config)
    totals = {"sent": 0, "failed": 0, "removed": 0}
    if config is None:
        return totals  # no VAPID keys: alerts stay pending until push is configured
    batch = int(current_app.config["PUSH_BATCH"])
    after_id = 0
    for _ in range(MAX_BATCHES):
        kwargs = {"sender": sender} if sender else {}
        counts = send_pending(session, config, now=now, limit=batch, after_id=after_id, **kwargs)
        session.commit()
        last_id = counts.pop("last_id")
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        if last_id == after_id:
            break  # nothing left that this process may take
        after_id = last_id  # alerts kept for a retry are not taken again in this round
    return totals


def register(app: Flask) -> None:
    """Settings and the two jobs (called from ``app/notifications/setup.py``)."""
    interval = float(os.environ.get("SINERGI_NOTIFICATIONS_INTERVAL", "60"))
    app.config.setdefault("NOTIFICATIONS_INTERVAL", interval)
    # Pending pushes are looked for this often by every process running jobs (wake() is only in-process).
    app.config.setdefault("PUSH_POLL_SECONDS", float(os.environ.get("SINERGI_PUSH_POLL_SECONDS", "5")))
    # Alerts claimed per transaction: the rows stay locked while they are sent.
    app.config.setdefault("PUSH_BATCH", int(os.environ.get("SINERGI_PUSH_BATCH", "20")))
    register_job(app, Job(REMINDERS, every=app.config["NOTIFICATIONS_INTERVAL"], run=collect, exclusive=True))
    register_job(app, Job(PUSH, every=app.config["PUSH_POLL_SECONDS"], run=send, exclusive=False, on_wake=True))


def run_once(app: Flask, now: datetime | None = None, *, sender=None) -> dict[str, int]:
    """One round of both jobs (tests and ``notifications run-once``): the reminders, then the pushes."""
    from app.jobs.runner import run_job

    reminders = run_job(app, Job(REMINDERS, 0, collect), now) or {"reminders": 0}
    pushed = run_job(app, Job(PUSH, 0, lambda s, at: send(s, at, sender=sender), exclusive=False), now)
    return {"reminders": 0, **reminders, "sent": 0, "failed": 0, "removed": 0, **(pushed or {})}
