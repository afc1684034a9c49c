"""A device may register a browser's push service only (app/notifications/endpoints.py): never an address that
would make the server call its own network (SSRF, found by the session-12 audit), and a subscription kept
before the rule is dropped, never called."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.notifications import push, services
from app.notifications.endpoints import allowed
from app.notifications.models import Kind, PushSubscription
from app.notifications.settings import NotificationSettings

REAL = NotificationSettings()
KIND = next(iter(Kind))
KEYS = {"p256dh": "BNcR" + "A" * 83, "auth": "tBHIaaaa"}


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc:APA91b",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
        "https://wns2-by3p.notify.windows.com/w/?token=BQYAAA",
        "https://web.push.apple.com/QGuQyavXutnMH",
    ],
)
def test_the_browsers_push_services_are_accepted(endpoint):
    assert allowed(endpoint, REAL)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",  # not https
        "https://127.0.0.1:8499/ssrf",
        "https://[::1]/x",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/x",
        "https://localhost/x",
        "https://fcm.googleapis.com.evil.example/x",
        "https://evilfcm.googleapis.com.example/x",
        "https://user:pw@fcm.googleapis.com/x",
        "https://fcm.googleapis.com:99999/x",
        "https:///x",
        "javascript:alert(1)",
        "https://fcm.googleapis.com/" + "a" * 1000,
    ],
)
def test_other_addresses_are_refused(endpoint):
    assert not allowed(endpoint, REAL)


def test_the_subscribe_route_refuses_an_internal_address(client, auth, make_user, db):
    make_user("kpu-ssrf")
    auth.login("kpu-ssrf")
    response = client.post(
        "/notifikasi/langganan", json={"endpoint": "http://127.0.0.1:8499/ssrf-internal-target?x=1", "keys": KEYS}
    )
    assert response.status_code == 422
    assert "tidak valid" in response.get_data(as_text=True)
    assert db.exec(select(PushSubscription)).all() == []


def test_a_subscription_kept_before_the_rule_is_dropped_not_called(app, db, make_user, now, monkeypatch):
    user = make_user("kpu-old-sub")
    db.add(PushSubscription(user_id=user.id, endpoint="http://127.0.0.1:8499/old", created_at=now, **KEYS))
    services.notify(db, user_ids=[user.id], kind=KIND, key="uji", title="Uji", body="Uji", url="/", now=now)
    db.commit()
    called = []
    config = push.PushConfig(private_key="k", subject="mailto:x@example.invalid")
    counts = push.send_pending(db, config, now=now, sender=lambda info, data, cfg: called.append(info) or 201)
    db.commit()
    assert called == []
    assert counts["removed"] == 1
    assert db.exec(select(PushSubscription)).all() == []
