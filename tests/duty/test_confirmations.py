"""Writing the hand-over note says so in Indonesian on the note's page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)  # 14.30 WIB


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    monkeypatch.setattr("app.duty.handover_routes.utcnow", lambda: NOW)


def test_the_handover_note_is_confirmed(client, login_as, accounts):
    login_as("polri-operator")
    response = client.post("/piket/serah-terima", data={"note": "Situasi aman."}, follow_redirects=True)
    assert response.status_code == 200
    assert "Catatan serah terima disimpan untuk piket berikutnya." in response.get_data(as_text=True)
