"""Web Push delivery (pywebpush, VAPID from configuration), run by the background job, never in a request.

Endpoints answering 404/410 are gone for good: their subscriptions are removed. 401/403 mean a VAPID
problem (wrong keys) and are logged; 429, 5xx and network errors leave the alert pending, retried by the
next runs until it is older than its TTL (``PUSH_TTL``).
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from app.audit.services import record
from app.notifications.models import Notification, PushStatus, PushSubscription
from app.notifications.services import deliverable

log = logging.getLogger(__name__)
GONE = {404, 410}


def generate_keys() -> tuple[str, str]:
    """A new VAPID key pair: (private key as base64url raw 32 bytes, public key as base64url 65-byte point)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    raw = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    return b64(raw), b64(public)


@dataclass
class PushConfig:
    private_key: str
    subject: str
    ttl: int = 3600

    @classmethod
    def from_app(cls, config: dict) -> PushConfig | None:
        if not config.get("VAPID_PRIVATE_KEY"):
            return None
        return cls(private_key=config["VAPID_PRIVATE_KEY"], subject=config.get("VAPID_SUBJECT") or
                   "mailto:admin@sinergi.invalid", ttl=int(config.get("PUSH_TTL", 3600)))


def payload(note: Notification) -> bytes:
    """What the service worker shows; small (push services accept about 4 KB)."""
    data = {"title": note.title, "body": note.body[:300], "url": note.url, "tag": note.key[:60], "id": note.id}
    return json.dumps(data, ensure_ascii=False).encode()


def _send_default(subscription_info: dict, data: bytes, config: PushConfig) -> int:
    from pywebpush import WebPushException, webpush

    try:
        response = webpush(subscription_info, data, vapid_private_key=config.private_key,
                           vapid_claims={"sub": config.subject}, ttl=config.ttl, timeout=10)
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        return int(status) if status else 599
    return response.status_code


def _age_seconds(note: Notification, now: datetime) -> float:
    created = note.created_at if note.created_at.tzinfo else note.created_at.replace(tzinfo=now.tzinfo)
    return (now - created).total_seconds()


def send_pending(session: Session, config: PushConfig, *, now: datetime, limit: int = 200,
                 sender: Callable[[dict, bytes, PushConfig], int] = _send_default) -> dict[str, int]:
    """Send every pending notification to all devices of its user. Returns counts for logs and tests."""
    counts = {"sent": 0, "failed": 0, "removed": 0}
    pending = session.exec(select(Notification).where(Notification.push_status == PushStatus.PENDING.value)
                           .order_by(Notification.id).limit(limit)).all()
    for note in pending:
        if not deliverable(session, note):  # the user may no longer see what it is about: never push its text
            note.push_status = PushStatus.NONE.value
            session.add(note)
            continue
        subs = session.exec(select(PushSubscription).where(PushSubscription.user_id == note.user_id)).all()
        delivered = False
        retry = False
        for sub in subs:
            info = {"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}}
            try:
                status = sender(info, payload(note), config)
            except Exception as exc:  # network trouble talking to the push service: try again next run
                log.warning("push to %s failed: %s", sub.endpoint[:60], exc)
                status = 599
            if 200 <= status < 300:
                delivered = True
                sub.last_success_at = now
                session.add(sub)
            elif status in GONE:
                record(session, actor=None, action="push.expired", object_type="push_subscription",
                       object_id=sub.id, now=now, before={"user_id": sub.user_id, "status": status})
                session.delete(sub)
                counts["removed"] += 1
            elif status in (401, 403):
                log.error("push refused with %s: check SINERGI_VAPID_* keys", status)
            elif status == 429 or status >= 500:
                retry = True
        if not delivered and retry and _age_seconds(note, now) < config.ttl:
            counts["retry"] = counts.get("retry", 0) + 1
            continue  # still pending: the next run tries again until the alert is older than its TTL
        note.push_status = (PushStatus.SENT if delivered else PushStatus.FAILED).value
        counts["sent" if delivered else "failed"] += 1
        session.add(note)
        session.flush()
    return counts
