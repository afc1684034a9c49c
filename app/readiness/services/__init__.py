"""Readiness services: take ``(session, …, actor=, now=)``, flush, never commit."""

from __future__ import annotations


class ReadinessError(ValueError):
    """A rule was broken; ``field`` names the form field, ``message`` is shown to the user."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
