"""Who may run what: a PostgreSQL advisory lock per exclusive job and round, a lock file per machine on SQLite.

PostgreSQL: ``pg_try_advisory_xact_lock`` is held by the job's transaction and released by its commit or
rollback, also when the process dies (the connection closes), so a crashed leader never blocks the next round.

SQLite: the database is one file on one machine; the first process to lock ``<instance>/jobs.lock`` (``flock``)
runs every job and the others stand by, trying again each round, so when the leader stops another process
takes over within one round. The kernel drops the lock when its process exits, however it exits.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a job name (``hash()`` differs between processes)."""
    return int.from_bytes(hashlib.blake2b(f"sinergi.job:{name}".encode(), digest_size=8).digest(), "big", signed=True)


def lead_round(session: Session, name: str) -> bool:
    """True when this transaction may run job ``name`` now (always on SQLite: see ``ProcessLeader``)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.exec(text("SELECT pg_try_advisory_xact_lock(:key)").bindparams(key=lock_key(name))).one()[0])


class ProcessLeader:
    """The lock file that makes one process per machine the job runner on SQLite (a no-op on PostgreSQL)."""

    def __init__(self, database_url: str, instance_dir: str) -> None:
        self.needed = database_url.startswith("sqlite")
        self.path = Path(instance_dir) / "jobs.lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Try (without waiting) to become the leader; True when this process is it."""
        if not self.needed or self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
