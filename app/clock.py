"""The one place that reads the wall clock, so services can take ``now`` and tests can fix it."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
