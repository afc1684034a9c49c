"""Web Push for real: pywebpush encrypts and signs, a local push service decrypts (http_ece) and checks it."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlmodel import select

from app.audit.models import AuditLog
from app.notifications import services
from app.notifications.job import run_once
from app.notifications.models import Notification, PushSubscription
from app.notifications.push import generate_keys


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Device:
    """A browser's push keys (what PushManager.subscribe creates)."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = b"0123456789abcdef"
        self.public = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )


@pytest.fixture
def push_service(app, monkeypatch):
    """A push service on 127.0.0.1: /ok/<id> decrypts and keeps messages, /gone/<id> answers 410. Listed as a
    push service for this test only (plain http, an IP address: refused otherwise, tests/notifications/
    test_push_endpoints.py)."""
    monkeypatch.setenv("SINERGI_PUSH_SERVICE_HOSTS", "127.0.0.1")
    monkeypatch.setenv("SINERGI_PUSH_ALLOW_HTTP", "1")
    received: list[dict] = []
    devices: dict[str, Device] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            name = self.path.rsplit("/", 1)[-1]
            if self.path.startswith("/gone/"):
                self.send_response(410)
                self.end_headers()
                return
            device = devices[name]
            plain = http_ece.decrypt(body, private_key=device.key, auth_secret=device.auth, version="aes128gcm")
            headers = {k.lower(): v for k, v in self.headers.items()}
            received.append({"device": name, "payload": json.loads(plain), "headers": headers})
            self.send_response(201)
            self.end_headers()

        def log_message(self, *args):
            return None

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "received": received, "devices": devices}
    server.shutdown()
    server.server_close()


def _subscribe(db, user, service, path, now):
    device = Device()
    name = path.rsplit("/", 1)[-1]
    service["devices"][name] = device
    return services.subscribe(
        db,
        services.SubscriptionInput(
            endpoint=f"{service['url']}{path}", p256dh=b64(device.public), auth=b64(device.auth)
        ),
        actor=user,
        now=now,
    )


def test_push_is_encrypted_signed_delivered_and_gone_endpoints_removed(
    app, db, make_user, now, push_service, monkeypatch
):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    private, public = generate_keys()
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", private)
    monkeypatch.setitem(app.config, "VAPID_PUBLIC_KEY", public)
    user = make_user("polri-op")
    phone = _subscribe(db, user, push_service, "/ok/phone", now)
    old = _subscribe(db, user, push_service, "/gone/old-tablet", now)
    old_id = old.id
    services.notify(
        db,
        user_ids=[user.id],
        kind="incident",
        key="incident:5:created",
        title="Kerawanan tingkat tinggi",
        body="Keributan kecil di luar TPS 02 Desa Lassar",
        url="/kerawanan/5",
        now=now,
    )
    db.commit()

    counts = run_once(app, now)
    assert counts["sent"] == 1
    assert counts["removed"] == 1

    [message] = push_service["received"]
    assert message["payload"] == {
        "title": "Kerawanan tingkat tinggi",
        "body": "Keributan kecil di luar TPS 02 Desa Lassar",
        "url": "/kerawanan/5",
        "tag": "incident:5:created",
        "id": message["payload"]["id"],
    }
    assert message["headers"]["content-encoding"] == "aes128gcm"
    assert message["headers"]["authorization"].startswith("vapid t=")
    assert f"k={public}" in message["headers"]["authorization"]
    db.expire_all()
    assert [s.id for s in db.exec(select(PushSubscription)).all()] == [phone.id]
    assert db.exec(select(AuditLog).where(AuditLog.action == "push.expired")).one().object_id == str(old_id)
    assert db.exec(select(Notification)).one().push_status == "sent"
    # A second run sends nothing again.
    db.commit()
    assert run_once(app, now)["sent"] == 0
    assert len(push_service["received"]) == 1


def test_without_vapid_keys_nothing_is_sent(app, db, make_user, now, push_service, monkeypatch):
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", "")
    user = make_user("kpu-op", agency="KPU")
    _subscribe(db, user, push_service, "/ok/a", now)
    services.notify(db, user_ids=[user.id], kind="incident", key="k", title="T", now=now)
    db.commit()
    assert run_once(app, now)["sent"] == 0
    assert push_service["received"] == []
    assert db.exec(select(Notification)).one().push_status == "pending"


def test_unreachable_push_service_is_retried_until_the_ttl(app, db, make_user, now, monkeypatch):
    from datetime import timedelta

    from app.notifications.push import PushConfig, send_pending

    user = make_user("tni-op", agency="TNI")
    services.subscribe(
        db, services.SubscriptionInput("https://push.example.net/x", "BNcR" + "A" * 83, "tBHIaaaa"), actor=user, now=now
    )
    services.notify(db, user_ids=[user.id], kind="incident", key="k", title="T", now=now)
    calls = []

    def down(info, data, config):
        calls.append(info["endpoint"])
        return 503

    config = PushConfig(private_key="unused", subject="mailto:x@example.go.id", ttl=600)
    assert send_pending(db, config, now=now, sender=down)["retry"] == 1
    assert db.exec(select(Notification)).one().push_status == "pending"
    assert send_pending(db, config, now=now + timedelta(minutes=11), sender=down)["failed"] == 1
    assert db.exec(select(Notification)).one().push_status == "failed"
    assert len(calls) == 2
    assert db.exec(select(PushSubscription)).one()  # a service outage never removes a subscription
