"""Fixtures: the voting-day command's shared factories (tests/command_support.py) and a fixed clock."""

from datetime import UTC, datetime

import pytest

from tests.command_support import accounts, login_as, places  # noqa: F401

NOW = datetime(2024, 11, 27, 0, 30, tzinfo=UTC)  # 07.30 WIB on voting day


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr("app.votingday.routes.utcnow", c)
    return c
