"""audit: no free text or reporter identity in stored entries; the table becomes append-only (triggers)

Revision ID: audit_0001_append_only
Revises: readiness_0002_turnout_types
Create Date: 2026-12-02 11:50:00
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.audit.models import DROP_DDL, append_only_ddl
from app.audit.services import minimise

revision: str = "audit_0001_append_only"
down_revision: str | Sequence[str] | None = "readiness_0002_turnout_types"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _load(value):
    return json.loads(value) if isinstance(value, str) else value


def _scrub(conn) -> None:
    """Entries written before this revision may hold an incident's text or a message to a reporter: keep lengths."""
    audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("before", sa.JSON),
                     sa.column("after", sa.JSON))
    for row in conn.execute(sa.select(audit.c.id, audit.c.before, audit.c.after)).all():
        before, after = _load(row.before), _load(row.after)
        clean_before = minimise(before) if isinstance(before, dict) else before
        clean_after = minimise(after) if isinstance(after, dict) else after
        if (clean_before, clean_after) != (before, after):
            conn.execute(audit.update().where(audit.c.id == row.id).values(before=clean_before, after=clean_after))


def upgrade() -> None:
    conn = op.get_bind()
    _scrub(conn)
    for statement in append_only_ddl(conn.dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_DDL.get(op.get_bind().dialect.name, []):
        op.execute(statement)
