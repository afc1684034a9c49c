"""Notifications reach only those who may see their object and are re-checked wherever they are shown
(list, unread badge, opening, push); a reporter hears about *their* incident (issue 13 point 10)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.notifications import services
from app.notifications.models import Notification
from app.notifications.push import PushConfig, send_pending
from app.timeline import services as timeline

SECRET = "Informan menyebut gudang amunisi di Desa Lassar"


@pytest.fixture
def desk(make_user):
    return {
        "petugas": make_user("polri-petugas", agency="POLRI", role="petugas", region_code="19.02.02"),
        "polri": make_user("polri-operator", agency="POLRI", role="operator"),
        "kpu": make_user("kpu-operator", agency="KPU", role="operator"),
    }


def _incident(app, db, now, author, **kw):
    with app.app_context():
        entry = timeline.post_entry(
            db,
            author=author,
            kind="kerawanan",
            text=kw.pop("text", SECRET),
            now=now,
            village_code="19.02.02.2001",
            category="keamanan.intimidasi",
            severity="tinggi",
            **kw,
        )
    db.commit()
    return entry


def _notes(db, user):
    db.expire_all()
    return db.exec(select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)).all()


def test_reporter_hears_when_their_incident_is_handled_and_resolved(app, db, now, desk):
    entry = _incident(app, db, now, desk["petugas"], handling_agency="POLRI", text="Keributan kecil di TPS 02")
    assert [n.title for n in _notes(db, desk["petugas"])] == []  # not "assigned to your agency" about their own
    with app.app_context():
        timeline.change_status(db, entry, "ditangani", actor=desk["polri"], now=now)
        timeline.change_status(db, entry, "selesai", actor=desk["polri"], now=now, note="Massa dibubarkan")
    db.commit()
    assert [n.title for n in _notes(db, desk["petugas"])] == [
        "Kerawanan yang Anda laporkan sedang ditangani",
        "Kerawanan yang Anda laporkan sudah selesai ditangani",
    ]
    assert all(n.url == f"/kerawanan/{entry.id}" for n in _notes(db, desk["petugas"]))


def test_own_status_change_does_not_notify_oneself(app, db, now, desk):
    entry = _incident(app, db, now, desk["polri"])
    with app.app_context():
        timeline.change_status(db, entry, "ditangani", actor=desk["polri"], now=now)
    db.commit()
    assert [n.kind for n in _notes(db, desk["polri"])] == []


def test_not_created_for_a_recipient_who_may_not_see_the_object(app, db, now, desk):
    entry = _incident(app, db, now, desk["polri"], visible_to=["POLRI"])
    with app.app_context():  # the object's own policy decides, read from the app's registry
        created = services.notify(
            db,
            user_ids=[desk["kpu"].id, desk["petugas"].id],
            kind="info",
            key="k",
            title="T",
            body=SECRET,
            now=now,
            object_type="timeline_entry",
            object_id=entry.id,
        )
    assert [n.user_id for n in created] == [desk["petugas"].id]


@pytest.fixture
def stale(app, db, now, desk):
    """A notification stored before the rule (or before the user's rights changed): about a POLRI-only entry."""
    entry = _incident(app, db, now, desk["polri"], visible_to=["POLRI"])
    note = Notification(
        user_id=desk["kpu"].id,
        kind="assignment",
        key="old",
        title="Lama",
        body=SECRET,
        url=f"/kerawanan/{entry.id}",
        object_type="timeline_entry",
        object_id=str(entry.id),
        created_at=now,
        push_status="pending",
    )
    db.add(note)
    db.commit()
    return note


def test_a_stale_notification_is_rechecked_when_listed_counted_and_opened(client, auth, stale):
    auth.login("kpu-operator")
    assert SECRET not in client.get("/notifikasi").get_data(as_text=True)
    assert "nav-count" not in client.get("/menu").get_data(as_text=True)
    assert client.post(f"/notifikasi/{stale.id}/baca").status_code == 403


def test_a_stale_notification_is_never_pushed(app, db, now, stale):
    sent = []
    with app.app_context():  # as the job runs
        counts = send_pending(
            db,
            PushConfig(private_key="k", subject="mailto:x@example.org"),
            now=now,
            sender=lambda info, data, config: sent.append(data) or 201,
        )
    assert sent == []
    assert counts["sent"] == 0
    db.commit()  # as the job's session_scope does
    db.refresh(stale)
    assert stale.push_status == "none"


@pytest.mark.parametrize("object_id", ["abc", "99999999999999999999", "-1", "0"])
def test_a_broken_reference_is_shown_to_nobody(app, db, now, desk, object_id):
    note = Notification(
        user_id=desk["kpu"].id,
        kind="info",
        key=object_id,
        title="T",
        object_type="timeline_entry",
        object_id=object_id,
        created_at=now,
    )
    db.add(note)
    db.commit()
    with app.app_context():
        assert services.latest(db, desk["kpu"]) == []
        assert services.unread_count(db, desk["kpu"]) == 0
