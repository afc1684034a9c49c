"""Web Push delivery (pywebpush, VAPID from configuration), run by the background job, never in a request.

Several processes may send at once: each claims its batch of rows (``claim_pending``) and keeps them locked
until its transaction commits, so every alert goes out once. Endpoints answering 404/410 are gone for good:
their subscriptions are removed. 401/403 mean a VAPID
problem (wrong keys) and are logged; 429, 5xx and network errors leave the alert pending, retried by the
next runs until it is older than its TTL (``PUSH_TTL``).
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, update
from sqlmodel import Session, select

from app.audit.services import record
from app.jobs import claim
from app.notifications import endpoints
from app.notifications.models import Notification, PushStatus, PushSubscription
from app.notifications.services import deliverable
from app.notifications.settings import NotificationSettings

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


@dataclass(frozen=True)
class PushConfig:
    private_key: str
    subject: str
    ttl: int = 3600

    @classmethod
    def from_settings(cls, settings: NotificationSettings) -> PushConfig | None:
        """What sending needs, or None while no VAPID key is configured (no push)."""
        if not settings.vapid_private_key:
            return None
        return cls(
            private_key=settings.vapid_private_key,
            subject=settings.vapid_subject or "mailto:admin@sinergi.invalid",
            ttl=int(settings.push_ttl),
        )


def payload(note: Notification) -> bytes:
    """What the service worker shows; small (push services accept about 4 KB)."""
    data = {"title": note.title, "body": note.body[:300], "url": note.url, "tag": note.key[:60], "id": note.id}
    return json.dumps(data, ensure_ascii=False).encode()


def _send_default(subscription_info: dict, data: bytes, config: PushConfig) -> int:
    from pywebpush import WebPushException, webpush

    try:
        response = webpush(
            subscription_info,
            data,
            vapid_private_key=config.private_key,
            vapid_claims={"sub": config.subject},
            ttl=config.ttl,
            timeout=10,
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        return int(status) if status else 599
    return response.status_code


def _age_seconds(note: Notification, now: datetime) -> float:
    created = note.created_at if note.created_at.tzinfo else note.created_at.replace(tzinfo=now.tzinfo)
    return (now - created).total_seconds()


def claim_pending(session: Session, *, limit: int, after_id: int = 0) -> list[Notification]:
    """The next pending notifications after ``after_id``, locked for this transaction: another process running
    the job at the same time skips them (``FOR UPDATE SKIP LOCKED`` on PostgreSQL; see ``app.jobs.claim``)."""
    query = (
        select(Notification)
        .where(Notification.push_status == PushStatus.PENDING, Notification.id > after_id)
        .order_by(Notification.id)
        .limit(limit)
    )
    return list(session.exec(claim(session, query)).all())


def _forget_subscription(session: Session, sub_id: int, user_id: int, status: int, now: datetime) -> bool:
    """Remove a gone endpoint. By statement, not ``session.delete``: another process sending another alert to
    the same device may have removed it already, and a stale ORM delete would roll back (and resend) a batch."""
    removed = session.exec(delete(PushSubscription).where(PushSubscription.id == sub_id)).rowcount
    if removed:
        record(
            session,
            actor=None,
            action="push.expired",
            object_type="push_subscription",
            object_id=sub_id,
            now=now,
            before={"user_id": user_id, "status": status},
        )
    return bool(removed)


@dataclass
class _Devices:
    """What one batch learnt about the devices it sent to, written once at its end (``_settle``)."""

    reached: set[int] = field(default_factory=set)
    gone: dict[int, tuple[int, int]] = field(default_factory=dict)  # id: (user id, status)


def _settle(session: Session, devices: _Devices, now: datetime, counts: dict[str, int]) -> None:
    """Remove the gone devices and stamp the reached ones, after the batch's sends and never waiting long.

    Writing a device row while sending would hold its lock through the rest of the batch: another process
    sending another alert to the same device would wait, and two batches holding each other's devices deadlock;
    PostgreSQL then aborts one, which rolls back alerts it had already pushed and they go out twice. So the
    removals go in id order (no cycle) and the ``last_success_at`` stamp skips a row another process holds (it
    stamps the same moment)."""
    for sub_id in sorted(devices.gone):
        user_id, status = devices.gone[sub_id]
        counts["removed"] += _forget_subscription(session, sub_id, user_id, status, now)
    reached = sorted(devices.reached - devices.gone.keys())
    if reached:
        free = claim(session, select(PushSubscription.id).where(PushSubscription.id.in_(reached)))
        session.exec(update(PushSubscription).where(PushSubscription.id.in_(free)).values(last_success_at=now))


def _send_note(
    session: Session,
    note: Notification,
    config: PushConfig,
    sender: Callable[[dict, bytes, PushConfig], int],
    devices: _Devices,
) -> tuple[bool, bool]:
    """Send one alert to every device of its user; returns (delivered somewhere, worth retrying)."""
    subs = session.exec(select(PushSubscription).where(PushSubscription.user_id == note.user_id)).all()
    delivered = retry = False
    for sub in subs:
        if sub.id in devices.gone:
            continue
        if not endpoints.allowed(sub.endpoint):  # kept before the rule (or the list changed): never called
            log.warning("push subscription %s is not a known push service: removed", sub.id)
            devices.gone[sub.id] = (sub.user_id, 0)
            continue
        info = {"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}}
        try:
            status = sender(info, payload(note), config)
        except Exception as exc:  # network trouble talking to the push service: try again next run
            log.warning("push to %s failed: %s", sub.endpoint[:60], exc)
            status = 599
        if 200 <= status < 300:
            delivered = True
            devices.reached.add(sub.id)
        elif status in GONE:
            devices.gone[sub.id] = (sub.user_id, status)
        elif status in (401, 403):
            log.error("push refused with %s: check SINERGI_VAPID_* keys", status)
        elif status == 429 or status >= 500:
            retry = True
    return delivered, retry


def send_pending(
    session: Session,
    config: PushConfig,
    *,
    now: datetime,
    limit: int = 200,
    after_id: int = 0,
    sender: Callable[[dict, bytes, PushConfig], int] = _send_default,
) -> dict[str, int]:
    """Claim up to ``limit`` pending notifications and send each to all devices of its user. Returns counts
    (and ``last_id``, the highest id claimed, so a caller can go on after it). The caller commits: until then
    the claimed rows stay locked, so no other process sends them too."""
    counts = {"sent": 0, "failed": 0, "removed": 0}
    notes = claim_pending(session, limit=limit, after_id=after_id)
    devices = _Devices()
    for note in notes:
        if not deliverable(session, note):  # the user may no longer see what it is about: never push its text
            note.push_status = PushStatus.NONE
            session.add(note)
            continue
        delivered, retry = _send_note(session, note, config, sender, devices)
        if not delivered and retry and _age_seconds(note, now) < config.ttl:
            counts["retry"] = counts.get("retry", 0) + 1
            continue  # still pending: the next run tries again until the alert is older than its TTL
        note.push_status = PushStatus.SENT if delivered else PushStatus.FAILED
        counts["sent" if delivered else "failed"] += 1
        session.add(note)
        session.flush()
    _settle(session, devices, now, counts)
    counts["last_id"] = notes[-1].id if notes else after_id
    return counts
