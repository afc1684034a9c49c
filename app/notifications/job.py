"""The notifications' background jobs, run by the job runner (``app/jobs``) exactly once across processes:

- ``notifications.reminders`` (exclusive: one process per round, ``collect_reminders``) asks every reminder
  source (complaint deadlines, meetings starting soon…) and stores what is due;
- ``notifications.push`` (every process may run it) claims pending alerts in batches and sends them.

``flask --app wsgi notifications run-once`` (or ``jobs run --once``) does one round by hand or from cron.
"""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from sqlmodel import Session

from app.jobs import Job, register_job
from app.jobs import wake as wake_runner
from app.notifications import services
from app.notifications.models import Kind
from app.notifications.settings import settings
from app.registry import Reminder, current_registry

REMINDERS = "notifications.reminders"
PUSH = "notifications.push"
MAX_BATCHES = 50  # per round, so one round stays bounded; the next round goes on


def wake() -> None:
    """Send soon: a new notification with push was queued in this process."""
    wake_runner()


def collect(session: Session, now: datetime) -> dict[str, int]:
    return {"reminders": collect_reminders(session, now)}


def collect_reminders(session: Session, now: datetime) -> int:
    """Ask every reminder source (complaint deadlines, meetings…) and store what is due; returns how many."""
    count = 0
    for source in current_registry().reminder_sources:
        reminders: list[Reminder] = source(session, now) or []
        for reminder in reminders:
            count += len(
                services.notify(
                    session,
                    user_ids=reminder.user_ids,
                    kind=Kind.REMINDER,
                    key=reminder.key,
                    title=reminder.title,
                    body=reminder.body,
                    url=reminder.url,
                    now=now,
                )
            )
    return count


def send(session: Session, now: datetime, *, sender=None) -> dict[str, int]:
    """Send pending pushes in batches, committing each batch (which releases its claim) before the next."""
    from app.notifications.push import PushConfig, send_pending

    config = PushConfig.from_settings(settings())
    totals = {"sent": 0, "failed": 0, "removed": 0}
    if config is None:
        return totals  # no VAPID keys: alerts stay pending until push is configured
    batch = settings().push_batch
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
    """The two jobs, on the intervals of ``app/notifications/settings.py`` (called from ``setup.py``)."""
    config = settings(app.config)
    register_job(app, Job(REMINDERS, every=config.notifications_interval, run=collect, exclusive=True))
    register_job(app, Job(PUSH, every=config.push_poll_seconds, run=send, exclusive=False, on_wake=True))


def run_once(app: Flask, now: datetime | None = None, *, sender=None) -> dict[str, int]:
    """One round of both jobs (tests and ``notifications run-once``): the reminders, then the pushes."""
    from app.jobs.runner import run_job

    reminders = run_job(app, Job(REMINDERS, 0, collect), now) or {"reminders": 0}
    pushed = run_job(app, Job(PUSH, 0, lambda s, at: send(s, at, sender=sender), exclusive=False), now)
    return {"reminders": 0, **reminders, "sent": 0, "failed": 0, "removed": 0, **(pushed or {})}
