"""Every demo account lands on its agency's dashboard, in Indonesian, scoped to its region."""

from __future__ import annotations

import pytest

from app.demo.seed import ACCOUNTS


@pytest.fixture
def seeded(app):
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("account", ACCOUNTS, ids=[a[0] for a in ACCOUNTS])
def test_each_demo_account_lands_on_its_dashboard(app, client, seeded, account):
    username, name, agency, _role, _pos, _rank, region = account
    response = client.post("/masuk", data={"login": username, "password": app.config["DEMO_PASSWORD"]})
    assert response.status_code == 303
    body = client.get("/").get_data(as_text=True)
    assert "Selamat bertugas" in body
    assert f"badge-{agency.lower()}" in body
    assert "Hari pemungutan suara" in body
    if region.startswith("19.06"):
        assert "Belitung Timur" in body
    else:
        assert "Kabupaten Belitung" in body
