"""complaints: the signed Form A.1/B.1 receipt (who, when) and the late-registration override reason

Revision ID: complaints_0002_a1_signature
Revises: complaints_0002_clocks
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "complaints_0002_a1_signature"
down_revision: str | Sequence[str] | None = "complaints_0002_clocks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("a1_signed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("a1_signed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("late_override_reason", sqlmodel.sql.sqltypes.AutoString(length=1000),
                                      nullable=False, server_default=""))
        batch_op.create_foreign_key(batch_op.f("fk_complaint_a1_signed_by_id_user_account"), "user_account",
                                    ["a1_signed_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_complaint_a1_signed_by_id_user_account"), type_="foreignkey")
        batch_op.drop_column("late_override_reason")
        batch_op.drop_column("a1_signed_by_id")
        batch_op.drop_column("a1_signed_at")
