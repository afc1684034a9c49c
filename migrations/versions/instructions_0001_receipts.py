"""instructions: instructions and read receipts

Revision ID: instructions_0001_receipts
Revises: escalation_0001_rules
Create Date: 2026-12-06 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString/UTCDateTime)
from alembic import op


revision: str = 'instructions_0001_receipts'
down_revision: str | Sequence[str] | None = "escalation_0001_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('instruction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('author_agency', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('region_code', sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('target_agencies', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('target_roles', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('remind_after_minutes', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('timeline_entry_id', sa.Integer(), nullable=True),
    sa.Column('recipient_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_instruction_author_id_user_account')),
    sa.ForeignKeyConstraint(['incident_id'], ['timeline_entry.id'], name=op.f('fk_instruction_incident_id_timeline_entry')),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_instruction_region_code_region')),
    sa.ForeignKeyConstraint(['timeline_entry_id'], ['timeline_entry.id'], name=op.f('fk_instruction_timeline_entry_id_timeline_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instruction'))
    )
    with op.batch_alter_table('instruction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instruction_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_instruction_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_instruction_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_instruction_region_code'), ['region_code'], unique=False)

    op.create_table('instruction_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instruction_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('read_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('reminded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['instruction_id'], ['instruction.id'], name=op.f('fk_instruction_receipt_instruction_id_instruction')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_instruction_receipt_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instruction_receipt')),
    sa.UniqueConstraint('instruction_id', 'user_id', name='uq_instruction_receipt_instruction_id_user_id')
    )
    with op.batch_alter_table('instruction_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instruction_receipt_instruction_id'), ['instruction_id'], unique=False)
        batch_op.create_index('ix_instruction_receipt_user_id_read_at', ['user_id', 'read_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('instruction_receipt', schema=None) as batch_op:
        batch_op.drop_index('ix_instruction_receipt_user_id_read_at')
        batch_op.drop_index(batch_op.f('ix_instruction_receipt_instruction_id'))

    op.drop_table('instruction_receipt')
    with op.batch_alter_table('instruction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instruction_region_code'))
        batch_op.drop_index(batch_op.f('ix_instruction_incident_id'))
        batch_op.drop_index(batch_op.f('ix_instruction_created_at'))
        batch_op.drop_index(batch_op.f('ix_instruction_author_id'))

    op.drop_table('instruction')
