"""escalation: rules, escalations and their recipients

Revision ID: escalation_0001_rules
Revises: duty_0001_roster
Create Date: 2026-12-06 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401  (autogenerate writes sqlmodel.sql.sqltypes.AutoString/UTCDateTime)
from alembic import op


revision: str = 'escalation_0001_rules'
down_revision: str | Sequence[str] | None = "duty_0001_roster"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('escalation_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sqlmodel.sql.sqltypes.AutoString(length=13), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('severities', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('condition', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_escalation_rule_region_code_region')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_escalation_rule_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_rule')),
    sa.UniqueConstraint('region_code', 'level', name='uq_escalation_rule_region_code_level')
    )
    with op.batch_alter_table('escalation_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_rule_region_code'), ['region_code'], unique=False)

    op.create_table('escalation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('condition', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('agency', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('fired_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('fallback', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['timeline_entry.id'], name=op.f('fk_escalation_entry_id_timeline_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation')),
    sa.UniqueConstraint('entry_id', 'level', name='uq_escalation_entry_id_level')
    )
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_escalation_fired_at'), ['fired_at'], unique=False)

    op.create_table('escalation_recipient',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('escalation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['escalation_id'], ['escalation.id'], name=op.f('fk_escalation_recipient_escalation_id_escalation')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_escalation_recipient_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_recipient')),
    sa.UniqueConstraint('escalation_id', 'user_id', name='uq_escalation_recipient_escalation_id_user_id')
    )
    with op.batch_alter_table('escalation_recipient', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_recipient_escalation_id'), ['escalation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_escalation_recipient_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('escalation_recipient', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_recipient_user_id'))
        batch_op.drop_index(batch_op.f('ix_escalation_recipient_escalation_id'))

    op.drop_table('escalation_recipient')
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_fired_at'))
        batch_op.drop_index(batch_op.f('ix_escalation_entry_id'))

    op.drop_table('escalation')
    with op.batch_alter_table('escalation_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_rule_region_code'))

    op.drop_table('escalation_rule')
