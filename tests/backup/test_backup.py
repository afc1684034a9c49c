"""`flask backup create` then `flask backup restore` into an empty instance gives back every row of every table
and every uploaded file, on the suite's database engine (SQLite, or PostgreSQL with SINERGI_TEST_DB)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from app import create_app
from app.db import get_engine, make_engine
from tests.pgdb import fresh_database

pytestmark = pytest.mark.slow


def _database(tmp_path: Path, name: str):
    """A new empty database: a SQLite file path, or a PostgreSQL database next to the suite's own."""
    if os.environ.get("SINERGI_TEST_DB") != "postgresql":
        return f"sqlite:///{tmp_path / f'{name}.db'}", lambda: None
    return fresh_database(name)


def _instance(tmp_path: Path, name: str):
    url, drop = _database(tmp_path, name)
    app = create_app(
        {
            "DATABASE_URL": url,
            "TESTING": True,
            "SECRET_KEY": "backup-test",
            "INSTANCE_DIR": str(tmp_path / name),
            "UPLOAD_DIR": str(tmp_path / name / "uploads"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )

    def close():
        get_engine(app).dispose()  # before the database is dropped: no connection left to be collected
        drop()

    return app, url, close


def _invoke(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)


def _rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (alembic_version included), in a stable order."""
    engine = make_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {
                name: sorted((tuple(r) for r in conn.execute(select(table))), key=repr)
                for name, table in sorted(meta.tables.items())
            }
    finally:
        engine.dispose()


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def source(tmp_path):
    """A migrated instance with two uploaded files."""
    app, url, drop = _instance(tmp_path, "source")
    assert _invoke(app, "db", "upgrade").exit_code == 0
    uploads = Path(app.config["UPLOAD_DIR"])
    (uploads / "ab").mkdir(parents=True, exist_ok=True)
    (uploads / "ab" / "foto-tps.jpg").write_bytes(os.urandom(5000))
    (uploads / "kop-surat.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(300))
    yield app, url
    drop()


@pytest.fixture
def seeded_source(source):
    """The source with the demo data (rows in most tables)."""
    assert _invoke(source[0], "demo", "seed").exit_code == 0
    return source


def test_restore_into_an_empty_instance_gives_back_every_row_and_file(seeded_source, tmp_path):
    source_app, source_url = seeded_source
    created = _invoke(source_app, "backup", "create", "--out", str(tmp_path / "out"))
    assert created.exit_code == 0, created.output
    archive = Path(created.output.splitlines()[0])
    assert archive.name.startswith("sinergi-backup-")
    assert archive.name.endswith(".tar.gz")
    checksum = archive.with_name(archive.name + ".sha256").read_text()
    assert checksum.endswith(f"  {archive.name}\n")  # `sha256sum -c` reads it

    target_app, target_url, drop = _instance(tmp_path, "target")
    try:
        restored = _invoke(target_app, "backup", "restore", str(archive))
        assert restored.exit_code == 0, restored.output
        before, after = _rows(source_url), _rows(target_url)
        assert sorted(after) == sorted(before)
        assert before["user_account"]
        assert before["alembic_version"]
        for name in before:
            assert after[name] == before[name], name
        assert _files(Path(target_app.config["UPLOAD_DIR"])) == _files(Path(source_app.config["UPLOAD_DIR"]))

        again = _invoke(target_app, "backup", "restore", str(archive))
        assert again.exit_code != 0
        assert "not empty" in again.output
        forced = _invoke(target_app, "backup", "restore", "--force", str(archive))
        assert forced.exit_code == 0, forced.output
        assert _rows(target_url) == before
    finally:
        drop()


def test_a_damaged_or_unchecked_archive_is_refused(source, tmp_path):
    source_app, _url = source
    archive = Path(_invoke(source_app, "backup", "create", "--out", str(tmp_path / "out")).output.splitlines()[0])
    target_app, target_url, drop = _instance(tmp_path, "target")
    try:
        data = bytearray(archive.read_bytes())
        data[len(data) // 2] ^= 0xFF
        archive.write_bytes(bytes(data))
        damaged = _invoke(target_app, "backup", "restore", str(archive))
        assert damaged.exit_code != 0
        assert "checksum" in damaged.output
        archive.with_name(archive.name + ".sha256").unlink()
        unchecked = _invoke(target_app, "backup", "restore", str(archive))
        assert unchecked.exit_code != 0
        assert ".sha256 is missing" in unchecked.output
        assert not _rows(target_url)  # nothing was loaded
    finally:
        drop()
