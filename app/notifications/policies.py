"""Notifications are personal: everyone reads and manages only their own."""

from __future__ import annotations

from sqlalchemy.orm import object_session

from app.auth.models import User
from app.authz import Policies, may_see

policies = Policies()


@policies.rule("notifications.view")
def view_notifications(user: User, _obj: None) -> bool:
    return user.active


@policies.rule("notification.read")
def read_notification(user: User, note) -> bool:
    """One's own notification, while one may still see what it is about."""
    if note is None or note.user_id != user.id:
        return False
    session = object_session(note)
    return session is not None and may_see(session, user, note.object_type, note.object_id)
