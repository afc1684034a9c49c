"""Timeline entries (linimasa), incidents (kerawanan), photos and acknowledgements.

One table holds every entry: top-level posts and their follow-ups (``parent_id``). The integer id is the live
cursor. Incidents are entries of kind ``kerawanan`` with a category, severity, handling agency and status.
Time: ``occurred_at`` is when it happened on the phone (kept through the offline outbox, see
``app.timeline.event_time``), ``created_at`` when it reached the server. Lists are shown in event order;
the live cursor stays the id (arrival order), so an entry that arrives late is never missed by a catch-up.
Visibility: ``visible_agencies`` is empty for "all agencies in scope", else ``",POLRI,KPU,"`` (the author's
agency always included); ``region_code`` is the place (village, kecamatan) or the author's region.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def _received_time(context) -> datetime:
    return context.get_current_parameters()["created_at"]


class Entry(SQLModel, table=True):
    __tablename__ = "timeline_entry"
    __table_args__ = (
        Index("ix_timeline_entry_parent_id_id", "parent_id", "id"),
        Index("ix_timeline_entry_kind_status", "kind", "status"),
        Index("ix_timeline_entry_parent_id_occurred_at_id", "parent_id", "occurred_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    parent_id: int | None = Field(default=None, foreign_key="timeline_entry.id")
    created_at: datetime = Field(index=True)  # received by the server
    # The event's time (the phone's, checked); rows inserted without one (other features' code) get created_at.
    occurred_at: datetime = Field(index=True, sa_column_kwargs={"default": _received_time})
    # The phone's time could not be used (outside the accepted bounds): occurred_at is the time received.
    occurred_at_clamped: bool = Field(default=False)
    author_id: int = Field(foreign_key="user_account.id", index=True)
    author_agency: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    text: str = Field(max_length=2000)
    region_code: str = Field(foreign_key="region.code", max_length=13, index=True)
    tps_id: int | None = Field(default=None, foreign_key="tps.id", index=True)
    visible_agencies: str = Field(default="", max_length=120)
    important: bool = Field(default=False)
    promoted_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    promoted_at: datetime | None = None
    # Follow-ups that record a change of the parent: "status:ditangani", "ack", "penting", "assign:POLRI".
    change: str | None = Field(default=None, max_length=40)
    # Incident fields (kind == "kerawanan")
    category: str | None = Field(default=None, max_length=40)
    severity: str | None = Field(default=None, max_length=10)
    handling_agency: str | None = Field(default=None, max_length=16)
    status: str | None = Field(default=None, max_length=12)
    handled_at: datetime | None = None
    handled_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    resolved_at: datetime | None = None
    resolved_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    resolution_note: str | None = Field(default=None, max_length=2000)
    followup_count: int = Field(default=0)
    last_change_id: int | None = None  # id of the newest follow-up: cache version of the card


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


class EntryAck(SQLModel, table=True):
    """An agency has seen and taken up an entry ("diterima")."""

    __tablename__ = "timeline_ack"
    __table_args__ = (UniqueConstraint("entry_id", "agency", name="uq_timeline_ack_entry_id_agency"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="timeline_entry.id", index=True)
    agency: str = Field(max_length=16)
    user_id: int = Field(foreign_key="user_account.id")
    created_at: datetime
