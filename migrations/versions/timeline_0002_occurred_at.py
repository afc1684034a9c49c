"""timeline: the event's own time (occurred_at), kept through the offline outbox

Revision ID: timeline_0002_occurred_at
Revises: notifications_0001_object_ref
Create Date: 2026-12-02 11:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.UTCDateTime)
from alembic import op

revision: str = "timeline_0002_occurred_at"
down_revision: str | Sequence[str] | None = "notifications_0001_object_ref"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("timeline_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("occurred_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("occurred_at_clamped", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    # Existing entries were all sent at once: their event time is the time they were received.
    op.execute("UPDATE timeline_entry SET occurred_at = created_at")
    with op.batch_alter_table("timeline_entry", schema=None) as batch_op:
        batch_op.alter_column("occurred_at", existing_type=sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False)
        batch_op.alter_column("occurred_at_clamped", existing_type=sa.Boolean(), server_default=None)
        batch_op.create_index(batch_op.f("ix_timeline_entry_occurred_at"), ["occurred_at"], unique=False)
        batch_op.create_index("ix_timeline_entry_parent_id_occurred_at_id", ["parent_id", "occurred_at", "id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("timeline_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_entry_parent_id_occurred_at_id")
        batch_op.drop_index(batch_op.f("ix_timeline_entry_occurred_at"))
        batch_op.drop_column("occurred_at_clamped")
        batch_op.drop_column("occurred_at")
