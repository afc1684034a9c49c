"""A check-in: one step of one TPS on voting day, recorded once (unique per TPS and step).

``occurred_at`` is the time of the event as the phone recorded it (kept when the offline outbox sends it later);
``recorded_at`` is when it reached the server. ``region_code`` is the TPS's village, kept beside the TPS for
the scope filter (a code prefix) without a join. Times in UTC, shown in the TPS's zone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.auth.models import Agency
from app.enums import EnumColumns, enum_field
from app.votingday.vocab import Step


class Checkin(EnumColumns, SQLModel, table=True):
    __tablename__ = "votingday_checkin"
    __table_args__ = (
        UniqueConstraint("tps_id", "step", name="uq_votingday_checkin_tps_step"),
        Index(
            "ix_votingday_checkin_region_code",
            "region_code",
            postgresql_ops={"region_code": "varchar_pattern_ops"},
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tps_id: int = Field(foreign_key="tps.id")
    step: Step = enum_field(Step, 24)
    region_code: str = Field(foreign_key="region.code", max_length=13)
    occurred_at: datetime
    recorded_at: datetime
    user_id: int = Field(foreign_key="user_account.id", index=True)
    agency: Agency = enum_field(Agency, 16)
    note: str = Field(default="", max_length=500)
    # The re-encoded photo (app.uploads.store_photo: EXIF stripped) in UPLOAD_DIR, or "" (the photo is optional).
    photo_name: str = Field(default="", max_length=64)


class TpsAssignment(EnumColumns, SQLModel, table=True):
    """A field officer posted to a TPS for voting day by their agency's operator or head: the check-in form
    offers the officer's own TPS first (issue 15 point 1). ``agency`` and ``region_code`` (the TPS's village)
    are kept for the agency's list and the scope filter without joins."""

    __tablename__ = "votingday_assignment"
    __table_args__ = (UniqueConstraint("tps_id", "user_id", name="uq_votingday_assignment_tps_user"),)

    id: int | None = Field(default=None, primary_key=True)
    tps_id: int = Field(foreign_key="tps.id", index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    agency: Agency = enum_field(Agency, 16)
    region_code: str = Field(foreign_key="region.code", max_length=13, index=True)
    assigned_by_id: int = Field(foreign_key="user_account.id")
    assigned_at: datetime
