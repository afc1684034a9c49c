"""Live notifications are delivered after commit, never for a rolled-back transaction."""

from __future__ import annotations

from sqlmodel import Session

from app.db import get_engine
from app.live import hub, notify


def test_notify_is_delivered_only_after_commit(app):
    with app.app_context():
        sub = hub().subscribe("test")
        if hub().uses_postgres:
            assert hub().listener_ready.wait(5)
        try:
            with Session(get_engine(write=True)) as s:
                notify(s, "test", "41")
                s.rollback()
            assert sub.get(timeout=1 if hub().uses_postgres else 0.05) is None
            with Session(get_engine(write=True)) as s:
                notify(s, "test", "42")
                assert hub().uses_postgres or sub.get(timeout=0.01) is None  # not before the commit
                s.commit()
            assert sub.get(timeout=5) == "42"
        finally:
            sub.close()
    assert hub(app).subscriber_count("test") == 0
