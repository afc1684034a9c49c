"""In-app notifications: events and reminders become notifications for the right people, once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlmodel import select

from app.audit.models import AuditLog
from app.notifications import services
from app.notifications.job import run_once
from app.notifications.models import Notification, NotificationSetting, PushSubscription
from app.registry import Reminder, registry_of


def _names(db, key):
    rows = db.exec(select(Notification).where(Notification.key == key)).all()
    return sorted(r.user_id for r in rows)


@pytest.fixture
def desk(make_user):
    return {
        "polri": make_user("polri-op", agency="POLRI", region_code="19.02"),
        "kpu": make_user("kpu-op", agency="KPU", region_code="19.02.01"),
        "prov": make_user("bawaslu-prov", agency="BAWASLU", role="pimpinan", region_code="19"),
        "membalong": make_user("tni-membalong", agency="TNI", region_code="19.02.02"),
        "beltim": make_user("beltim-polri", agency="POLRI", region_code="19.06"),
    }


def test_high_severity_incident_reaches_everyone_in_scope_but_not_the_author(app, db, desk, now):
    entry = SimpleNamespace(
        id=41,
        region_code="19.02.01.2001",
        severity="tinggi",
        author_id=desk["polri"].id,
        text="Pemilih membawa KTP ganda di TPS 03",
        visible_agencies="",
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):  # an English-speaking author
        registry_of(app).emit("timeline.incident_created", session=db, entry=entry, now=now)
    db.commit()
    # Tanjungpandan (19.02.01) lies under Belitung and Babel; Membalong and Belitung Timur do not see it.
    assert _names(db, "incident:41:created") == sorted([desk["kpu"].id, desk["prov"].id])
    note = db.exec(select(Notification).where(Notification.user_id == desk["kpu"].id)).one()
    assert note.title == "Kerawanan tingkat tinggi"
    assert note.body == "Pemilih membawa KTP ganda di TPS 03"
    assert note.url == "/kerawanan/41"


def test_low_severity_incident_notifies_nobody(app, db, desk, now):
    entry = SimpleNamespace(id=42, region_code="19.02", severity="rendah", text="Antrean panjang", visible_agencies="")
    with app.app_context():
        registry_of(app).emit("timeline.incident_created", session=db, entry=entry, now=now)
    assert _names(db, "incident:42:created") == []


def test_restricted_entry_only_reaches_the_chosen_agencies(app, db, desk, now):
    entry = SimpleNamespace(id=43, region_code="19.02", severity="tinggi", visible_agencies=",POLRI,", text="x")
    with app.app_context():
        registry_of(app).emit("timeline.incident_created", session=db, entry=entry, now=now)
    assert _names(db, "incident:43:created") == [desk["polri"].id]


def test_assignment_reaches_that_agency_in_scope_once(app, db, desk, now):
    entry = SimpleNamespace(
        id=44, region_code="19.02.02.2005", severity="sedang", text="Keributan kecil", visible_agencies=""
    )
    for _ in range(2):  # the same event twice (a resent request) still gives one notification
        with app.app_context():
            registry_of(app).emit("timeline.incident_assigned", session=db, entry=entry, agency="TNI", now=now)
    assert _names(db, "incident:44:assigned:TNI") == [desk["membalong"].id]


def test_reminders_are_collected_once_per_key(app, db, desk, now, monkeypatch):
    def source(session, at):
        return [
            Reminder(
                key="meeting:7:start",
                user_ids=(desk["polri"].id, desk["kpu"].id),
                title="Rapat dimulai 30 menit lagi",
                body="Rakor pengamanan, 15.00 WIB",
                url="/rapat/7",
            )
        ]

    monkeypatch.setattr(registry_of(app), "reminder_sources", [source])
    assert run_once(app, now)["reminders"] == 2
    assert run_once(app, now)["reminders"] == 0
    assert _names(db, "meeting:7:start") == sorted([desk["polri"].id, desk["kpu"].id])


def test_list_unread_count_and_nav_badge(client, auth, db, desk, now):
    services.notify(
        db,
        user_ids=[desk["polri"].id],
        kind="incident",
        key="k1",
        title="Kerawanan tingkat tinggi",
        body="KTP ganda di TPS 03",
        url="/kerawanan/1",
        now=now,
    )
    services.notify(
        db, user_ids=[desk["polri"].id], kind="reminder", key="k2", title="Rapat dimulai 30 menit lagi", now=now
    )
    services.notify(db, user_ids=[desk["kpu"].id], kind="info", key="k3", title="Milik orang lain", now=now)
    db.commit()
    auth.login("polri-op")
    page = client.get("/notifikasi")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Kerawanan tingkat tinggi" in html
    assert "Rapat dimulai 30 menit lagi" in html
    assert "Milik orang lain" not in html
    assert "2 belum dibaca" in html
    assert "Rabu, 27 November 2024" in html
    menu = client.get("/menu").get_data(as_text=True)
    assert '<span class="nav-count" role="img" aria-label="2 belum dibaca">2</span>' in menu


def test_open_marks_read_and_follows_the_link(client, auth, db, desk, now):
    note = services.notify(
        db, user_ids=[desk["polri"].id], kind="incident", key="k1", title="T", url="/kerawanan/9", now=now
    )[0]
    db.commit()
    auth.login("polri-op")
    response = client.post(f"/notifikasi/{note.id}/baca")
    assert response.status_code == 303
    assert response.headers["Location"] == "/kerawanan/9"
    db.refresh(note)
    assert note.read_at is not None
    assert "nav-count" not in client.get("/menu").get_data(as_text=True)


def test_someone_elses_notification_is_forbidden_and_unknown_is_404(client, auth, db, desk, now):
    note = services.notify(db, user_ids=[desk["kpu"].id], kind="info", key="k", title="T", now=now)[0]
    db.commit()
    auth.login("polri-op")
    assert client.post(f"/notifikasi/{note.id}/baca").status_code == 403
    assert client.post("/notifikasi/99999/baca").status_code == 404
    db.refresh(note)
    assert note.read_at is None


def test_offsite_link_is_not_followed(client, auth, db, desk, now):
    note = services.notify(
        db, user_ids=[desk["polri"].id], kind="info", key="k", title="T", url="//evil.example/x", now=now
    )[0]
    db.commit()
    auth.login("polri-op")
    assert client.post(f"/notifikasi/{note.id}/baca").headers["Location"] == "/notifikasi"


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/notifikasi"),
        ("post", "/notifikasi/1/baca"),
        ("post", "/notifikasi/baca-semua"),
        ("get", "/notifikasi/pengaturan"),
        ("post", "/notifikasi/langganan"),
        ("post", "/notifikasi/langganan/hapus"),
        ("get", "/kotak-keluar"),
    ],
)
def test_every_route_needs_login(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302  # a page request: to the login page (htmx gets 401, tests/auth)
    assert response.headers["Location"].startswith("/masuk")


def test_settings_are_saved_and_audited(client, auth, db, desk):
    auth.login("polri-op")
    page = client.get("/notifikasi/pengaturan")
    assert page.status_code == 200
    assert "Kerawanan baru tingkat tinggi di wilayah saya" in page.get_data(as_text=True)
    response = client.post("/notifikasi/pengaturan", data={"push_enabled": "y", "incidents": "y"})
    assert response.status_code == 303
    setting = db.get(NotificationSetting, desk["polri"].id)
    assert (setting.push_enabled, setting.incidents, setting.assignments, setting.reminders) == (
        True,
        True,
        False,
        False,
    )
    assert (
        db.exec(select(AuditLog).where(AuditLog.action == "notifications.settings")).one().actor_id == desk["polri"].id
    )


SUB = {
    "endpoint": "https://push.example.net/send/abc",
    "keys": {"p256dh": "BNcR" + "A" * 83, "auth": "tBHI" + "a" * 18},
}


def test_subscribe_and_unsubscribe_this_device(client, auth, db, desk):
    auth.login("polri-op")
    response = client.post("/notifikasi/langganan", json=SUB)
    assert response.status_code == 201
    assert response.json["message"] == "Notifikasi aktif di perangkat ini."
    sub = db.exec(select(PushSubscription)).one()
    assert sub.user_id == desk["polri"].id
    assert sub.endpoint == SUB["endpoint"]
    # The same phone, another account: the endpoint moves, it is not duplicated.
    auth.logout()
    auth.login("kpu-op")
    assert client.post("/notifikasi/langganan", json=SUB).status_code == 201
    db.expire_all()
    assert [s.user_id for s in db.exec(select(PushSubscription)).all()] == [desk["kpu"].id]
    assert client.post("/notifikasi/langganan/hapus", json={"endpoint": SUB["endpoint"]}).json["ok"] is True
    assert db.exec(select(PushSubscription)).all() == []


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"endpoint": "javascript:alert(1)", "keys": SUB["keys"]},
        {"endpoint": SUB["endpoint"], "keys": {}},
        "not json",
    ],
)
def test_bad_subscription_is_refused_in_indonesian(client, auth, desk, body):
    auth.login("polri-op")
    response = client.post("/notifikasi/langganan", json=body)
    assert response.status_code == 422
    assert response.json["error"] == "Langganan notifikasi perangkat ini tidak valid."


def test_subscribe_needs_csrf(app, client, auth, desk, monkeypatch):
    auth.login("polri-op")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    assert client.post("/notifikasi/langganan", json=SUB).status_code == 400


def test_push_pending_only_for_users_with_a_device_and_the_kind_enabled(db, desk, now):
    services.subscribe(
        db,
        services.SubscriptionInput(SUB["endpoint"], SUB["keys"]["p256dh"], SUB["keys"]["auth"]),
        actor=desk["polri"],
        now=now,
    )
    services.update_settings(db, {"push_enabled": True, "incidents": True}, actor=desk["polri"], now=now)
    a = services.notify(db, user_ids=[desk["polri"].id, desk["kpu"].id], kind="incident", key="a", title="A", now=now)
    b = services.notify(db, user_ids=[desk["polri"].id], kind="reminder", key="b", title="B", now=now)
    assert {n.user_id: n.push_status for n in a} == {desk["polri"].id: "pending", desk["kpu"].id: "none"}
    assert b[0].push_status == "none"  # reminders switched off


def test_cli_push_keys_and_run_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["push", "keys"])
    assert result.exit_code == 0
    lines = dict(line.split("=", 1) for line in result.output.strip().splitlines())
    assert len(lines["SINERGI_VAPID_PRIVATE_KEY"]) == 43
    assert len(lines["SINERGI_VAPID_PUBLIC_KEY"]) == 87
    result = runner.invoke(args=["notifications", "run-once"])
    assert result.exit_code == 0
    assert "reminders=0" in result.output


def test_reminder_sources_run_in_indonesian_outside_a_request(app, db, desk, now, monkeypatch):
    from flask_babel import gettext

    def source(session, at):
        return [
            Reminder(
                key="deadline:3",
                user_ids=(desk["prov"].id,),
                title=gettext("Notifications"),
                body="",
                url="/pengaduan/3",
            )
        ]

    monkeypatch.setattr(registry_of(app), "reminder_sources", [source])
    run_once(app, now)
    assert db.exec(select(Notification).where(Notification.key == "deadline:3")).one().title == "Notifikasi"
