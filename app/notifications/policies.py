"""Notifications are personal: everyone reads and manages only their own."""

from __future__ import annotations

from app.auth.models import User
from app.authz import policy


@policy("notifications.view")
def view_notifications(user: User, _obj: None) -> bool:
    return user.active


@policy("notification.read")
def read_notification(user: User, note) -> bool:
    return note is not None and note.user_id == user.id
