"""One way for a test to get a PostgreSQL database of its own, next to ``$TEST_DATABASE_URL``'s.

Every pytest session works in databases it created (``<base>_<name>_<pid>``), never in the base database itself:
two runs on one machine (CI and a developer's, or the two halves of ``make test``) cannot drop each other's tables.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit


def fresh_database(name: str) -> tuple[str, Callable[[], None]]:
    """A new empty database ``<base>_<name>_<pid>`` (dropped first if a crashed run left it) and its dropper."""
    import psycopg

    parts = urlsplit(os.environ["TEST_DATABASE_URL"])
    db_name = f"{parts.path.lstrip('/') or 'test'}_{name}_{os.getpid()}"
    admin = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db_name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{db_name}")), drop
