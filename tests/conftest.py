"""Shared fixtures: one app and schema per test session, a clean database for every test.

The suite runs on SQLite by default and on PostgreSQL with ``SINERGI_TEST_DB=postgresql`` and
``TEST_DATABASE_URL`` (``make test`` does both when the URL is set).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlmodel import Session, SQLModel

from app import create_app, import_models
from app.auth import services as accounts
from app.auth.models import User
from app.db import get_engine, make_engine
from app.regions.services import load_regions

TEST_PASSWORD = "rahasia-uji-123"
FIXED_NOW = datetime(2024, 11, 27, 7, 30, tzinfo=UTC)  # voting day, 14.30 WIB


def database_url(tmp_path_factory) -> str:
    if os.environ.get("SINERGI_TEST_DB") == "postgresql":
        url = os.environ.get("TEST_DATABASE_URL")
        if not url:
            pytest.exit("SINERGI_TEST_DB=postgresql needs TEST_DATABASE_URL", returncode=2)
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def pytest_report_header(config):
    engine = "PostgreSQL" if os.environ.get("SINERGI_TEST_DB") == "postgresql" else "SQLite"
    return f"sinergi test database: {engine}"


def _compile_catalogs() -> None:
    """Build the .mo files from the committed .po files, so the suite always sees current translations."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("i18n_tool", Path(__file__).parent.parent / "scripts/i18n.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.compile_all()


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    _compile_catalogs()
    url = database_url(tmp_path_factory)
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,  # CSRF tests switch it back on (see tests/test_security.py)
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashes; production uses scrypt
        "INSTANCE_DIR": str(tmp_path_factory.mktemp("instance")),
        "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
        "RATELIMIT_ENABLED": False,
    })
    import_models()
    engine = get_engine(app, write=True)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        load_regions(session, "19")
        session.commit()
    yield app
    engine.dispose()


# Tables kept between tests: reference data loaded once per session.
KEEP = {"region"}


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Empty every table but the reference data after each test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    engine = get_engine(app, write=True)
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in KEEP]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            # The audit log refuses DELETE (append-only triggers): lift them for the clean-up, then restore.
            from app.audit.models import DROP_DDL, append_only_ddl

            for statement in DROP_DDL["sqlite"]:
                conn.execute(text(statement))
            for table in tables:
                conn.execute(table.delete())
            for statement in append_only_ddl("sqlite"):
                conn.execute(text(statement))


@pytest.fixture
def db(app):
    """A session for service-level tests (commits are the test's choice).

    No app context is held open: a request made while one is pushed would share its ``g`` (and Flask-Login's
    cached user) with the test, which never happens in production.
    """
    with Session(get_engine(app, write=True), expire_on_commit=False) as session:
        _test_sessions.append(session)
        yield session
        _test_sessions.remove(session)


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    """Create a committed user: ``make_user("polri-operator2", agency="POLRI", role="operator")``."""
    counter = {"n": 0}

    def _make(username: str | None = None, *, agency: str = "POLRI", role: str = "operator",
              region_code: str = "19.02", password: str = TEST_PASSWORD, **extra) -> User:
        counter["n"] += 1
        username = username or f"{agency.lower()}-{role}-{counter['n']}"
        with app.app_context(), Session(get_engine(app, write=True), expire_on_commit=False) as session:
            user = accounts.create_user(session, accounts.UserInput(
                username=username, name=extra.pop("name", username.replace("-", " ").title()), agency=agency,
                role=role, region_code=region_code, password=password, **extra), actor=None, now=FIXED_NOW)
            session.commit()
            return user

    return _make


# Sessions the test holds; ended before every request the test client makes (see SettledClient).
_test_sessions: list[Session] = []


class SettledClient(FlaskClient):
    """Commits the test's own ``db`` session before each request, as a real second process would see it:
    the test's pending changes become visible and its SQLite write lock or stale snapshot is released."""

    def open(self, *args, **kwargs):
        for session in _test_sessions:
            session.commit()
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = SettledClient
    return app.test_client()


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, username: str, password: str = TEST_PASSWORD):
        return self.client.post("/masuk", data={"login": username, "password": password})

    def logout(self):
        return self.client.post("/keluar")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


class HtmxClient:
    """The test client with htmx's request headers (a partial, not a boosted page load)."""

    def __init__(self, client):
        self.client = client

    def _headers(self, kw):
        headers = dict(kw.pop("headers", {}) or {})
        headers.setdefault("HX-Request", "true")
        headers.setdefault("HX-Request-Type", "partial")
        return headers

    def get(self, url, **kw):
        return self.client.get(url, headers=self._headers(kw), **kw)

    def post(self, url, **kw):
        return self.client.post(url, headers=self._headers(kw), **kw)


@pytest.fixture
def htmx(client) -> HtmxClient:
    return HtmxClient(client)


@pytest.fixture(scope="session")
def fresh_engine_factory():
    """Engines for throwaway databases (migration tests)."""
    engines = []

    def _make(url: str):
        engine = make_engine(url)
        engines.append(engine)
        return engine

    yield _make
    for engine in engines:
        engine.dispose()
