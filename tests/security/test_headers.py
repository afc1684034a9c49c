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
