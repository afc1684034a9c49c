"""complaints: named evidence items (Form A.1 item 5) and the kuasa a report is filed through

Revision ID: complaints_0003_evidence_kuasa
Revises: auth_0001_user_login
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "complaints_0003_evidence_kuasa"
down_revision: str | Sequence[str] | None = "auth_0001_user_login"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROXY_TEXT = (("proxy_name", 120), ("proxy_address", 300), ("proxy_phone", 20))


def upgrade() -> None:
    op.create_table(
        "complaint_evidence_item",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("medium", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaint.id"], name=op.f("fk_complaint_evidence_item_complaint_id_complaint")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_evidence_item")),
    )
    with op.batch_alter_table("complaint_evidence_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_evidence_item_complaint_id"), ["complaint_id"], unique=False)
    # Existing reports were filed by the reporter in person: no kuasa.
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("by_proxy", sa.Boolean(), nullable=False, server_default=sa.false()))
        for name, length in PROXY_TEXT:
            batch_op.add_column(
                sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=False, server_default="")
            )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.alter_column("by_proxy", existing_type=sa.Boolean(), server_default=None)
        for name, length in PROXY_TEXT:
            batch_op.alter_column(
                name, existing_type=sqlmodel.sql.sqltypes.AutoString(length=length), server_default=None
            )


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        for name, _length in reversed(PROXY_TEXT):
            batch_op.drop_column(name)
        batch_op.drop_column("by_proxy")
    with op.batch_alter_table("complaint_evidence_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_evidence_item_complaint_id"))
    op.drop_table("complaint_evidence_item")
