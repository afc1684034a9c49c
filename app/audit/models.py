"""The audit trail every feature writes to: append-only for everyone, admins included.

The database itself refuses UPDATE and DELETE on ``audit_log`` (a trigger on PostgreSQL and on SQLite), so no
route, script or compromised account can rewrite history through the application's connection. The triggers are
created by the migration ``audit_0001_append_only`` and, for schemas built from the models
(``SQLModel.metadata.create_all``, as the tests do), by the DDL events below. A SQLite batch migration that
rebuilds ``audit_log`` drops its triggers: such a migration must call ``create_append_only_triggers`` again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DDL, JSON, Column, event
from sqlmodel import Field, SQLModel

REFUSAL = "audit_log is append-only"

POSTGRESQL_DDL = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$",
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]
SQLITE_DDL = [
    f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
]
DROP_DDL = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
        "DROP FUNCTION IF EXISTS audit_log_append_only()",
    ],
    "sqlite": ["DROP TRIGGER IF EXISTS audit_log_no_update", "DROP TRIGGER IF EXISTS audit_log_no_delete"],
}


def append_only_ddl(dialect: str) -> list[str]:
    return {"postgresql": POSTGRESQL_DDL, "sqlite": SQLITE_DDL}.get(dialect, [])


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    action: str = Field(max_length=64, index=True)  # e.g. "user.create", "complaint.identity_view"
    object_type: str = Field(max_length=64, index=True)
    object_id: str = Field(max_length=64, index=True)
    # Region of the object, so an auditor sees only the trail of their own scope.
    region_code: str | None = Field(default=None, max_length=13, index=True)
    # Never free text or a reporter's identity: app.audit.services.minimise keeps lengths instead.
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


for _dialect in ("postgresql", "sqlite"):
    for _statement in append_only_ddl(_dialect):
        event.listen(AuditLog.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect))
