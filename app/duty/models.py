"""Shifts of an agency's duty roster (piket) and the hand-over notes written at shift change.

A shift belongs to an agency and a region (the desk it serves: a Polres for the kabupaten, a Polsek for a
kecamatan). The person on duty is usually an account (so escalations reach them by push); a person without an
account is written by name, reachable by phone. Times are stored in UTC and shown in the region's zone.

A hand-over keeps what the outgoing officer saw when writing it: the ids of the agency's open incidents and of the
instructions still unread (``incident_ids``/``instruction_ids``, JSON lists). The page shows each again by its own
viewing rule, so a note never shows a reader an incident they may not see.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from app.auth.models import Agency
from app.enums import EnumColumns, enum_field


class DutyShift(EnumColumns, SQLModel, table=True):
    __tablename__ = "duty_shift"
    __table_args__ = (Index("ix_duty_shift_agency_starts_at", "agency", "starts_at"),)

    id: int | None = Field(default=None, primary_key=True)
    agency: Agency = enum_field(Agency, 16)
    region_code: str = Field(foreign_key="region.code", max_length=13, index=True)
    starts_at: datetime = Field(index=True)
    ends_at: datetime = Field(index=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    name: str = Field(max_length=120)  # the account's name when there is one (kept if the account changes)
    phone: str | None = Field(default=None, max_length=20)  # E.164
    post: str = Field(default="", max_length=120)  # where: "Posko Polres", "Ruang Desk Pilkada"
    created_by_id: int = Field(foreign_key="user_account.id")
    created_at: datetime
    updated_at: datetime


class DutyHandover(EnumColumns, SQLModel, table=True):
    __tablename__ = "duty_handover"
    __table_args__ = (Index("ix_duty_handover_agency_created_at", "agency", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    agency: Agency = enum_field(Agency, 16)
    region_code: str = Field(foreign_key="region.code", max_length=13, index=True)
    author_id: int = Field(foreign_key="user_account.id", index=True)
    from_shift_id: int | None = Field(default=None, foreign_key="duty_shift.id")
    to_shift_id: int | None = Field(default=None, foreign_key="duty_shift.id")
    created_at: datetime
    note: str = Field(default="", max_length=2000)
    incident_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    instruction_ids: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
