"""Bawaslu's complaint queue is sorted by urgency; the tab names say the statuses shown on the badges."""

from __future__ import annotations

from datetime import date, timedelta

from app.complaints import queries
from tests.complaints.helpers import make_complaint


def test_queue_puts_overdue_first_then_nearest_deadline(app, db, now, make_user):
    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        early = {"occurred_on": date(2024, 11, 15), "known_on": date(2024, 11, 16)}
        fresh = make_complaint(db, now - timedelta(hours=2)).complaint
        overdue = make_complaint(db, now - timedelta(days=9), **early).complaint
        soon = make_complaint(db, now - timedelta(days=2)).complaint
        db.commit()
        ids = [c.id for c in queries.queue(db, op, now=now)]
        # received order (newest first) would be fresh, soon, overdue
        assert ids == [overdue.id, soon.id, fresh.id]
        assert [c.id for c in queries.queue(db, op, now=now, limit=1)] == [overdue.id, soon.id]  # + "more" row
        assert [c.id for c in queries.queue(db, op, now=now, limit=1, page=2)] == [soon.id, fresh.id]


def test_tab_names_match_the_status_badges(app, client, auth, db, now, make_user):
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        make_complaint(db, now - timedelta(days=1))
    db.commit()
    auth.login("bawaslu-operator")
    body = client.get("/pengaduan").get_data(as_text=True)
    assert "Diterima / informasi awal" in body  # the badge on its items says "Diterima"
    assert ">Baru <" not in body
    assert 'id="queue-order"' in body
