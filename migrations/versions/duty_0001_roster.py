"""duty: shifts and hand-over notes

Revision ID: duty_0001_roster
Revises: scale_0001_indexes
Create Date: 2026-12-06 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString/UTCDateTime)
from alembic import op


revision: str = 'duty_0001_roster'
down_revision: str | Sequence[str] | None = "scale_0001_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('duty_shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('region_code', sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
    sa.Column('starts_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('ends_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('post', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_duty_shift_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_duty_shift_region_code_region')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_duty_shift_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_shift'))
    )
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.create_index('ix_duty_shift_agency_starts_at', ['agency', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shift_ends_at'), ['ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shift_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shift_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shift_user_id'), ['user_id'], unique=False)

    op.create_table('duty_handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('region_code', sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('from_shift_id', sa.Integer(), nullable=True),
    sa.Column('to_shift_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('incident_ids', sa.JSON(), nullable=False),
    sa.Column('instruction_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_duty_handover_author_id_user_account')),
    sa.ForeignKeyConstraint(['from_shift_id'], ['duty_shift.id'], name=op.f('fk_duty_handover_from_shift_id_duty_shift')),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_duty_handover_region_code_region')),
    sa.ForeignKeyConstraint(['to_shift_id'], ['duty_shift.id'], name=op.f('fk_duty_handover_to_shift_id_duty_shift')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_handover'))
    )
    with op.batch_alter_table('duty_handover', schema=None) as batch_op:
        batch_op.create_index('ix_duty_handover_agency_created_at', ['agency', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_handover_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_handover_region_code'), ['region_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('duty_handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_handover_region_code'))
        batch_op.drop_index(batch_op.f('ix_duty_handover_author_id'))
        batch_op.drop_index('ix_duty_handover_agency_created_at')

    op.drop_table('duty_handover')
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_shift_user_id'))
        batch_op.drop_index(batch_op.f('ix_duty_shift_starts_at'))
        batch_op.drop_index(batch_op.f('ix_duty_shift_region_code'))
        batch_op.drop_index(batch_op.f('ix_duty_shift_ends_at'))
        batch_op.drop_index('ix_duty_shift_agency_starts_at')

    op.drop_table('duty_shift')
