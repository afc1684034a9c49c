"""Readiness tables: logistics per TPS and item, delivery hand-offs, ballot transfers, police operations and
deployment, TPS-rawan indicators, AGHT entries, turnout and CSV import jobs. TPS themselves live in
``app.regions.models.TPS``."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, Column, DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def _ts(nullable: bool = True, index: bool = False):
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class LogisticsStock(SQLModel, table=True):
    """One logistics item at one TPS: needed, received and damaged quantities."""

    __tablename__ = "readiness_stock"
    __table_args__ = (UniqueConstraint("tps_id", "item", name="uq_readiness_stock_tps_item"),)

    id: int | None = Field(default=None, primary_key=True)
    tps_id: int = Field(foreign_key="tps.id", index=True)
    item: str = Field(max_length=32)
    needed: int = Field(default=0, ge=0)
    received: int = Field(default=0, ge=0)
    damaged_light: int = Field(default=0, ge=0)  # rusak ringan
    damaged_heavy: int = Field(default=0, ge=0)  # rusak berat: not usable
    updated_at: datetime | None = _ts()
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")


class Delivery(SQLModel, table=True):
    """Where the logistics of a TPS are on the chain gudang KPU kab → PPK → PPS → KPPS, with timestamps."""

    __tablename__ = "readiness_delivery"

    tps_id: int = Field(foreign_key="tps.id", primary_key=True)
    gudang_at: datetime | None = _ts()
    ppk_at: datetime | None = _ts()
    pps_at: datetime | None = _ts()
    kpps_at: datetime | None = _ts()
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")

    @property
    def stage(self) -> str | None:
        for key in ("kpps", "pps", "ppk", "gudang"):
            if getattr(self, f"{key}_at") is not None:
                return key
        return None


class BallotTransfer(SQLModel, table=True):
    """Berita acara of ballots moved from one TPS to another (kejadian khusus)."""

    __tablename__ = "readiness_transfer"

    id: int | None = Field(default=None, primary_key=True)
    from_tps_id: int = Field(foreign_key="tps.id", index=True)
    to_tps_id: int = Field(foreign_key="tps.id", index=True)
    quantity: int = Field(ge=1)
    # Which election's ballots moved (a governor ballot cannot stand in for a regent ballot); "" on rows saved
    # before the type was recorded ("not recorded": counted for every type in the turnout cap).
    election_type: str = Field(default="", max_length=20)
    reason: str = Field(max_length=500)
    witnesses: str = Field(default="", max_length=500)
    occurred_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class Operation(SQLModel, table=True):
    """A security operation (Operasi Mantap Praja Menumbing 2024) over a region."""

    __tablename__ = "readiness_operation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class StaffingPattern(SQLModel, table=True):
    """Pola pengamanan of an operation: ``personnel`` officers per ``tps`` TPS (and ``linmas``) per category."""

    __tablename__ = "readiness_pattern"
    __table_args__ = (UniqueConstraint("operation_id", "category", name="uq_readiness_pattern_op_cat"),)

    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="readiness_operation.id", index=True)
    category: str = Field(max_length=16)
    personnel: int = Field(ge=0)
    tps: int = Field(ge=1)
    linmas: int = Field(default=0, ge=0)


class TpsSecurity(SQLModel, table=True):
    """The security category an operation gives a TPS, and the personnel posted to it."""

    __tablename__ = "readiness_tps_security"
    __table_args__ = (UniqueConstraint("operation_id", "tps_id", name="uq_readiness_security_op_tps"),)

    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="readiness_operation.id", index=True)
    tps_id: int = Field(foreign_key="tps.id", index=True)
    category: str = Field(default="kurang_rawan", max_length=16)
    polri: float = Field(default=0)  # officers; a group posting spreads its officers over its TPS
    tni: float = Field(default=0)
    linmas: int = Field(default=0, ge=0)
    group_label: str = Field(default="", max_length=120)
    updated_at: datetime | None = _ts()
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")


class RawanIndicator(SQLModel, table=True):
    """One of Bawaslu's 25 TPS-rawan indicators at one TPS (yes/no with a note)."""

    __tablename__ = "readiness_rawan"
    __table_args__ = (UniqueConstraint("tps_id", "indicator", name="uq_readiness_rawan_tps_indicator"),)

    id: int | None = Field(default=None, primary_key=True)
    tps_id: int = Field(foreign_key="tps.id", index=True)
    indicator: int = Field(ge=1, le=25)
    present: bool = Field(default=False)
    note: str = Field(default="", max_length=300)
    updated_at: datetime | None = _ts()
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")


class AghtEntry(SQLModel, table=True):
    """Kejaksaan Posko Pemilu mapping: ancaman, gangguan, hambatan or tantangan in a region."""

    __tablename__ = "readiness_aght"

    id: int | None = Field(default=None, primary_key=True)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    kind: str = Field(max_length=16)
    description: str = Field(max_length=2000)
    place: str = Field(default="", max_length=200)
    level: str = Field(default="sedang", max_length=10)
    recommendation: str = Field(default="", max_length=1000)
    recommended_to: str = Field(default="", max_length=16)  # an Agency value
    visible_to: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class Turnout(SQLModel, table=True):
    """The headline turnout of a TPS, the KPU 2024 way: ``voted`` = pengguna hak pilih (DPT + DPTb + DPK) over
    ``eligible`` = pemilih (DPT + DPTb + DPK) of the first election type (the governor's in a Pilkada); the
    figures per election type are in ``TurnoutCount``."""

    __tablename__ = "readiness_turnout"

    tps_id: int = Field(foreign_key="tps.id", primary_key=True)
    voted: int = Field(default=0, ge=0)
    eligible: int = Field(default=0, ge=0)
    source: str = Field(default="entry", max_length=10)
    updated_at: datetime | None = _ts()
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")


class TurnoutCount(SQLModel, table=True):
    """One election type at one TPS as on the C.HASIL: pemilih (registered) and pengguna hak pilih (who voted)
    per voter list. A DPK voter is counted as pemilih only when voting, so ``voted_dpk`` is both."""

    __tablename__ = "readiness_turnout_count"
    __table_args__ = (UniqueConstraint("tps_id", "election_type", name="uq_readiness_turnout_count_tps_type"),)

    id: int | None = Field(default=None, primary_key=True)
    tps_id: int = Field(foreign_key="tps.id", index=True)
    election_type: str = Field(max_length=20)
    registered_dpt: int = Field(default=0, ge=0)
    registered_dptb: int = Field(default=0, ge=0)
    voted_dpt: int = Field(default=0, ge=0)
    voted_dptb: int = Field(default=0, ge=0)
    voted_dpk: int = Field(default=0, ge=0)
    updated_at: datetime | None = _ts()
    updated_by: int | None = Field(default=None, foreign_key="user_account.id")

    @property
    def voters(self) -> int:
        """Pengguna hak pilih: DPT + DPTb + DPK."""
        return self.voted_dpt + self.voted_dptb + self.voted_dpk

    @property
    def eligible(self) -> int:
        """Pemilih: DPT + DPTb + DPK (the KPU 2024 base)."""
        return self.registered_dpt + self.registered_dptb + self.voted_dpk


class ImportJob(SQLModel, table=True):
    """A TPS CSV import: validated rows waiting for confirmation, then applied chunk by chunk."""

    __tablename__ = "readiness_import"

    id: int | None = Field(default=None, primary_key=True)
    filename: str = Field(max_length=200)
    scope_code: str = Field(max_length=13)
    status: str = Field(default="preview", max_length=10)  # preview | running | done | rejected
    rows: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    errors: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    total: int = Field(default=0)
    processed: int = Field(default=0)
    created: int = Field(default=0)
    updated: int = Field(default=0)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    finished_at: datetime | None = _ts()


class VillageSummary(SQLModel, table=True):
    """Readiness figures of one village, recomputed by every readiness write touching it, so the overview of a
    province reads a few hundred rows instead of aggregating every TPS (bench/readiness_overview.py)."""

    __tablename__ = "readiness_village_summary"
    # A province's overview reads its villages by code prefix: the pattern operator class lets PostgreSQL use
    # an index for that (the primary key's cannot under a non-C collation; docs/PERFORMANCE.md).
    __table_args__ = (
        Index(
            "ix_readiness_village_summary_village_code_prefix",
            "village_code",
            postgresql_ops={"village_code": "varchar_pattern_ops"},
        ),
    )

    village_code: str = Field(foreign_key="region.code", primary_key=True, max_length=13)
    operation_id: int | None = Field(default=None, foreign_key="readiness_operation.id")
    tps: int = 0
    dpt: int = 0
    needed: int = 0
    ready: int = 0
    items: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    delivered: int = 0
    required: float = 0
    assigned: float = 0
    linmas: int = 0
    gap_tps: int = 0
    rawan_tps: int = 0
    voted: int = 0
    dpt_reported: int = 0
    reported: int = 0
    categories: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    transfers: int = 0
    transferred: int = 0
    updated_at: datetime | None = _ts()

    FIGURES: ClassVar[tuple[str, ...]] = (
        "tps",
        "dpt",
        "needed",
        "ready",
        "delivered",
        "required",
        "assigned",
        "linmas",
        "gap_tps",
        "rawan_tps",
        "voted",
        "dpt_reported",
        "reported",
    )

    def to_area(self, area_cls):
        area = area_cls(self.village_code, **{name: getattr(self, name) for name in self.FIGURES})
        area.items = {k: list(v) for k, v in (self.items or {}).items()}
        return area, {
            "categories": dict(self.categories or {}),
            "transfers": self.transfers,
            "transferred": self.transferred,
        }
