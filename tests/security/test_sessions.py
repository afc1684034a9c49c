"""Sessions and accounts: logout ends the login server-side, remember-me dies with it, deactivation and
password changes end other sessions, "log out on every device", and a throttle that slows guessing without
handing anyone a lockout switch."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient
from sqlmodel import select

from app.auth.models import LoginThrottle, User, UserLogin
from tests.conftest import TEST_PASSWORD

REMEMBER = "remember_token"


def _login(client, username, password=TEST_PASSWORD, remember=False, ip="127.0.0.1"):
    data = {"login": username, "password": password}
    if remember:
        data["remember"] = "y"
    return client.post("/masuk", data=data, environ_base={"REMOTE_ADDR": ip})


def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def _other_client(app, **cookies) -> FlaskClient:
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other


def test_session_id_rotates_at_login(client, make_user, db):
    make_user("rot1")
    _login(client, "rot1")
    first = _cookie(client, "session")
    client.post("/keluar")
    _login(client, "rot1")
    assert _cookie(client, "session") != first
    assert len(db.exec(select(UserLogin)).all()) == 2


def test_captured_session_cookie_stops_working_after_logout(app, client, make_user):
    make_user("cap1")
    _login(client, "cap1")
    stolen = _cookie(client, "session")
    assert _other_client(app, session=stolen).get("/").status_code == 200
    client.post("/keluar")
    assert _other_client(app, session=stolen).get("/").status_code == 302


def test_copied_remember_me_cookie_stops_working_after_logout(app, client, make_user):
    make_user("rem1")
    _login(client, "rem1", remember=True)
    remember = _cookie(client, REMEMBER)
    assert remember
    assert _other_client(app, **{REMEMBER: remember}).get("/").status_code == 200  # it works before
    client.post("/keluar")
    assert _other_client(app, **{REMEMBER: remember}).get("/").status_code == 302


def test_logout_on_one_device_keeps_the_other(app, client, make_user):
    make_user("two1")
    _login(client, "two1")
    phone = app.test_client()
    _login(phone, "two1")
    client.post("/keluar")
    assert phone.get("/").status_code == 200


def test_deactivated_user_is_refused_on_the_next_request(app, client, make_user, db, now):
    from app.auth.services import set_active

    admin = make_user("adm1", agency="PEMDA", role="admin")
    user = make_user("leaver1")
    _login(client, "leaver1", remember=True)
    remember = _cookie(client, REMEMBER)
    with app.app_context():
        set_active(db, db.get(User, user.id), False, actor=db.get(User, admin.id), now=now)
        db.commit()
    assert client.get("/").status_code == 302
    assert _other_client(app, **{REMEMBER: remember}).get("/").status_code == 302


def test_password_change_ends_other_sessions_but_not_this_one(app, client, make_user):
    make_user("pw1")
    _login(client, "pw1")
    laptop = app.test_client()
    _login(laptop, "pw1", remember=True)
    laptop_remember = _cookie(laptop, REMEMBER)
    response = client.post(
        "/akun/sandi", data={"current": TEST_PASSWORD, "new": "sandi-baru-123", "confirm": "sandi-baru-123"}
    )
    assert response.status_code == 303
    assert client.get("/").status_code == 200
    assert laptop.get("/").status_code == 302
    assert _other_client(app, **{REMEMBER: laptop_remember}).get("/").status_code == 302


def test_log_out_on_every_device(app, client, make_user, db):
    make_user("all1")
    _login(client, "all1")
    phone = app.test_client()
    _login(phone, "all1", remember=True)
    page = client.get("/akun/sandi").get_data(as_text=True)
    assert "Keluar dari semua perangkat" in page
    response = client.post("/akun/keluar-semua")
    assert response.status_code == 303
    assert client.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert db.exec(select(UserLogin).where(UserLogin.ended_at.is_(None))).all() == []


# ---- throttle ----------------------------------------------------------------------------------------------


def test_guessing_from_elsewhere_never_locks_the_owner_out(client, make_user):
    make_user("target1")
    for _ in range(12):
        _login(client, "target1", "salah-salah", ip="203.0.113.9")
    assert _login(client, "target1", ip="203.0.113.9").status_code == 429  # the guesser waits
    assert _login(client, "target1", ip="10.0.0.5").status_code == 303  # the owner does not


def test_a_typo_after_a_success_does_not_block_the_office(app, client, make_user):
    """The old per-address counter never reset: after one success, one typo blocked the whole NAT address."""
    names = [make_user(f"office{i}").username for i in range(4)]
    for name in names:  # a morning of logins with the odd typo, everyone behind one address
        assert _login(client, name, "typo-typo", ip="10.10.0.1").status_code == 401
        assert _login(client, name, ip="10.10.0.1").status_code == 303
        client.post("/keluar")
    assert _login(client, names[0], "typo-typo", ip="10.10.0.1").status_code == 401
    assert _login(client, names[1], ip="10.10.0.1").status_code == 303


def test_delays_grow_decay_and_reset_on_success(app, client, make_user, db, now):
    from app.auth import throttle

    make_user("grow1")
    key = throttle.pair_key("grow1", "10.0.0.7")
    store = throttle.DatabaseStore(db)
    free, decay = app.config["LOGIN_FREE_FAILURES"], app.config["LOGIN_DECAY_SECONDS"]
    delays = []
    for i in range(free + 3):
        store.fail(key, now + timedelta(seconds=i), free=free, max_delay=900, decay=decay)
        row = db.get(LoginThrottle, key)
        delays.append(int((row.blocked_until - row.last_failure_at).total_seconds()) if row.blocked_until else 0)
    assert delays[: free - 1] == [0] * (free - 1)
    assert delays[free - 1 :] == [2, 4, 8, 16]
    store.fail(key, now + timedelta(seconds=decay + 60), free=free, max_delay=900, decay=decay)
    assert db.get(LoginThrottle, key).failures == 1  # decayed: starts again
    db.commit()
    assert _login(client, "grow1", ip="10.0.0.7").status_code == 303
    db.expire_all()
    assert db.get(LoginThrottle, key) is None  # success clears the pair


def test_spraying_one_address_is_slowed_but_capped(app, client, make_user, db):
    make_user("real1")
    for i in range(app.config["IP_FREE_FAILURES"] + 3):
        _login(client, f"guess{i}", "x", ip="10.1.1.1")
    refused = _login(client, "real1", ip="10.1.1.1")
    assert refused.status_code == 429
    row = db.get(LoginThrottle, "ip:10.1.1.1")
    assert (row.blocked_until - row.last_failure_at).total_seconds() <= app.config["IP_MAX_DELAY_SECONDS"]


def test_admin_unlock_clears_the_delays(app, client, make_user):
    make_user("locked1")
    for _ in range(10):
        _login(client, "locked1", "salah-salah", ip="10.2.2.2")
    assert _login(client, "locked1", ip="10.2.2.2").status_code == 429
    result = app.test_cli_runner().invoke(args=["users", "unlock", "locked1"])
    assert result.exit_code == 0, result.output
    assert _login(client, "locked1", ip="10.2.2.2").status_code == 303


def test_no_user_enumeration_by_message(client, make_user):
    make_user("exists1")
    known = _login(client, "exists1", "salah-salah", ip="10.3.3.3")
    unknown = _login(client, "tidak-ada-orangnya", "salah-salah", ip="10.3.3.4")
    assert known.status_code == unknown.status_code == 401

    def message(response):
        body = response.get_data(as_text=True)
        return body[body.index("<main") :].replace("exists1", "X").replace("tidak-ada-orangnya", "X")

    assert message(known) == message(unknown)
