"""Shared by the hostile-input tests: the seeded demo and logging in as its accounts."""

from __future__ import annotations

import pytest

DEMO_PASSWORD = "sinergi-demo"


def seed_demo(app) -> None:
    app.config["DEMO_PASSWORD"] = DEMO_PASSWORD
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output


def login(client, username: str) -> None:
    client.post("/keluar")
    response = client.post("/masuk", data={"login": username, "password": DEMO_PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]


@pytest.fixture
def seeded(app):
    seed_demo(app)
    return app
