"""Login, logout, throttle, password change."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.auth.models import LoginThrottle
from tests.conftest import TEST_PASSWORD


def test_login_by_username_lands_on_dashboard_in_indonesian(client, auth, make_user):
    make_user("kpu-op", agency="KPU", role="operator")
    response = auth.login("kpu-op")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "Selamat bertugas" in page.get_data(as_text=True)
    assert 'lang="id"' in page.get_data(as_text=True)


def test_login_by_email_case_insensitive(client, auth, make_user):
    make_user("bw-op", agency="BAWASLU", email="Operator@Bawaslu.example")
    assert auth.login("operator@bawaslu.example").status_code == 303


def test_wrong_password_is_refused_with_a_clear_message(auth, make_user):
    make_user("tni-op", agency="TNI")
    response = auth.login("tni-op", "salah-sekali")
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in response.get_data(as_text=True)


def test_ten_wrong_passwords_slow_down_that_account(app, client, auth, make_user, db):
    make_user("polri-x")
    free = app.config["LOGIN_FREE_FAILURES"]
    codes = [auth.login("polri-x", "bukan-sandinya").status_code for _ in range(10)]
    # The first failures cost nothing; the one that reaches the free budget starts a delay; then 429.
    assert codes == [401] * free + [429] * (10 - free)
    # Even the right password is refused while the delay runs.
    response = auth.login("polri-x", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Coba lagi dalam" in response.get_data(as_text=True)
    row = db.get(LoginThrottle, "pair:polri-x|127.0.0.1")
    assert row.failures == app.config["LOGIN_FREE_FAILURES"]  # refused attempts while blocked are not counted
    assert row.blocked_until is not None


def test_throttle_is_per_account(client, auth, make_user):
    make_user("victim")
    make_user("other")
    for _ in range(10):
        auth.login("victim", "x" * 10)
    # A different account from another address still logs in.
    other = client.post(
        "/masuk", data={"login": "other", "password": TEST_PASSWORD}, environ_base={"REMOTE_ADDR": "10.9.9.9"}
    )
    assert other.status_code == 303


def test_throttle_is_also_per_ip(app, client, make_user, db):
    make_user("real-user")
    for i in range(app.config["IP_FREE_FAILURES"] + 1):
        client.post("/masuk", data={"login": f"guess{i}", "password": "x"}, environ_base={"REMOTE_ADDR": "10.1.1.1"})
    response = client.post(
        "/masuk", data={"login": "real-user", "password": TEST_PASSWORD}, environ_base={"REMOTE_ADDR": "10.1.1.1"}
    )
    assert response.status_code == 429
    row = db.exec(select(LoginThrottle).where(LoginThrottle.key == "ip:10.1.1.1")).one()
    assert row.failures == app.config["IP_FREE_FAILURES"]


@pytest.mark.parametrize(("login", "password"), [("", ""), ("x" * 10_000, "pw"), ("user", "")])
def test_bad_login_input_gives_a_message_not_a_500(client, login, password):
    response = client.post("/masuk", data={"login": login, "password": password})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'class="error"' in body
    assert "Traceback" not in body


def test_session_is_rotated_at_login(client, auth, make_user):
    make_user("rot")
    client.get("/masuk")
    with client.session_transaction() as sess:
        sess["planted"] = "by-attacker"
    auth.login("rot")
    with client.session_transaction() as sess:
        assert "planted" not in sess


def test_logout_is_post_only_and_clears_site_data(client, auth, make_user):
    make_user("out")
    auth.login("out")
    assert client.get("/keluar").status_code == 405
    response = auth.logout()
    assert response.status_code == 303
    assert "cache" in response.headers["Clear-Site-Data"]
    assert client.get("/").status_code == 302  # back to /masuk


def test_deactivated_user_is_logged_out(client, auth, make_user, db):
    user = make_user("leaver")
    auth.login("leaver")
    from app.auth.models import User

    row = db.get(User, user.id)
    row.active = False
    db.commit()
    assert client.get("/").status_code == 302


def test_change_password(client, auth, make_user):
    make_user("chg")
    auth.login("chg")
    bad = client.post("/akun/sandi", data={"current": "wrong", "new": "sandi-baru-123", "confirm": "sandi-baru-123"})
    assert bad.status_code == 422
    # A wrong current password is said together with the other mistakes, not only once they are fixed.
    both = client.post("/akun/sandi", data={"current": "wrong", "new": "sandi-baru-123", "confirm": "lain"})
    html = both.get_data(as_text=True)
    assert both.status_code == 422
    assert "Kata sandi saat ini salah." in html, html
    assert "Kedua kata sandi tidak sama." in html
    ok = client.post(
        "/akun/sandi", data={"current": TEST_PASSWORD, "new": "sandi-baru-123", "confirm": "sandi-baru-123"}
    )
    assert ok.status_code == 303
    auth.logout()
    assert auth.login("chg", TEST_PASSWORD).status_code == 401
    assert auth.login("chg", "sandi-baru-123").status_code == 303


def test_htmx_request_without_login_gets_hx_redirect(htmx):
    response = htmx.get("/")
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/masuk")


def test_cookies_are_httponly_and_lax(client, auth, make_user):
    make_user("cook")
    response = auth.login("cook")
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_secure_cookies_in_production(monkeypatch):
    from app.config import load_config

    monkeypatch.setenv("SINERGI_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("SINERGI_SECURE_COOKIES", raising=False)
    config = load_config()
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    from app.config import ConfigError, load_config

    monkeypatch.setenv("SINERGI_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError):
        load_config()
