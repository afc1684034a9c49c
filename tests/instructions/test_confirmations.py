"""Sending an instruction says to how many people it went, in Indonesian, on the instruction's page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

NOW = datetime(2024, 11, 27, 0, 5, tzinfo=UTC)  # 07.05 WIB


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    monkeypatch.setattr("app.instructions.routes.utcnow", lambda: NOW)


def test_sending_confirms_with_the_number_of_recipients(client, login_as, accounts):
    login_as("polri-pimpinan")
    response = client.post(
        "/instruksi/baru",
        data={"text": "Siaga di TPS.", "region_code": "19.02.02", "agencies": ["POLRI", "TNI"]},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Instruksi terkirim ke 1 penerima." in response.get_data(as_text=True)  # the Membalong officer


def test_a_refused_instruction_has_no_confirmation(client, login_as, accounts):
    login_as("polri-pimpinan")
    response = client.post("/instruksi/baru", data={"text": "", "region_code": "19.02"})
    assert response.status_code == 422
    assert "Instruksi terkirim" not in response.get_data(as_text=True)
