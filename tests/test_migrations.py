"""`upgrade head` on an empty database gives exactly the models (no autogenerate diff), on both engines."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from app import import_models
from app.db import make_engine
from app.migrate import alembic_config, upgrade
from tests.pgdb import fresh_database


@pytest.fixture
def empty_database_url(tmp_path):
    if os.environ.get("SINERGI_TEST_DB") != "postgresql":
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    url, drop = fresh_database("migrate")
    yield url
    drop()


def test_single_head():
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1, f"several migration heads, merge them: {heads}"


def test_upgrade_head_matches_the_models(empty_database_url):
    import_models()
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"
