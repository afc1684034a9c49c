"""A situation report of one desk (kabupaten/kota) for one period.

A draft holds the generated sections (JSON) and the desk head's narrative; signing freezes it (status
``signed``, SHA-256 of the content, verification code). A correction after signing is a new report with
``version`` n+1 that ``supersedes_id`` the signed one. ``schedule_key`` (``"<region>:<local date>"``) is set
on the draft the schedule makes, unique, so two processes never make the same day's draft twice.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

DRAFT = "draft"
SIGNED = "signed"


class SitrepReport(SQLModel, table=True):
    __tablename__ = "sitrep_report"

    id: int | None = Field(default=None, primary_key=True)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    period_start: datetime = Field(index=True)
    period_end: datetime
    status: str = Field(default=DRAFT, max_length=8)
    version: int = Field(default=1)
    supersedes_id: int | None = Field(default=None, foreign_key="sitrep_report.id")
    number: str = Field(default="", max_length=80)
    sections: str = Field(default="{}", sa_type=sa.Text)  # JSON, frozen at signing
    situasi_umum: str = Field(default="", sa_type=sa.Text)
    kebutuhan: str = Field(default="", sa_type=sa.Text)
    rekomendasi: str = Field(default="", sa_type=sa.Text)
    scheduled: bool = Field(default=False)
    schedule_key: str | None = Field(default=None, max_length=40, unique=True)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime
    updated_at: datetime
    signed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    signed_name: str = Field(default="", max_length=120)
    signed_position: str = Field(default="", max_length=120)
    signed_rank: str = Field(default="", max_length=60)
    signed_at: datetime | None = None
    sha256: str = Field(default="", max_length=64)
    code: str | None = Field(default=None, max_length=16, unique=True)

    @property
    def is_signed(self) -> bool:
        return self.status == SIGNED
