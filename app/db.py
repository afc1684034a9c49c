"""Database spine: one engine per app, one session per request, SQLite made safe for concurrent writers.

SQLite (the embedded default) runs in WAL mode. Write transactions start with ``BEGIN IMMEDIATE`` so two
read-then-write transactions cannot deadlock on a lock upgrade, and a process-wide lock serialises write
transactions so that under gevent no greenlet sleeps inside SQLite's C busy handler (which would stall the
whole event loop; technical.md §1 and §4). PostgreSQL needs none of this.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from flask import Flask, current_app, g, request
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

# Constraint names must be stable so Alembic can alter and drop them on both engines.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

# Reentrant so that a nested write on the same thread/greenlet fails loudly in SQLite (busy timeout)
# instead of hanging forever on our own lock. gevent's monkey patching turns it into a cooperative lock.
_sqlite_write_lock = threading.RLock()
_WRITE_OPTION = "sinergi_write"


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_con, _record):
        dbapi_con.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _begin)
        cur = dbapi_con.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=5000"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        if conn.get_execution_options().get(_WRITE_OPTION):
            _sqlite_write_lock.acquire()
            conn.info["holds_write_lock"] = True
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except Exception:
                _release(conn)
                raise
        else:
            conn.exec_driver_sql("BEGIN")

    def _release(conn, *_args):
        if conn.info.pop("holds_write_lock", False):
            _sqlite_write_lock.release()

    # Released just before COMMIT/ROLLBACK is sent: under gevent nothing can run in between, and with
    # threads another writer waits a few milliseconds in SQLite's busy handler, which releases the GIL.
    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)


def make_engine(url: str) -> Engine:
    """Create the engine for a database URL with the settings each backend needs."""
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"timeout": 5, "check_same_thread": False}}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs["poolclass"] = StaticPool
        engine = create_engine(url, **kwargs)
        _install_sqlite_hooks(engine)
        return engine
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["sinergi.engine"] = engine
    app.extensions["sinergi.write_engine"] = engine.execution_options(**{_WRITE_OPTION: True})
    # Per request, not per app context: an app context may outlive several requests (tests, CLI).
    app.teardown_request(_close_session)
    app.teardown_appcontext(_close_session)
    # First of all before_request hooks: the login (user loader) opens the request's session before the view runs,
    # so a GET view marked ``@writes`` must be known before that.
    app.before_request_funcs.setdefault(None, []).insert(0, _mark_writing_view)


def get_engine(app: Flask | None = None, *, write: bool = False) -> Engine:
    app = app or current_app
    return app.extensions["sinergi.write_engine" if write else "sinergi.engine"]


def _request_writes() -> bool:
    return request.method not in ("GET", "HEAD", "OPTIONS") or getattr(g, "db_writes", False)


def get_session() -> Session:
    """The request's session. State-changing requests get a write transaction (BEGIN IMMEDIATE on SQLite).

    Services flush; the route commits once.
    """
    if "db_session" not in g:
        write = _request_writes()
        g.db_session = Session(get_engine(write=write), expire_on_commit=False, info={"read_only_request": not write})
    return g.db_session


class WriteInReadRequest(RuntimeError):
    """A GET request's session wrote without ``@writes`` (raised only under ``DB_WRITE_GUARD``, the test suite's)."""


@event.listens_for(Session, "before_flush")
def _guard_flush(session: Session, _context, _instances) -> None:
    if session.info.get("read_only_request") and (session.new or session.deleted or session.dirty):
        _refuse_write("flush")


@event.listens_for(Session, "do_orm_execute")
def _guard_execute(state) -> None:
    if state.session.info.get("read_only_request") and (state.is_insert or state.is_update or state.is_delete):
        _refuse_write(str(state.statement).split(" ", 1)[0])


def _refuse_write(what: str) -> None:
    if current_app.config.get("DB_WRITE_GUARD"):
        raise WriteInReadRequest(f"{what} in the read-only session of {request.method} {request.path}: mark it @writes")


def writes(view: Callable) -> Callable:
    """Mark a GET view that writes (e.g. audits a view) so its session starts a write transaction.

    The mark is read before the request's first hook (``_mark_writing_view``; ``functools.wraps`` carries it
    through the outer decorators): by the time the view runs, the login has opened the session. A write in a
    read transaction on SQLite takes the database's write lock without the process's, and under gevent the other
    writer then waits in SQLite's C busy handler with the whole event loop stopped, until "database is locked"."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.db_writes = True
        return view(*args, **kwargs)

    wrapper.sinergi_writes = True  # type: ignore[attr-defined]
    return wrapper


def _mark_writing_view() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "sinergi_writes", False):
        g.db_writes = True


def _close_session(_exc: BaseException | None) -> None:
    g.pop("db_writes", None)
    session = g.pop("db_session", None)
    if session is not None:
        session.close()  # rolls back anything the route did not commit


@contextmanager
def session_scope(app: Flask | None = None, *, write: bool = True) -> Iterator[Session]:
    """A session outside a request (CLI, background jobs): commits on success, rolls back on error."""
    session = Session(get_engine(app, write=write), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
