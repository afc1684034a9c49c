"""The audit log is append-only for everyone, admins included: no route edits or deletes it, and the database
itself refuses UPDATE and DELETE (triggers on SQLite and PostgreSQL, in migrated and model-built schemas)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.audit.services import record
from app.db import get_engine, make_engine


@pytest.fixture
def entry_id(app, db, now):
    entry = record(
        db, actor=None, action="user.create", object_type="user", object_id=1, now=now, after={"username": "x"}
    )
    db.commit()
    return entry.id


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET action = 'forged' WHERE id = :id",
        "UPDATE audit_log SET after = NULL WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
        "DELETE FROM audit_log",
    ],
)
def test_the_database_refuses_to_change_or_delete_audit_rows(app, entry_id, statement):
    engine = get_engine(app, write=True)
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement), {"id": entry_id})
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT action FROM audit_log WHERE id = :id"), {"id": entry_id}).scalar()
            == "user.create"
        )


def test_the_orm_cannot_delete_an_entry_either(app, db, entry_id):
    from app.audit.models import AuditLog

    db.delete(db.get(AuditLog, entry_id))
    with pytest.raises(DatabaseError, match="append-only"):
        db.commit()
    db.rollback()


def test_no_route_edits_or_deletes_the_audit_log(app):
    writers = [
        (rule.rule, sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("audit.") and rule.methods - {"GET", "HEAD", "OPTIONS"}
    ]
    assert writers == []


def test_migrations_install_the_triggers(empty_database_url):
    """`db upgrade` (not only the model-built test schema) makes the table append-only, on either engine."""
    from app.migrate import upgrade

    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, action, object_type, object_id) "
                    "VALUES ('2024-11-27 07:30:00+00', 'user.create', 'user', '1')"
                )
            )
        for statement in ("UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"):
            with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()
