"""Two senders on PostgreSQL whose batches reach the same two devices in opposite order.

Each batch used to stamp a device row (``last_success_at``) right after pushing to it and keep that row locked
until its commit: batch A held device X and waited for Y, batch B held Y and waited for X, PostgreSQL aborted
one as a deadlock and the alerts it had already pushed went out again from the other process (a fresh-clone CI
run counted four alerts sent twice). Here the two batches run at once, in threads, on their own connections."""

from __future__ import annotations

import json
import os
import threading

import pytest
from sqlmodel import Session, select

from app.db import get_engine
from app.notifications import services
from app.notifications.models import Notification, PushSubscription
from app.notifications.push import PushConfig, send_pending

pytestmark = pytest.mark.skipif(
    os.environ.get("SINERGI_TEST_DB") != "postgresql", reason="row locks: PostgreSQL (SQLite runs one sender)"
)
CONFIG = PushConfig(private_key="unused", subject="mailto:x@example.go.id", ttl=600)


def _alert(db, user, n, now):
    services.notify(db, user_ids=[user.id], kind="incident", key=f"incident:{n}:created", title=f"K{n}", now=now)
    db.commit()


def test_two_batches_crossing_the_same_devices_both_commit_and_send_each_alert_once(app, db, make_user, now):
    x, y = make_user("polri-x"), make_user("polri-y")
    for user in (x, y):
        services.subscribe(
            db,
            services.SubscriptionInput(f"https://push.example.net/{user.username}", "BNcR" + "A" * 83, "tBHIaaaa"),
            actor=user,
            now=now,
        )
    db.commit()
    for n, user in enumerate((x, y, y, x)):  # batch A: X then Y; batch B: Y then X
        _alert(db, user, n, now)
    ids = [note.id for note in db.exec(select(Notification).order_by(Notification.id)).all()]

    first_sends = threading.Barrier(2, timeout=10)  # both batches have pushed (and so far stamped) one device
    pushed: list[tuple[str, int]] = []
    errors: list[BaseException] = []

    def sender(info, data, config):
        note_id = json.loads(data)["id"]
        pushed.append((info["endpoint"], note_id))
        if note_id in (ids[1], ids[3]):  # each batch's second alert
            first_sends.wait()
        return 201

    def batch(after_id: int) -> None:
        try:
            with Session(get_engine(app, write=True), expire_on_commit=False) as session:
                send_pending(session, CONFIG, now=now, limit=2, after_id=after_id, sender=sender)
                session.commit()
        except Exception as exc:  # reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=batch, args=(0,)), threading.Thread(target=batch, args=(ids[1],))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(note_id for _endpoint, note_id in pushed) == ids
    db.expire_all()
    assert {note.push_status for note in db.exec(select(Notification)).all()} == {"sent"}
    assert all(sub.last_success_at for sub in db.exec(select(PushSubscription)).all())
