"""timeline: duplicate incident links

Revision ID: duplicates_0001_links
Revises: instructions_0001_receipts
Create Date: 2026-12-06 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString/UTCDateTime)
from alembic import op


revision: str = 'duplicates_0001_links'
down_revision: str | Sequence[str] | None = "instructions_0001_receipts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('incident_duplicate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=False),
    sa.Column('linked_by_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['timeline_entry.id'], name=op.f('fk_incident_duplicate_duplicate_of_id_timeline_entry')),
    sa.ForeignKeyConstraint(['entry_id'], ['timeline_entry.id'], name=op.f('fk_incident_duplicate_entry_id_timeline_entry')),
    sa.ForeignKeyConstraint(['linked_by_id'], ['user_account.id'], name=op.f('fk_incident_duplicate_linked_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_duplicate')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_incident_duplicate_entry_id'))
    )
    with op.batch_alter_table('incident_duplicate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_duplicate_duplicate_of_id'), ['duplicate_of_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incident_duplicate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_duplicate_duplicate_of_id'))

    op.drop_table('incident_duplicate')
