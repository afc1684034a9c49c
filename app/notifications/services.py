"""Notifications without knowing the features: anyone hands in (users, kind, key, title, body, url).

Services flush, never commit. Pushing happens later in the background job (app/notifications/push.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, update
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.authz import is_confidential, may_see
from app.errors import DomainError
from app.notifications import endpoints
from app.notifications.models import Kind, Notification, NotificationSetting, PushStatus, PushSubscription

UNREAD_SCAN = 1000  # unread notifications checked one by one for the badge (more is "99+" anyway)


class NotificationError(DomainError):
    """A notifications rule refused the input (e.g. a push subscription that is not one)."""


def settings_for(session: Session, user_id: int, now: datetime) -> NotificationSetting:
    """The user's settings (defaults when never saved; not added to the session)."""
    return session.get(NotificationSetting, user_id) or NotificationSetting(user_id=user_id, updated_at=now)


def _wants_push(session: Session, user_id: int, kind: Kind, now: datetime) -> bool:
    setting = settings_for(session, user_id, now)
    if not setting.push_enabled or not getattr(setting, Kind(kind).setting, True):
        return False
    return session.exec(select(PushSubscription.id).where(PushSubscription.user_id == user_id)).first() is not None


def entitled(session: Session, user_ids: Iterable[int], object_type: str | None, object_id, obj=None) -> list[int]:
    """The active users among ``user_ids`` who may see the object (app.authz.may_see: the object's own rule)."""
    ids = sorted({int(u) for u in user_ids})
    if not ids:
        return []
    if not is_confidential(object_type):
        return ids
    users = session.exec(select(User).where(User.id.in_(ids))).all()
    return sorted(u.id for u in users if may_see(session, u, object_type, object_id, obj))


def visible(session: Session, user: User, note: Notification) -> bool:
    """Re-checked whenever a notification is listed, counted, opened or pushed: rights and objects change."""
    return note.user_id == user.id and may_see(session, user, note.object_type, note.object_id)


def notify(
    session: Session,
    *,
    user_ids: Iterable[int],
    kind: Kind,
    key: str,
    title: str,
    body: str = "",
    url: str = "/notifikasi",
    now: datetime,
    object_type: str | None = None,
    object_id=None,
    obj=None,
) -> list[Notification]:
    """Add one notification per user for this occurrence; a key already given to a user is skipped.

    With ``object_type``/``object_id`` (and the loaded ``obj``), only users who may see that object get it.
    """
    ids = entitled(session, user_ids, object_type, object_id, obj)
    if not ids:
        return []
    have = set(
        session.exec(
            select(Notification.user_id).where(Notification.key == key[:120], Notification.user_id.in_(ids))
        ).all()
    )
    created = []
    for user_id in ids:
        if user_id in have:
            continue
        note = Notification(
            user_id=user_id,
            kind=kind,
            key=key[:120],
            title=title[:200],
            body=body[:500],
            url=url[:300],
            object_type=object_type,
            object_id=None if object_id is None else str(object_id),
            created_at=now,
            push_status=PushStatus.PENDING if _wants_push(session, user_id, kind, now) else PushStatus.NONE,
        )
        session.add(note)
        created.append(note)
    session.flush()
    return created


def unread_count(session: Session, user: User) -> int:
    """Unread notifications the user may still see (those about objects are checked one by one)."""
    unread = (Notification.user_id == user.id, Notification.read_at.is_(None))
    plain = session.exec(select(func.count(Notification.id)).where(*unread, Notification.object_type.is_(None))).one()
    about = session.exec(
        select(Notification.object_type, Notification.object_id)
        .where(*unread, Notification.object_type.is_not(None))
        .limit(UNREAD_SCAN)
    ).all()
    return plain + sum(1 for object_type, object_id in about if may_see(session, user, object_type, object_id))


def latest(session: Session, user: User, limit: int = 50) -> list[Notification]:
    """The newest notifications the user may still see."""
    notes = session.exec(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    ).all()
    return [n for n in notes if visible(session, user, n)]


def deliverable(session: Session, note: Notification) -> bool:
    """May this notification still be pushed to its user's devices (the push payload carries its text)?"""
    user = session.get(User, note.user_id)
    return user is not None and user.active and visible(session, user, note)


def mark_read(session: Session, note: Notification, *, actor: User, now: datetime) -> Notification:
    if note.read_at is None:
        note.read_at = now
        session.add(note)
        session.flush()
    return note


def mark_all_read(session: Session, *, actor: User, now: datetime) -> int:
    result = session.exec(
        update(Notification).where(Notification.user_id == actor.id, Notification.read_at.is_(None)).values(read_at=now)
    )
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
    if not endpoints.allowed(data.endpoint):  # a browser's push service only, never an address of ours (SSRF)
        raise NotificationError("endpoint", _l("This device's push subscription is not valid."))
    if not data.p256dh or not data.auth or len(data.p256dh) > 200 or len(data.auth) > 100:
        raise NotificationError("keys", _l("This device's push subscription is not valid."))
    sub = session.exec(select(PushSubscription).where(PushSubscription.endpoint == data.endpoint)).first()
    before = {"user_id": sub.user_id} if sub else None
    if sub is None:
        sub = PushSubscription(
            user_id=actor.id,
            endpoint=data.endpoint,
            p256dh=data.p256dh,
            auth=data.auth,
            user_agent=data.user_agent[:200],
            created_at=now,
        )
    else:
        sub.user_id, sub.p256dh, sub.auth = actor.id, data.p256dh, data.auth
        sub.user_agent = data.user_agent[:200]
    session.add(sub)
    session.flush()
    record(
        session,
        actor=actor,
        action="push.subscribe",
        object_type="push_subscription",
        object_id=sub.id,
        now=now,
        before=before,
        after={"user_id": actor.id, "user_agent": sub.user_agent},
    )
    return sub


def unsubscribe(session: Session, endpoint: str, *, actor: User, now: datetime) -> bool:
    sub = session.exec(
        select(PushSubscription).where(PushSubscription.endpoint == endpoint, PushSubscription.user_id == actor.id)
    ).first()
    if sub is None:
        return False
    record(
        session,
        actor=actor,
        action="push.unsubscribe",
        object_type="push_subscription",
        object_id=sub.id,
        now=now,
        before={"user_id": sub.user_id},
    )
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
    record(
        session,
        actor=actor,
        action="notifications.settings",
        object_type="notification_setting",
        object_id=actor.id,
        now=now,
        before=before,
        after={f: getattr(setting, f) for f in SETTING_FIELDS},
    )
    return setting
