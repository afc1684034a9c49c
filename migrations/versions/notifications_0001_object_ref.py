"""notifications: what each notification is about, so it is shown only while its user may see that object

Revision ID: notifications_0001_object_ref
Revises: audit_0001_append_only
Create Date: 2026-12-02 11:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "notifications_0001_object_ref"
down_revision: str | Sequence[str] | None = "audit_0001_append_only"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("object_type", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("object_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    # Notifications already stored about incidents ("incident:<id>:…") now name their entry, so the list
    # re-checks them: one that reached someone who may not see the entry disappears from their list.
    note = sa.table("notification", sa.column("id", sa.Integer), sa.column("key", sa.String),
                    sa.column("object_type", sa.String), sa.column("object_id", sa.String))
    conn = op.get_bind()
    for row in conn.execute(sa.select(note.c.id, note.c.key).where(note.c.key.like("incident:%"))).all():
        ident = row.key.split(":")[1]
        if ident.isdigit():
            conn.execute(note.update().where(note.c.id == row.id).values(object_type="timeline_entry",
                                                                         object_id=ident))


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("object_id")
        batch_op.drop_column("object_type")
