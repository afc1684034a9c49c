"""CSRF, security headers, error pages."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _token(client, path="/masuk") -> str:
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_post_without_csrf_token_is_refused_in_indonesian(client, make_user, csrf_on):
    make_user("csrf-user")
    response = client.post("/masuk", data={"login": "csrf-user", "password": "whatever"})
    assert response.status_code == 400
    assert "Token keamanan formulir ini tidak ada" in response.get_data(as_text=True)


def test_htmx_post_with_the_header_token_works(client, make_user, csrf_on):
    from tests.conftest import TEST_PASSWORD

    make_user("csrf-htmx")
    token = _token(client)
    login = client.post("/masuk", data={"login": "csrf-htmx", "password": TEST_PASSWORD, "csrf_token": token})
    assert login.status_code == 303
    page = client.get("/menu").get_data(as_text=True)
    header_token = re.search(r'hx-headers:inherited=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    switched = client.post(
        "/bahasa", data={"lang": "en", "next": "/menu"}, headers={"X-CSRFToken": header_token, "HX-Request": "true"}
    )
    assert switched.status_code == 303
    assert client.post("/bahasa", data={"lang": "id"}, headers={"HX-Request": "true"}).status_code == 400


def test_strict_content_security_policy_on_every_page(client):
    response = client.get("/masuk")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True)  # no inline scripts at all


def test_404_page_in_indonesian(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_403_page_in_indonesian(client, auth, make_user):
    make_user("plain", agency="TNI", role="petugas")
    auth.login("plain")
    response = client.get("/admin/pengguna")
    assert response.status_code == 403
    assert "Akses ditolak" in response.get_data(as_text=True)


def test_htmx_errors_are_fragments(htmx):
    response = htmx.get("/tidak-ada")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert "Halaman tidak ditemukan" in body


def test_500_is_an_indonesian_page_without_traceback(app):
    from app import create_app

    other = create_app(
        {"TESTING": False, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "x", "WTF_CSRF_ENABLED": False}
    )
    other.config["PROPAGATE_EXCEPTIONS"] = False

    @other.get("/_boom")
    def boom():
        raise RuntimeError("secret internals")

    response = other.test_client().get("/_boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Terjadi kesalahan" in body
    assert "secret internals" not in body
    assert "Traceback" not in body


def test_open_redirect_after_login_is_refused(client, make_user):
    from tests.conftest import TEST_PASSWORD

    make_user("redir")
    response = client.post("/masuk?next=//evil.example/x", data={"login": "redir", "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/"
