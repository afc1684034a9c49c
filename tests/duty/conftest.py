"""Fixtures: the voting-day command's shared factories (tests/command_support.py)."""

from tests.command_support import accounts, login_as, make_incident, make_shift, places  # noqa: F401
