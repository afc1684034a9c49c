"""Readiness services: take ``(session, …, actor=, now=)``, flush, never commit."""

from __future__ import annotations

from app.errors import DomainError


class ReadinessError(DomainError):
    """A rule was broken; ``field`` names the form field, ``message`` is shown to the user."""
