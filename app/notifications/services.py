"""Notifications without knowing the features: anyone hands in (users, kind, key, title, body, url).

Services flush, never commit. Pushing happens later in the background job (app/notifications/push.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.notifications.models import Kind, Notification, NotificationSetting, PushStatus, PushSubscription

KIND_SETTING = {Kind.INCIDENT.value: "incidents", Kind.ASSIGNMENT.value: "assignments",
                Kind.REMINDER.value: "reminders"}


class NotificationError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def settings_for(session: Session, user_id: int, now: datetime) -> NotificationSetting:
    """The user's settings (defaults when never saved; not added to the session)."""
    return session.get(NotificationSetting, user_id) or NotificationSetting(user_id=user_id, updated_at=now)


def _wants_push(session: Session, user_id: int, kind: str, now: datetime) -> bool:
    setting = settings_for(session, user_id, now)
    if not setting.push_enabled or not getattr(setting, KIND_SETTING.get(kind, "push_enabled"), True):
        return False
    return session.exec(select(PushSubscription.id).where(PushSubscription.user_id == user_id)).first() is not None


def notify(session: Session, *, user_ids: Iterable[int], kind: str, key: str, title: str, body: str = "",
           url: str = "/notifikasi", now: datetime) -> list[Notification]:
    """Add one notification per user for this occurrence; a key already given to a user is skipped."""
    ids = sorted({int(u) for u in user_ids})
    if not ids:
        return []
    have = set(session.exec(select(Notification.user_id).where(Notification.key == key[:120],
                                                                Notification.user_id.in_(ids))).all())
    created = []
    for user_id in ids:
        if user_id in have:
            continue
        note = Notification(
            user_id=user_id, kind=kind, key=key[:120], title=title[:200], body=body[:500], url=url[:300],
            created_at=now,
            push_status=(PushStatus.PENDING if _wants_push(session, user_id, kind, now) else PushStatus.NONE).value)
        session.add(note)
        created.append(note)
    session.flush()
    return created


def unread_count(session: Session, user: User) -> int:
    return session.exec(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))).one()


def latest(session: Session, user: User, limit: int = 50) -> list[Notification]:
    return list(session.exec(select(Notification).where(Notification.user_id == user.id)
                             .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)).all())


def mark_read(session: Session, note: Notification, *, actor: User, now: datetime) -> Notification:
    if note.read_at is None:
        note.read_at = now
        session.add(note)
        session.flush()
    return note


def mark_all_read(session: Session, *, actor: User, now: datetime) -> int:
    result = session.exec(update(Notification).where(Notification.user_id == actor.id,
                                                     Notification.read_at.is_(None)).values(read_at=now))
    session.flush()
    return result.rowcount or 0


@dataclass
class SubscriptionInput:
    endpoint: str
    p256dh: str
    auth: str
    user_agent: str = ""


def subscribe(session: Session, data: SubscriptionInput, *, actor: User, now: datetime) -> PushSubscription:
    """Store this device's push endpoint for the user (taking it over from a previous user of the phone)."""
    if not data.endpoint.startswith(("https://", "http://")) or len(data.endpoint) > 1000:
        raise NotificationError("endpoint", "invalid endpoint")
    if not data.p256dh or not data.auth or len(data.p256dh) > 200 or len(data.auth) > 100:
        raise NotificationError("keys", "invalid keys")
    sub = session.exec(select(PushSubscription).where(PushSubscription.endpoint == data.endpoint)).first()
    before = {"user_id": sub.user_id} if sub else None
    if sub is None:
        sub = PushSubscription(user_id=actor.id, endpoint=data.endpoint, p256dh=data.p256dh, auth=data.auth,
                               user_agent=data.user_agent[:200], created_at=now)
    else:
        sub.user_id, sub.p256dh, sub.auth = actor.id, data.p256dh, data.auth
        sub.user_agent = data.user_agent[:200]
    session.add(sub)
    session.flush()
    record(session, actor=actor, action="push.subscribe", object_type="push_subscription", object_id=sub.id,
           now=now, before=before, after={"user_id": actor.id, "user_agent": sub.user_agent})
    return sub


def unsubscribe(session: Session, endpoint: str, *, actor: User, now: datetime) -> bool:
    sub = session.exec(select(PushSubscription).where(PushSubscription.endpoint == endpoint,
                                                      PushSubscription.user_id == actor.id)).first()
    if sub is None:
        return False
    record(session, actor=actor, action="push.unsubscribe", object_type="push_subscription", object_id=sub.id,
           now=now, before={"user_id": sub.user_id})
    session.delete(sub)
    session.flush()
    return True


SETTING_FIELDS = ["push_enabled", "incidents", "assignments", "reminders"]


def update_settings(session: Session, values: dict[str, bool], *, actor: User, now: datetime) -> NotificationSetting:
    setting = session.get(NotificationSetting, actor.id)
    before = {f: getattr(setting, f) for f in SETTING_FIELDS} if setting else None
    if setting is None:
        setting = NotificationSetting(user_id=actor.id, updated_at=now)
    for name in SETTING_FIELDS:
        setattr(setting, name, bool(values.get(name)))
    setting.updated_at = now
    session.add(setting)
    session.flush()
    record(session, actor=actor, action="notifications.settings", object_type="notification_setting",
           object_id=actor.id, now=now, before=before, after={f: getattr(setting, f) for f in SETTING_FIELDS})
    return setting
