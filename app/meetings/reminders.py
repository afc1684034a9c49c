"""Time-based alert: "meeting starting in 30 minutes" to the invited users (key ``meeting:<id>:start``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlmodel import Session, select

from app.i18n import format_time
from app.meetings.models import Meeting, MeetingStatus, Participant
from app.registry import Reminder

LEAD = timedelta(minutes=30)


def starting_soon(session: Session, now: datetime) -> list[Reminder]:
    """Meetings starting within the next 30 minutes (and not yet started), one reminder each."""
    meetings = session.exec(
        select(Meeting).where(
            Meeting.starts_at > now, Meeting.starts_at <= now + LEAD, Meeting.status != MeetingStatus.FINAL.value
        )
    ).all()
    reminders = []
    for meeting in meetings:
        user_ids = tuple(
            sorted(
                uid
                for uid in session.exec(
                    select(Participant.user_id).where(
                        Participant.meeting_id == meeting.id, Participant.user_id.is_not(None)
                    )
                ).all()
            )
        )
        if not user_ids:
            continue
        try:
            url = url_for("meetings.detail", meeting_id=meeting.id)
        except RuntimeError:  # outside a request: a relative link is enough for the notifier
            url = f"/rapat/{meeting.id}"
        reminders.append(
            Reminder(
                key=f"meeting:{meeting.id}:start",
                user_ids=user_ids,
                title=_(
                    "Meeting at %(time)s: %(title)s",
                    time=format_time(meeting.starts_at, meeting.region_code),
                    title=meeting.title,
                ),
                body=_("Starts in 30 minutes at %(place)s.", place=meeting.place),
                url=url,
            )
        )
    return reminders
