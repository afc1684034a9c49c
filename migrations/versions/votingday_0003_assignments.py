"""votingday: field officers posted to TPS (issue 15 point 1: the officer's own TPS first)

Revision ID: votingday_0003_assignments
Revises: votingday_0002_photo
Create Date: 2026-12-07 15:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "votingday_0003_assignments"
down_revision: str | Sequence[str] | None = "votingday_0002_photo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "votingday_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tps_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agency", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["user_account.id"],
            name=op.f("fk_votingday_assignment_assigned_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_votingday_assignment_region_code_region")
        ),
        sa.ForeignKeyConstraint(["tps_id"], ["tps.id"], name=op.f("fk_votingday_assignment_tps_id_tps")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_votingday_assignment_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votingday_assignment")),
        sa.UniqueConstraint("tps_id", "user_id", name="uq_votingday_assignment_tps_user"),
    )
    with op.batch_alter_table("votingday_assignment") as batch:
        batch.create_index(batch.f("ix_votingday_assignment_tps_id"), ["tps_id"], unique=False)
        batch.create_index(batch.f("ix_votingday_assignment_user_id"), ["user_id"], unique=False)
        batch.create_index(batch.f("ix_votingday_assignment_region_code"), ["region_code"], unique=False)


def downgrade() -> None:
    op.drop_table("votingday_assignment")
