"""Business rules of complaints: intake (public and staff), handling, routing, Gakkumdu."""

from __future__ import annotations


class ComplaintError(ValueError):
    """A rule refused the input; ``field`` names the form field, ``message`` is shown to the user."""

    def __init__(self, field: str, message):
        super().__init__(str(message))
        self.field = field
        self.message = message
