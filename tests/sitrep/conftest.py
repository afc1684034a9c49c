"""Fixtures: the voting-day command's shared factories (tests/command_support.py) and a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.command_support import accounts, login_as, make_incident, make_shift, places  # noqa: F401
from tests.complaints.conftest import complaint_input, make_complaint  # noqa: F401

# Voting day, Rabu 27 November 2024, 21.00 WIB: the day's report (00.00–20.00) is due.
NOW = datetime(2024, 11, 27, 14, 0, tzinfo=UTC)
DAY_START = datetime(2024, 11, 26, 17, 0, tzinfo=UTC)  # 27 Nov 00.00 WIB
DAY_END = DAY_START + timedelta(hours=20)  # 27 Nov 20.00 WIB


def wib(hour: int, minute: int = 0) -> datetime:
    return DAY_START + timedelta(hours=hour, minutes=minute)


@pytest.fixture
def clock(monkeypatch):
    state = {"now": NOW}
    for module in ("app.clock", "app.registry", "app.sitrep.routes", "app.dashboard.routes"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: state["now"], raising=False)
    return state


@pytest.fixture
def report_for(app, db):
    """``report_for(actor, start, end, now)``: a draft made through the service (committed), sections parsed."""
    import json

    from app.sitrep import services

    def make(actor, start=DAY_START, end=None, now=NOW):
        end = end or start + timedelta(days=1)
        with app.test_request_context():
            report = services.create_report(db, actor=actor, now=now, start=start, end=end)
            db.commit()
        return report, json.loads(report.sections)

    return make
