"""The timeline's settings: app config ``TIMELINE_<NAME>`` overrides these defaults (docs/features/timeline.md).

Read in one place, per request or per stream (tests and a settings file may change them while the app runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.settings import load_settings


@dataclass(frozen=True)
class TimelineSettings:
    heartbeat: float = 15.0  # seconds between a stream's ``event: ping`` heartbeats
    # After a wake-up a stream waits this long for more entries and sends them together: under a burst of posts
    # every stream writes a few larger messages instead of one per post (bench/timeline_load.py).
    coalesce: float = 0.2
    stream_lifetime: float = 30 * 60  # seconds; then the stream ends and the client resumes with Last-Event-ID
    # How far a phone's clock may have been set back between writing and sending a report, and how old a phone's
    # time may be (the outbox keeps items while the login lasts, PERMANENT_SESSION_LIFETIME: 14 days).
    clock_skew_seconds: float = 120.0
    max_age_seconds: float = 14 * 24 * 3600.0
    max_photos: int = 4  # photos per post
    # ``X-Timeline-Worker: <pid>`` on posts and streams: which process served them. Test instrumentation for the
    # multi-process tests (always on when ``app.testing``), never sent in production otherwise.
    worker_header: bool = False


def settings(config: dict[str, Any] | None = None) -> TimelineSettings:
    """The settings from ``TIMELINE_<NAME>`` config keys, defaults otherwise."""
    return load_settings(TimelineSettings, config, prefix="TIMELINE_")
