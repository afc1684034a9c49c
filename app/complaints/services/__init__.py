"""Business rules of complaints: intake (public and staff), handling, routing, Gakkumdu."""

from __future__ import annotations

from app.errors import DomainError


class ComplaintError(DomainError):
    """A complaint rule refused the input; ``field`` names the form field, ``message`` is shown to the user."""
