"""scale: indexes that national-size data needs (bench/query_plans.py, docs/PERFORMANCE.md)

Scope is a region-code prefix (``region_code LIKE '19.02.%'``). Under a non-C collation (C.UTF-8, en_US.UTF-8)
PostgreSQL can use a btree index for that only with the pattern operator class, so the scope columns of the big
tables get ``varchar_pattern_ops`` (it serves ``=`` and ``IN`` too, so it replaces the plain index of the same
name). Without it a kabupaten user's timeline page on national data scanned 457,000 rows (6.2 s); with it,
1,400 (12 ms). SQLite keeps its plain indexes unchanged (the names are the same).

Revision ID: scale_0001_indexes
Revises: complaints_0003_evidence_kuasa
Create Date: 2026-12-06 22:30:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = "scale_0001_indexes"
down_revision: str | Sequence[str] | None = "complaints_0003_evidence_kuasa"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (index, table, column): the same name as the plain index each replaces on PostgreSQL.
PREFIX_INDEXES = [
    ("ix_timeline_entry_region_code", "timeline_entry", "region_code"),
    ("ix_tps_village_code", "tps", "village_code"),
    ("ix_complaint_region_code", "complaint", "region_code"),
]


def upgrade() -> None:
    # The incident summary of one day read every row of that day (646,000 on national data) and kept the
    # incidents; with (kind, occurred_at) it reads the day's incidents, a small kabupaten's in 0.6 ms (was 79).
    op.create_index("ix_timeline_entry_kind_occurred_at", "timeline_entry", ["kind", "occurred_at"], unique=False)
    # A province's readiness overview reads its village summaries by code prefix (the primary key cannot serve
    # LIKE under a non-C collation); on SQLite the same index is plain.
    op.create_index(
        "ix_readiness_village_summary_village_code_prefix",
        "readiness_village_summary",
        ["village_code"],
        unique=False,
        postgresql_ops={"village_code": "varchar_pattern_ops"},
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, column in PREFIX_INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column], unique=False, postgresql_ops={column: "varchar_pattern_ops"})


def downgrade() -> None:
    op.drop_index("ix_timeline_entry_kind_occurred_at", table_name="timeline_entry")
    op.drop_index("ix_readiness_village_summary_village_code_prefix", table_name="readiness_village_summary")
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table, column in PREFIX_INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column], unique=False)
