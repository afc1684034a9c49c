"""Timeline entries (linimasa), incidents (kerawanan), photos and acknowledgements.

One table holds every entry: top-level posts and their follow-ups (``parent_id``). The integer id is the live
cursor. Incidents are entries of kind ``kerawanan`` with a category, severity, handling agency and status.
Time: ``occurred_at`` is when it happened on the phone (kept through the offline outbox, see
``app.timeline.services.event_time``), ``created_at`` when it reached the server. Lists are shown in event order;
the live cursor stays the id (arrival order), so an entry that arrives late is never missed by a catch-up.
Visibility: ``visible_agencies`` is empty for "all agencies in scope", else ``",POLRI,KPU,"`` (the author's
agency always included); ``region_code`` is the place (village, kecamatan) or the author's region.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.auth.models import Agency
from app.enums import EnumColumns, enum_field
from app.timeline.vocab import Kind, Severity, Status


def _received_time(context) -> datetime:
    return context.get_current_parameters()["created_at"]


class Entry(EnumColumns, SQLModel, table=True):
    __tablename__ = "timeline_entry"
    __table_args__ = (
        Index("ix_timeline_entry_parent_id_id", "parent_id", "id"),
        Index("ix_timeline_entry_kind_status", "kind", "status"),
        Index("ix_timeline_entry_parent_id_occurred_at_id", "parent_id", "occurred_at", "id"),
        # Scope is a code prefix (LIKE '19.02.%'): PostgreSQL uses an index for that only with the pattern
        # operator class under a non-C collation (docs/PERFORMANCE.md, "Query plans at national scale").
        Index("ix_timeline_entry_region_code", "region_code", postgresql_ops={"region_code": "varchar_pattern_ops"}),
        # The incident summary of a day: the day's incidents only (with the scope's bitmap on PostgreSQL).
        Index("ix_timeline_entry_kind_occurred_at", "kind", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="timeline_entry.id")
    created_at: datetime = Field(index=True)  # received by the server
    # The event's time (the phone's, checked); rows inserted without one (other features' code) get created_at.
    occurred_at: datetime = Field(index=True, sa_column_kwargs={"default": _received_time})
    # The phone's time could not be used (outside the accepted bounds): occurred_at is the time received.
    occurred_at_clamped: bool = Field(default=False)
    author_id: int = Field(foreign_key="user_account.id", index=True)
    author_agency: Agency = enum_field(Agency, 16)
    kind: Kind = enum_field(Kind, 16)
    text: str = Field(max_length=2000)
    region_code: str = Field(foreign_key="region.code", max_length=13)
    tps_id: int | None = Field(default=None, foreign_key="tps.id", index=True)
    visible_agencies: str = Field(default="", max_length=120)
    important: bool = Field(default=False)
    promoted_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    promoted_at: datetime | None = None
    # Follow-ups that record a change of the parent: "status:ditangani", "ack", "penting", "assign:POLRI".
    change: str | None = Field(default=None, max_length=40)
    # Incident fields (kind == "kerawanan")
    category: str | None = Field(default=None, max_length=40)
    severity: Severity | None = enum_field(Severity, 10, default=None)
    handling_agency: Agency | None = enum_field(Agency, 16, default=None)
    status: Status | None = enum_field(Status, 12, default=None)
    handled_at: datetime | None = None
    handled_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    resolved_at: datetime | None = None
    resolved_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    resolution_note: str | None = Field(default=None, max_length=2000)
    followup_count: int = Field(default=0)
    last_change_id: int | None = None  # id of the newest follow-up: cache version of the card

    @property
    def is_incident(self) -> bool:
        return self.kind == Kind.KERAWANAN

    @property
    def visible_agency_list(self) -> list[str]:
        """The agencies a restricted entry is shown to (empty: everyone in scope)."""
        return [code for code in self.visible_agencies.split(",") if code]


class EntryPhoto(SQLModel, table=True):
    __tablename__ = "timeline_photo"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="timeline_entry.id", index=True)
    position: int = Field(default=0)
    name: str = Field(max_length=40)
    thumb_name: str = Field(max_length=40)
    width: int
    height: int
    thumb_width: int
    thumb_height: int


class EntryAck(EnumColumns, SQLModel, table=True):
    """An agency has seen and taken up an entry ("diterima")."""

    __tablename__ = "timeline_ack"
    __table_args__ = (UniqueConstraint("entry_id", "agency", name="uq_timeline_ack_entry_id_agency"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="timeline_entry.id", index=True)
    agency: Agency = enum_field(Agency, 16)
    user_id: int = Field(foreign_key="user_account.id")
    created_at: datetime


class IncidentDuplicate(SQLModel, table=True):
    """An incident reported twice: ``entry_id`` is the duplicate of ``duplicate_of_id`` (the original, never
    itself a duplicate). Linked by an operator, audited, and removed again to undo (app/timeline/duplicates.py)."""

    __tablename__ = "incident_duplicate"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="timeline_entry.id", unique=True)
    duplicate_of_id: int = Field(foreign_key="timeline_entry.id", index=True)
    linked_by_id: int = Field(foreign_key="user_account.id")
    linked_at: datetime
