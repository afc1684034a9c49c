"""votingday: check-ins of TPS steps on voting day

Revision ID: votingday_0001_checkins
Revises: duplicates_0001_links
Create Date: 2026-12-07 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "votingday_0001_checkins"
down_revision: str | Sequence[str] | None = "duplicates_0001_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "votingday_checkin",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.Integer(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column("occurred_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agency", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_votingday_checkin_region_code_region")),
        sa.ForeignKeyConstraint(["tps_id"], ["tps.id"], name=op.f("fk_votingday_checkin_tps_id_tps")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_votingday_checkin_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votingday_checkin")),
        sa.UniqueConstraint("tps_id", "step", name="uq_votingday_checkin_tps_step"),
    )
    with op.batch_alter_table("votingday_checkin", schema=None) as batch_op:
        batch_op.create_index(
            "ix_votingday_checkin_region_code",
            ["region_code"],
            unique=False,
            postgresql_ops={"region_code": "varchar_pattern_ops"},
        )
        batch_op.create_index(batch_op.f("ix_votingday_checkin_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("votingday_checkin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_votingday_checkin_user_id"))
        batch_op.drop_index("ix_votingday_checkin_region_code")

    op.drop_table("votingday_checkin")
