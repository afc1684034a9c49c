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


def database_url(tmp_path_factory) -> tuple[str, Callable[[], None]]:
    """The session's database and its dropper: a SQLite file, or a PostgreSQL database of this session's own
    (tests/pgdb.py), so another run on the machine cannot drop its tables."""
    if os.environ.get("SINERGI_TEST_DB") == "postgresql":
        if not os.environ.get("TEST_DATABASE_URL"):
            pytest.exit("SINERGI_TEST_DB=postgresql needs TEST_DATABASE_URL", returncode=2)
        from tests.pgdb import fresh_database

        return fresh_database("suite")
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}", lambda: None


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


# The tests' push services (example domains) besides a real one, in the environment: services called outside an
# app context read it too. The local push service of tests/notifications/test_push.py is set per test.
os.environ.setdefault("SINERGI_PUSH_SERVICE_HOSTS", "fcm.googleapis.com,push.example.net,push.example.invalid")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    _compile_catalogs()
    url, drop = database_url(tmp_path_factory)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SECRET_KEY": "test-secret-key",
            "WTF_CSRF_ENABLED": False,  # CSRF tests switch it back on (see tests/security/test_security.py)
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashes; production uses scrypt
            "INSTANCE_DIR": str(tmp_path_factory.mktemp("instance")),
            "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
            "RATELIMIT_ENABLED": False,
            "DB_WRITE_GUARD": True,  # a GET that writes without @writes fails its test (app/db.py)
        }
    )
    app.extensions[HELD_SESSIONS] = []
    app.test_client_class = SettledClient
    import_models()
    engine = get_engine(app, write=True)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        load_regions(session, "19")
        session.commit()
    yield app
    app.extensions["sinergi.hub"].close()  # its LISTEN connection ends with the database, quietly
    for kind in (True, False):
        get_engine(app, write=kind).dispose()
    drop()


# Tables kept between tests: reference data loaded once per session.
KEEP = {"region"}


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Empty every table but the reference data after each test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    # Per-process caches keyed by row ids (the voting-day board's): emptied tables start their ids at 1 again.
    app.extensions.pop("votingday_boards", None)
    engine = get_engine(app, write=True)
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t.name not in KEEP]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            _empty_postgresql(conn, tables)
        else:
            # The audit log refuses DELETE (append-only triggers): lift them for the clean-up, then restore.
            from app.audit.models import DROP_DDL, append_only_ddl

            for statement in DROP_DDL["sqlite"]:
                conn.execute(text(statement))
            for table in tables:
                conn.execute(table.delete())
            for statement in append_only_ddl("sqlite"):
                conn.execute(text(statement))


# The id sequences of the emptied tables (serial and identity columns), set back to 1.
RESET_SEQUENCES = text(
    "SELECT setval(d.objid::regclass, 1, false) FROM pg_depend d"
    " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
    " JOIN pg_class t ON t.oid = d.refobjid"
    " WHERE d.deptype IN ('a', 'i') AND t.relname = ANY(:names)"
)


def _empty_postgresql(conn, tables) -> None:
    """TRUNCATE of the ~70 tables after every test replaced their files on disk and took ≈0.4 s a test (minutes a
    run); deleting the few rows a test leaves takes milliseconds. Triggers are off meanwhile (the audit log's
    append-only trigger, foreign-key checks: every table is emptied anyway) and the ids start at 1 again, as
    after TRUNCATE … RESTART IDENTITY. Without superuser rights (needed to turn triggers off): TRUNCATE."""
    superuser = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    if not superuser:
        names = ", ".join(f'"{t.name}"' for t in tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    conn.execute(text("SET LOCAL session_replication_role = replica"))
    conn.execute(text("SET LOCAL synchronous_commit = off"))
    for table in tables:
        conn.execute(table.delete())
    conn.execute(RESET_SEQUENCES, {"names": [t.name for t in tables]})


@pytest.fixture
def db(app):
    """A session for service-level tests (commits are the test's choice).

    No app context is held open: a request made while one is pushed would share its ``g`` (and Flask-Login's
    cached user) with the test, which never happens in production.
    """
    held = app.extensions[HELD_SESSIONS]
    with Session(get_engine(app, write=True), expire_on_commit=False) as session:
        held.append(session)
        yield session
        held.remove(session)


@pytest.fixture
def now() -> datetime:
    return FIXED_NOW


@pytest.fixture
def make_user(app) -> Callable[..., User]:
    """Create a committed user: ``make_user("polri-operator2", agency="POLRI", role="operator")``."""
    counter = {"n": 0}

    def _make(
        username: str | None = None,
        *,
        agency: str = "POLRI",
        role: str = "operator",
        region_code: str = "19.02",
        password: str = TEST_PASSWORD,
        **extra,
    ) -> User:
        counter["n"] += 1
        username = username or f"{agency.lower()}-{role}-{counter['n']}"
        with app.app_context(), Session(get_engine(app, write=True), expire_on_commit=False) as session:
            user = accounts.create_user(
                session,
                accounts.UserInput(
                    username=username,
                    name=extra.pop("name", username.replace("-", " ").title()),
                    agency=agency,
                    role=role,
                    region_code=region_code,
                    password=password,
                    **extra,
                ),
                actor=None,
                now=FIXED_NOW,
            )
            session.commit()
            return user

    return _make


# The ``db`` sessions a test holds, kept on the test app (not in a module global): every client of that app
# (``client`` and any ``app.test_client()`` a test makes) must settle them before a request, and the app is the
# one object both reach. Each test's sessions leave the list when its ``db`` fixture ends.
HELD_SESSIONS = "tests.held_sessions"


class SettledClient(FlaskClient):
    """Commits the test's own ``db`` session before each request, as a real second process would see it:
    the test's pending changes become visible and its SQLite write lock or stale snapshot is released."""

    def open(self, *args, **kwargs):
        for session in self.application.extensions.get(HELD_SESSIONS, ()):
            session.commit()
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
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
