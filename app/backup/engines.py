"""Copy a database out and back in: SQLite with its online backup API, PostgreSQL with pg_dump/pg_restore."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import func, inspect, select, table
from sqlalchemy.engine import make_url

from app.db import make_engine


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message says why, for the operator."""


def engine_name(url: str) -> str:
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"unsupported database: {backend}")
    return backend


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database)


def _pg_env(url: str) -> dict[str, str]:
    """libpq settings from the URL, passed in the environment so the password never shows in ``ps``."""
    parsed = make_url(url)
    env = {**os.environ, "PGDATABASE": parsed.database or ""}
    for key, value in (
        ("PGHOST", parsed.host),
        ("PGPORT", parsed.port),
        ("PGUSER", parsed.username),
        ("PGPASSWORD", parsed.password),
        ("PGSSLMODE", parsed.query.get("sslmode")),
    ):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)  # noqa: S603 (no shell)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} not found: install postgresql-client (the server's major version)") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def dump(url: str, directory: Path) -> str:
    """Write the database into ``directory``; returns the file name."""
    if engine_name(url) == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        target = sqlite3.connect(directory / "sinergi.db")
        try:
            source.backup(target)  # a consistent copy while the app keeps writing (WAL)
        finally:
            target.close()
            source.close()
        return "sinergi.db"
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={directory / 'sinergi.dump'}"],
        _pg_env(url),
    )
    return "sinergi.dump"


def table_counts(url: str) -> dict[str, int]:
    """Rows per table (the manifest records them; the restore checks them)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            return {name: conn.execute(select(func.count()).select_from(table(name))).scalar_one() for name in names}
    finally:
        engine.dispose()


def is_empty(url: str) -> bool:
    """No table at all (a new database, before ``flask db upgrade``)."""
    if engine_name(url) == "sqlite" and not _sqlite_path(url).exists():
        return True
    return not table_counts(url)


def load(url: str, dump_file: Path, *, replace: bool) -> None:
    """Put the dumped database in place of the (empty, or with ``replace`` any) database at ``url``."""
    if engine_name(url) == "sqlite":
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(dump_file)
        target = sqlite3.connect(path, timeout=30)
        try:
            source.backup(target)  # replaces every page of the target, WAL included
        finally:
            target.close()
            source.close()
        return
    env = _pg_env(url)
    if replace:
        _run(
            [
                "psql",
                "--quiet",
                "--no-psqlrc",
                "--set=ON_ERROR_STOP=1",
                "--command",
                "DROP SCHEMA public CASCADE; CREATE SCHEMA public;",
            ],
            env,
        )
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={env['PGDATABASE']}",
            str(dump_file),
        ],
        env,
    )
