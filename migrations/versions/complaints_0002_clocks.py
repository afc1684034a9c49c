"""complaints clocks: public_holiday table (imported calendars), gakkumdu_case.file_received_at

Revision ID: complaints_0002_clocks
Revises: pwa_0001
Create Date: 2026-12-02 11:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "complaints_0002_clocks"
down_revision: str | Sequence[str] | None = "pwa_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "public_holiday",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_holiday")),
    )
    with op.batch_alter_table("public_holiday", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_holiday_day"), ["day"], unique=True)
    with op.batch_alter_table("gakkumdu_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("file_received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("gakkumdu_case", schema=None) as batch_op:
        batch_op.drop_column("file_received_at")
    with op.batch_alter_table("public_holiday", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_holiday_day"))
    op.drop_table("public_holiday")
