"""Security headers on every response; HSTS only over HTTPS."""

from __future__ import annotations


def test_strict_headers_on_pages(client):
    response = client.get("/masuk")
    csp = response.headers["Content-Security-Policy"]
    for part in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                 "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
        assert part in csp
    assert "unsafe" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "microphone=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # plain http (a loopback dev server)


def test_hsts_over_https(client):
    response = client.get("/masuk", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_errors_and_files_carry_them_too(client):
    for response in (client.get("/tidak-ada"), client.get("/static/css/app.css")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        response.close()


def test_csrf_token_fields_carry_no_duplicate_id(app, client, make_user, monkeypatch):
    import re

    from tests.conftest import TEST_PASSWORD

    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    login_page = client.get("/masuk").get_data(as_text=True)
    assert 'id="csrf_token"' not in login_page
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    make_user("ids1")
    client.post("/masuk", data={"login": "ids1", "password": TEST_PASSWORD, "csrf_token": token})
    page = client.get("/akun/sandi").get_data(as_text=True)  # two forms on one page
    assert page.count('name="csrf_token"') == 2
    assert 'id="csrf_token"' not in page
