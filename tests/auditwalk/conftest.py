"""Fixtures of the command features' audit walk: the shared accounts and factories (tests/command_support.py)."""

from tests.command_support import accounts, login_as, make_incident, places  # noqa: F401
