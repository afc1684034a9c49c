"""Helpers shared by the meeting routes."""

from __future__ import annotations

from flask_login import current_user

from app.authz import can, get_or_404
from app.db import get_session
from app.meetings.models import Meeting


def load(meeting_id: int, action: str = "meeting.view") -> Meeting:
    """The meeting for ``action``: 404 when unknown or out of sight, 403 when seen but not allowed."""
    db = get_session()
    meeting = get_or_404(db, Meeting, meeting_id, user=current_user, action="meeting.view")
    if action != "meeting.view" and not can(current_user, action, meeting):
        from flask import abort

        abort(403)
    return meeting


def rights(meeting: Meeting) -> dict[str, bool]:
    return {
        name: can(current_user, f"meeting.{name}", meeting)
        for name in ("edit", "minutes", "finalise", "correct", "checkin")
    }
