"""Live fan-out of "something new on channel X" to open streams (SSE), in one process and across many.

Writers call ``notify(session, "timeline", str(entry_id))`` inside the transaction that inserts the row:

- on PostgreSQL this is ``pg_notify`` in that same transaction, so every process (and machine) hears it
  exactly when the row is committed, and never for a rolled-back row; one LISTEN connection per process feeds
  the local hub;
- on SQLite (one process, the embedded default) the notification waits in the session and is handed to the
  local hub after the commit.

Readers (stream views) ``subscribe(channel)`` and wake up on each payload; they then read the rows from the
database by cursor, so a lost wake-up costs latency, never data (the ``since`` endpoint catches up).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections import defaultdict

from flask import Flask, current_app
from sqlalchemy import event, text
from sqlmodel import Session

log = logging.getLogger(__name__)
PG_CHANNEL = "sinergi_live"
SEP = "\n"  # between channel and payload in a NOTIFY; channel names may contain ":" ("meeting:12")
_PENDING = "sinergi_live_pending"


class Subscription:
    """One open stream's inbox. ``get`` returns the next payload or None after ``timeout`` seconds.

    ``seq`` is the hub's number of the newest publish taken from the inbox: whatever was read from the database
    after publish ``n`` (by any stream of this process) already shows every commit announced up to ``n``, so
    streams woken together can share one read (``app.votingday.live_board``)."""

    def __init__(self, hub: Hub, channel: str):
        self.hub = hub
        self.channel = channel
        self.seq = 0
        self._queue: queue.Queue[tuple[int, str]] = queue.Queue(maxsize=1000)

    def put(self, payload: str, seq: int = 0) -> None:
        # A stuck client's inbox may fill up: drop, the cursor catch-up covers it.
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait((seq, payload))

    def get(self, timeout: float) -> str | None:
        try:
            seq, payload = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        self.seq = max(self.seq, seq)
        return payload

    def drain(self) -> list[str]:
        items = []
        while True:
            try:
                seq, payload = self._queue.get_nowait()
            except queue.Empty:
                return items
            self.seq = max(self.seq, seq)
            items.append(payload)

    def close(self) -> None:
        self.hub._remove(self)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Hub:
    """In-process fan-out (gevent-friendly: the queue and lock are patched into cooperative ones)."""

    def __init__(self, database_url: str | None = None):
        self._subs: dict[str, set[Subscription]] = defaultdict(set)
        self.published = 0  # publishes so far (``Subscription.seq``)
        self._lock = threading.Lock()
        self._database_url = database_url
        self._listener: threading.Thread | None = None
        self.listener_ready = threading.Event()
        self._closed = threading.Event()

    def close(self) -> None:
        """Stop listening (its database is going away): the listener ends quietly when its connection drops."""
        self._closed.set()

    @property
    def uses_postgres(self) -> bool:
        return bool(self._database_url and self._database_url.startswith("postgres"))

    def subscribe(self, channel: str) -> Subscription:
        if self.uses_postgres:
            self._ensure_listener()
        sub = Subscription(self, channel)
        with self._lock:
            sub.seq = self.published  # what was published before is in the database for whoever reads now
            self._subs[channel].add(sub)
        return sub

    def _remove(self, sub: Subscription) -> None:
        with self._lock:
            self._subs[sub.channel].discard(sub)

    def subscriber_count(self, channel: str) -> int:
        with self._lock:
            return len(self._subs[channel])

    def publish_local(self, channel: str, payload: str) -> None:
        with self._lock:
            self.published += 1
            seq, targets = self.published, list(self._subs[channel])
        for sub in targets:
            sub.put(payload, seq)

    # ---- PostgreSQL LISTEN -----------------------------------------------------------------------------

    def _ensure_listener(self) -> None:
        with self._lock:
            if self._listener is not None and self._listener.is_alive():
                return
            self._listener = threading.Thread(target=self._listen_forever, name="sinergi-listen", daemon=True)
            self._listener.start()

    def _listen_forever(self) -> None:
        import psycopg

        url = self._database_url.replace("postgresql+psycopg://", "postgresql://", 1)
        delay = 0.5
        while not self._closed.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {PG_CHANNEL}")
                    self.listener_ready.set()
                    delay = 0.5
                    for note in conn.notifies():
                        channel, _sep, payload = note.payload.partition(SEP)
                        self.publish_local(channel, payload)
            except Exception:  # connection lost: reconnect with backoff; streams catch up by cursor
                self.listener_ready.clear()
                if self._closed.is_set():
                    return
                log.warning("live listener lost its PostgreSQL connection; reconnecting", exc_info=True)
                time.sleep(delay)
                delay = min(delay * 2, 10)


def init_app(app: Flask) -> None:
    app.extensions["sinergi.hub"] = Hub(app.config["DATABASE_URL"])


def hub(app: Flask | None = None) -> Hub:
    return (app or current_app).extensions["sinergi.hub"]


def notify(session: Session, channel: str, payload: str) -> None:
    """Announce a change on ``channel``; delivered when (and only if) the session's transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(
            text("SELECT pg_notify(:ch, :payload)"), params={"ch": PG_CHANNEL, "payload": f"{channel}{SEP}{payload}"}
        )
    else:
        session.info.setdefault(_PENDING, []).append((hub(), channel, payload))


@event.listens_for(Session, "after_commit")
def _deliver_after_commit(session) -> None:
    for target, channel, payload in session.info.pop(_PENDING, []):
        target.publish_local(channel, payload)


@event.listens_for(Session, "after_soft_rollback")
def _forget_on_rollback(session, _previous_transaction) -> None:
    session.info.pop(_PENDING, None)
