"""Check-in right after login must not fail CSRF because of a request running alongside (review d.1).

The CSRF secret lives in the session cookie. At login the session is cleared, so the login response's cookie
had no secret; the first pages after it (the page itself and the service worker's background copy of "/",
sent with that same cookie) each minted their own secret, and whichever response arrived last won the cookie.
The check-in form then carried the other secret: "400 Token keamanan formulir … kedaluwarsa". The secret is
now minted at login, so every request of the new session agrees on it.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import TEST_PASSWORD


@pytest.fixture
def frozen(monkeypatch, now):
    monkeypatch.setattr("app.clock.utcnow", lambda: now)
    return now


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_checkin_after_login_survives_a_late_background_request(app, client, people, make_meeting, frozen, csrf_on):
    meeting = make_meeting()
    cookie = app.config.get("SESSION_COOKIE_NAME", "session")
    login = client.post(
        "/masuk",
        data={
            "login": "polri-op",
            "password": TEST_PASSWORD,
            "csrf_token": _token(client.get("/masuk").get_data(as_text=True)),
        },
    )
    assert login.status_code == 303
    login_cookie = client.get_cookie(cookie).value  # what the browser holds right after the redirect
    form = client.get(f"/rapat/hadir?kode={meeting.checkin_code}").get_data(as_text=True)
    # The service worker's GET / left with the login cookie and its answer arrives after the check-in page.
    client.set_cookie(cookie, login_cookie)
    assert client.get("/").status_code == 200
    response = client.post("/rapat/hadir", data={"kode": meeting.checkin_code, "csrf_token": _token(form)})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
