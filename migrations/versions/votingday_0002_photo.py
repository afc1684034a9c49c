"""votingday: an optional photo on a check-in (issue 15 point 1)

Revision ID: votingday_0002_photo
Revises: sitrep_0001_reports
Create Date: 2026-12-07 07:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "votingday_0002_photo"
down_revision: str | Sequence[str] | None = "sitrep_0001_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("votingday_checkin") as batch:
        batch.add_column(sa.Column("photo_name", sa.String(length=64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("votingday_checkin") as batch:
        batch.drop_column("photo_name")
