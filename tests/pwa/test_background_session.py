"""The service worker's background fetches (shell at install, a page's copy) never write the session cookie:
one that started before a login and answered after it logged the phone out (app/pwa/session.py)."""

from __future__ import annotations


def _visitor(app):
    """A browser that opened the login page: an anonymous session holding something (here the language)."""
    visitor = app.test_client()
    with visitor.session_transaction() as session:
        session["lang"] = "id"
    return visitor


def test_a_background_fetch_leaves_the_cookie_alone(app):
    foreground = _visitor(app).get("/offline")
    assert "session=" in foreground.headers.get("Set-Cookie", "")  # the login's session protection marks it
    background = _visitor(app).get("/offline", headers={"X-SW-Background": "1"})
    assert background.status_code == 200
    assert "Set-Cookie" not in background.headers


def test_a_background_fetch_after_login_does_not_log_out(client, auth, make_user):
    auth.login(make_user(agency="KPU").username)
    client.get("/", headers={"X-SW-Background": "1"})
    assert client.get("/").status_code == 200  # still logged in


def test_the_worker_marks_its_shell_and_page_copies_as_background(client):
    worker = client.get("/sw.js").get_data(as_text=True)
    assert "cache.addAll(SINERGI.shell.map(background))" in worker
    assert "fetch(background(data.url))" in worker
    assert '"X-SW-Background": "1"' in worker
