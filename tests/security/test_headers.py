"""Security headers on every response; HSTS only over HTTPS."""

from __future__ import annotations


def test_strict_headers_on_pages(client):
    response = client.get("/masuk")
    csp = response.headers["Content-Security-Policy"]
    for part in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ):
        assert part in csp
    assert "unsafe" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "microphone=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # plain http (a loopback dev server)


def test_hsts_over_https(client):
    response = client.get("/masuk", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_errors_and_documents_carry_them_too(client):
    for response in (client.get("/tidak-ada"), client.get("/static/icons/sprite.svg"), client.get("/sw.js")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        response.close()


def test_plain_static_files_carry_only_nosniff(client):
    """CSS, scripts, fonts and PNGs are never documents: a CSP on them does nothing but costs bytes per file."""
    for path in ("/static/css/app.css", "/static/js/app.js", "/static/icons/icon-192.png"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "Content-Security-Policy" not in response.headers
        assert "Permissions-Policy" not in response.headers
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


def test_a_304_carries_no_document_policies_its_200_does(client):
    """A revalidation answers with headers only; the stored copy keeps the policies its 200 carried."""
    for path in ("/sw.js", "/manifest.webmanifest"):
        first = client.get(path)
        assert first.status_code == 200, path
        assert "frame-ancestors 'none'" in first.headers["Content-Security-Policy"]
        etag = first.headers["ETag"]
        first.close()
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.headers["X-Content-Type-Options"] == "nosniff"
        for name in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy"):
            assert name not in again.headers, (path, name)
        again.close()
