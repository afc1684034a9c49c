"""Bawaslu's complaint queue is sorted by urgency; the tab names say the statuses shown on the badges."""

from __future__ import annotations

from datetime import date, timedelta

from app.complaints import queries


def test_queue_puts_overdue_first_then_nearest_deadline(app, db, now, make_user, make_complaint):
    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        early = {"occurred_on": date(2024, 11, 15), "known_on": date(2024, 11, 16)}
        fresh = make_complaint(now - timedelta(hours=2)).complaint
        overdue = make_complaint(now - timedelta(days=9), **early).complaint
        soon = make_complaint(now - timedelta(days=2)).complaint
        db.commit()
        ids = [c.id for c in queries.queue(db, op, now=now)]
        # received order (newest first) would be fresh, soon, overdue
        assert ids == [overdue.id, soon.id, fresh.id]
        assert [c.id for c in queries.queue(db, op, now=now, limit=1)] == [overdue.id, soon.id]  # + "more" row
        assert [c.id for c in queries.queue(db, op, now=now, limit=1, page=2)] == [soon.id, fresh.id]


def test_tab_names_match_the_status_badges(app, client, auth, db, now, make_user, make_complaint):
    make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        make_complaint(now - timedelta(days=1))
    db.commit()
    auth.login("bawaslu-operator")
    body = client.get("/pengaduan").get_data(as_text=True)
    assert "Diterima / informasi awal" in body  # the badge on its items says "Diterima"
    assert ">Baru <" not in body
    assert 'id="queue-order"' in body


def test_summary_counts_a_scopes_queue_for_reports(app, db, now, make_user, make_complaint):
    """``queries.summary(session, scope, now)``: the numbers a situation report reads — per tab and status, overdue
    by Bawaslu's clocks (kajian awal: 2 days, Perbawaslu 7/2022 Pasal 15(1) / setting), filed late, Gakkumdu cases
    per stage and overdue. Numbers only: no identity, no text."""
    from app.complaints.services import gakkumdu as gk
    from app.complaints.vocab import QueueTab, Stage, Status

    op = make_user("bawaslu-operator", agency="BAWASLU", role="operator")
    with app.app_context():
        early = {"occurred_on": date(2024, 11, 8), "known_on": date(2024, 11, 9)}
        overdue = make_complaint(now - timedelta(days=9), **early).complaint  # filed late too: 9 days after
        fresh = make_complaint(now - timedelta(hours=2)).complaint
        make_complaint(now, anonymous=True)  # informasi awal: no clock
        gk.open_first_discussion(db, fresh, actor=op, now=now - timedelta(days=3))
        db.commit()
        numbers = queries.summary(db, "19.02", now)
        elsewhere = queries.summary(db, "19.03", now)
    assert numbers.by_tab[QueueTab.BARU] == 3
    assert numbers.by_status[Status.DITERIMA] == 2
    assert numbers.by_status[Status.INFORMASI_AWAL] == 1
    assert (numbers.overdue, numbers.late_filing) == (1, 1)
    assert numbers.gakkumdu_by_stage == {Stage.PEMBAHASAN_PERTAMA: 1}
    assert numbers.gakkumdu_overdue == 1  # 1×24 jam, three days ago
    assert overdue.id in [c.id for c, _clock in queries.clocked(db, "19.02", now)]
    assert sum(elsewhere.by_tab.values()) == 0
