"""When did it happen? The phone's time of a post, follow-up or status change, checked against the server.

The page stamps two form fields when the user taps send (``static/js/timeline.js``): ``occurred_at``, the
phone's clock at that moment, and ``sent_at``, the phone's clock when this very request leaves the phone —
the same on a direct send, the moment of the resend when the offline outbox replays it
(``static/js/outbox.js``). Both are ISO 8601 with a zone (``2024-11-27T10:04:00.000Z``).

The event time is the server's receive time minus the delay measured on the phone's own clock
(``sent_at - occurred_at``): a phone whose clock is minutes or hours wrong (common on cheap phones) still
gets the right time, and no phone can put an event in the future. Bounds:

- a delay below ``-skew`` (the phone's clock was set back between writing and sending) or above ``max_age``
  (older than the outbox keeps anything worth ordering by) → the time received, marked ``clamped``;
- without ``sent_at`` (another client): ``occurred_at`` itself, refused (time received, marked) when it lies
  more than ``skew`` in the future or more than ``max_age`` in the past;
- no ``occurred_at`` at all (a form sent without JavaScript, sent at once): the time received, not marked.

Refusing the request instead would lose the report (the outbox would keep it as refused and the user cannot
correct a hidden time field), so an unusable time is replaced and marked, never refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.timeline.settings import TimelineSettings

CLOCK_SKEW = timedelta(seconds=TimelineSettings.clock_skew_seconds)
# The outbox keeps items until they are sent, with no age limit of its own; the login it needs lasts
# PERMANENT_SESSION_LIFETIME (14 days), so a phone's time older than that is not trusted for ordering.
MAX_AGE = timedelta(seconds=TimelineSettings.max_age_seconds)


@dataclass(frozen=True)
class EventTime:
    at: datetime
    clamped: bool = False


def parse(value: str | None) -> datetime | None:
    """An aware datetime from ISO 8601 text, or None (empty, malformed or without a zone)."""
    if not value or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def event_time(
    now: datetime,
    occurred_at: str | None,
    sent_at: str | None = None,
    *,
    skew: timedelta = CLOCK_SKEW,
    max_age: timedelta = MAX_AGE,
) -> EventTime:
    """The event's time from the phone's stamps, within bounds (see the module docstring)."""
    if not occurred_at:
        return EventTime(now)
    occurred, sent = parse(occurred_at), parse(sent_at)
    if occurred is None:
        return EventTime(now, clamped=True)
    if sent is not None:
        delay = sent - occurred
        if delay < -skew or delay > max_age:
            return EventTime(now, clamped=True)
        return EventTime(now - max(delay, timedelta(0)))
    if occurred > now + skew or occurred < now - max_age:
        return EventTime(now, clamped=True)
    return EventTime(min(occurred, now))


def from_form(form, now: datetime, settings: TimelineSettings) -> EventTime:
    """``event_time`` from a request's form with the timeline's settings (``TIMELINE_CLOCK_SKEW_SECONDS``,
    ``TIMELINE_MAX_AGE_SECONDS``)."""
    return event_time(
        now,
        form.get("occurred_at"),
        form.get("sent_at"),
        skew=timedelta(seconds=settings.clock_skew_seconds),
        max_age=timedelta(seconds=settings.max_age_seconds),
    )


def not_before(occurred: EventTime, earliest: datetime | None) -> EventTime:
    """A follow-up or a status step cannot happen before what it follows (phones disagree by seconds)."""
    if earliest is not None and occurred.at < earliest:
        return EventTime(earliest, occurred.clamped)
    return occurred
