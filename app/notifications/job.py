"""The background job: collect reminders, then send pending pushes. Runs in the gunicorn worker (a thread,
which gevent turns into a greenlet) every ``NOTIFICATIONS_INTERVAL`` seconds, woken early by new events;
``flask --app wsgi notifications run-once`` does one round by hand (or from cron)."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from flask import Flask

from app.clock import utcnow
from app.db import session_scope

log = logging.getLogger(__name__)
_wake = threading.Event()
_started: set[int] = set()
_lock = threading.Lock()


def wake() -> None:
    """Run the job soon (called after an event created notifications)."""
    _wake.set()


def run_once(app: Flask, now: datetime | None = None, *, sender=None) -> dict[str, int]:
    """One round. Reminders and pushes use separate transactions, so slow push services never hold a lock."""
    from app.notifications.listeners import collect_reminders
    from app.notifications.push import PushConfig, send_pending

    now = now or utcnow()
    with app.app_context():
        with session_scope(app) as session:
            reminders = collect_reminders(session, now)
        counts = {"reminders": reminders, "sent": 0, "failed": 0, "removed": 0}
        config = PushConfig.from_app(app.config)
        if config is not None:
            kwargs = {"sender": sender} if sender else {}
            with session_scope(app) as session:
                counts.update(send_pending(session, config, now=now, **kwargs))
    return counts


def _loop(app: Flask, interval: float) -> None:
    while True:
        _wake.wait(interval)
        if _wake.is_set():
            _wake.clear()
            threading.Event().wait(1.0)  # let the request that woke us commit first
        try:
            counts = run_once(app)
            if any(counts.values()):
                log.info("notifications job: %s", counts)
        except Exception:
            log.exception("notifications job failed")


def start(app: Flask) -> bool:
    """Start the loop once per process (idempotent)."""
    import os

    with _lock:
        if os.getpid() in _started:
            return False
        _started.add(os.getpid())
    thread = threading.Thread(target=_loop, args=(app, float(app.config.get("NOTIFICATIONS_INTERVAL", 60))),
                              name="sinergi-notifications", daemon=True)
    thread.start()
    return True
