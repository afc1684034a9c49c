"""The login throttle keeps its counters in Redis when a redis:// URI is configured, in the database otherwise,
and either way they hold across processes (another process's failures delay this one's next attempt)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from app.auth import throttle

REDIS_URI = os.environ.get("SINERGI_TEST_REDIS", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URI, socket_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URI}")
    return client


@pytest.fixture
def redis_uri():
    client = _redis_or_skip()
    client.delete(throttle.REDIS_PREFIX + throttle.ip_key("10.7.7.7"))
    yield REDIS_URI
    for key in client.scan_iter(match=throttle.REDIS_PREFIX + "*test-throttle-*"):
        client.delete(key)
    client.delete(throttle.REDIS_PREFIX + throttle.ip_key("10.7.7.7"))


def test_the_store_follows_the_configuration(db):
    assert isinstance(throttle.store_for(db, {"RATELIMIT_STORAGE_URI": "memory://"}), throttle.DatabaseStore)
    assert isinstance(throttle.store_for(db, {}), throttle.DatabaseStore)
    assert throttle.storage_uri({"RATELIMIT_STORAGE_URI": "redis://h:6379/2"}) == "redis://h:6379/2"
    # The throttle's own setting wins over Flask-Limiter's.
    config = {"RATELIMIT_STORAGE_URI": "redis://a/1", "LOGIN_THROTTLE_STORAGE_URI": "redis://b/2"}
    assert throttle.storage_uri(config) == "redis://b/2"


@pytest.mark.parametrize("kind", ["database", "redis"])
def test_both_stores_grow_decay_and_clear_alike(request, db, now, kind):
    store = (
        throttle.DatabaseStore(db)
        if kind == "database"
        else throttle.RedisStore.from_uri(request.getfixturevalue("redis_uri"))
    )
    key = throttle.pair_key(f"test-throttle-{uuid.uuid4().hex[:8]}", "10.0.0.9")
    waits = []
    for i in range(7):
        at = now + timedelta(milliseconds=i)
        store.fail(key, at, free=5, max_delay=900, decay=900)
        waits.append(store.wait_seconds([key], at))
    assert waits == [0, 0, 0, 0, 2, 4, 8]
    assert store.failures(key) == 7
    store.fail(key, now + timedelta(seconds=2000), free=5, max_delay=900, decay=900)
    assert store.failures(key) == 1  # decayed: counts from zero again
    store.clear(key)
    assert store.failures(key) == 0
    assert store.wait_seconds([key], now) == 0


def _fail_in_another_process(app, login: str, times: int, extra: dict) -> None:
    """``times`` wrong passwords for ``login`` from 10.7.7.7, sent by a separate Python process with its own app,
    each after the delay the one before earned (so the last delay is long enough for this process to see it)."""
    script = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from app import create_app
from app.auth import services
from app.clock import utcnow
from app.db import session_scope
app = create_app({{"TESTING": True, "DATABASE_URL": {app.config["DATABASE_URL"]!r}, "SECRET_KEY": "x",
                   "INSTANCE_DIR": {app.config["INSTANCE_DIR"]!r}, **{extra!r}}})
from datetime import timedelta
at, counted = utcnow(), 0
with app.app_context():
    while counted < {times}:
        with session_scope(app) as db:  # committed like the login route does: the counters must persist
            try:
                services.authenticate(db, {login!r}, "wrong", ip="10.7.7.7", now=at, config=app.config)
            except services.LoginRefused as refused:
                # Waited out on this process's clock (a delayed attempt is not counted), then tried again.
                at += timedelta(seconds=refused.retry_after + 0.01 if refused.retry_after else 0.001)
                counted += 0 if refused.retry_after else 1
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120, cwd=ROOT)


# Serial: the delay the other process earns runs on the wall clock while that process exits; on a machine busy with
# the parallel suites (and another run beside them) it exited after the delay had passed (a CI run: 303, not 429).
@pytest.mark.serial
@pytest.mark.parametrize("kind", ["database", "redis"])
def test_failures_in_one_process_delay_another(request, app, client, make_user, monkeypatch, kind):
    login = f"test-throttle-{uuid.uuid4().hex[:8]}"
    make_user(login)
    extra = {}
    if kind == "redis":
        extra = {"LOGIN_THROTTLE_STORAGE_URI": request.getfixturevalue("redis_uri")}
        monkeypatch.setitem(app.config, "LOGIN_THROTTLE_STORAGE_URI", extra["LOGIN_THROTTLE_STORAGE_URI"])
    # Enough failures for a 32 s delay: the other process takes seconds to exit on a loaded machine.
    _fail_in_another_process(app, login, app.config["LOGIN_FREE_FAILURES"] + 4, extra)
    # This process (the test client) was never told: the shared store makes it wait, right password or not.
    response = client.post(
        "/masuk", data={"login": login, "password": "rahasia-uji-123"}, environ_base={"REMOTE_ADDR": "10.7.7.7"}
    )
    assert response.status_code == 429
    assert "Coba lagi dalam" in response.get_data(as_text=True)
    # From another address the account still logs in: no lockout switch for whoever guesses.
    other = client.post(
        "/masuk", data={"login": login, "password": "rahasia-uji-123"}, environ_base={"REMOTE_ADDR": "10.7.7.8"}
    )
    assert other.status_code == 303
