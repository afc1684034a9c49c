"""/healthz reports the database; /favicon.ico answers."""

from __future__ import annotations

from app import create_app


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_healthz_503_when_the_database_is_unreachable(tmp_path):
    broken = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1"}
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


def test_feature_settings_from_a_json_file(tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    settings.write_text('{"COMPLAINTS_REGION_SEGMENTS": {"19.02": "07.04"}, "COMPLAINTS_FILING_DAYS": 7}')
    monkeypatch.setenv("SINERGI_SETTINGS", str(settings))
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://"})
    assert app.config["COMPLAINTS_REGION_SEGMENTS"] == {"19.02": "07.04"}


def test_favicon_is_served_for_pages_without_an_icon_link(client):
    """A PDF opened in a tab makes the browser ask for /favicon.ico: the app icon, cached, not a 404."""
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/png"
        assert response.data.startswith(b"\x89PNG")
        assert response.cache_control.max_age == 7 * 24 * 3600
