"""Meetings, their agenda, participants, minutes, follow-up actions and finalised versions.

Minutes are append-only rows per agenda item (never one big text), so several people writing at once never
overwrite each other. A finalised version stores the exact PDF bytes: its SHA-256 is what /verifikasi shows.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import metadata  # noqa: F401  (naming convention is set there)


class MeetingKind(enum.StrEnum):
    FORKOPIMDA = "forkopimda"
    LOGISTIK = "logistik"
    PENGAMANAN = "pengamanan"
    DESK = "desk"
    LAINNYA = "lainnya"

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {
    MeetingKind.FORKOPIMDA: _l("Forkopimda coordination meeting"),
    MeetingKind.LOGISTIK: _l("Logistics coordination meeting"),
    MeetingKind.PENGAMANAN: _l("Security coordination meeting"),
    MeetingKind.DESK: _l("Desk Pilkada meeting"),
    MeetingKind.LAINNYA: _l("Other meeting"),
}


class MeetingStatus(enum.StrEnum):
    DRAFT = "draft"  # being prepared or held; minutes editable
    FINAL = "final"  # finalised: content frozen, PDF and hash recorded
    CORRECTION = "correction"  # reopened for a correction: the next finalise makes a new version


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    kind: str = Field(default=MeetingKind.LAINNYA.value, max_length=16)
    organiser_agency: str = Field(max_length=16, index=True)
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    series: str = Field(default="", max_length=80, index=True)  # meetings of one series carry actions over
    starts_at: datetime
    ends_at: datetime
    closed_at: datetime | None = None  # actual closing time, written into the notula
    place: str = Field(max_length=200)
    opening: str = Field(default="", max_length=4000)  # kata pembukaan
    chair_name: str = Field(max_length=120)
    chair_position: str = Field(default="", max_length=120)
    chair_rank: str = Field(default="", max_length=60)
    chair_user_id: int | None = Field(default=None, foreign_key="user_account.id")
    minute_name: str = Field(max_length=120)
    minute_position: str = Field(default="", max_length=120)
    minute_rank: str = Field(default="", max_length=60)
    status: str = Field(default=MeetingStatus.DRAFT.value, max_length=12)
    version: int = Field(default=0)  # number of the last finalised version (0: never finalised)
    checkin_code: str = Field(max_length=8, index=True)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime
    updated_at: datetime


class AgendaItem(SQLModel, table=True):
    __tablename__ = "meeting_agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = Field(default=1)
    title: str = Field(max_length=300)


class Participant(SQLModel, table=True):
    """An invited user or a guest; ``attended_at`` is the arrival time (None: not (yet) present)."""

    __tablename__ = "meeting_participant"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id", name="uq_meeting_participant_meeting_user"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    name: str = Field(max_length=120)
    position: str = Field(default="", max_length=120)
    agency: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=30)
    invited: bool = Field(default=True)  # False: a guest added on the spot
    attended_at: datetime | None = None
    checked_in_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class MinuteKind(enum.StrEnum):
    DISCUSSION = "discussion"
    DECISION = "decision"


class MinuteEntry(SQLModel, table=True):
    """One contribution to the minutes of an agenda item (append-only; corrections add rows)."""

    __tablename__ = "meeting_minute"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    item_id: int = Field(foreign_key="meeting_agenda_item.id", index=True)
    kind: str = Field(default=MinuteKind.DISCUSSION.value, max_length=12)
    speaker: str = Field(default="", max_length=120)
    speaker_role: str = Field(default="", max_length=160)  # position / agency
    text: str = Field(max_length=4000)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"


class Action(SQLModel, table=True):
    """A follow-up action (tindak lanjut) with its owner agency, person and due date."""

    __tablename__ = "meeting_action"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="meeting_agenda_item.id")
    what: str = Field(max_length=500)
    owner_agency: str = Field(max_length=16, index=True)
    person: str = Field(default="", max_length=120)
    due_date: date | None = None
    status: str = Field(default=ActionStatus.OPEN.value, max_length=8, index=True)
    closed_at: datetime | None = None
    closed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime


class TimelineReference(SQLModel, table=True):
    """A timeline entry linked into the minutes: its id and a snapshot of what it said at the time."""

    __tablename__ = "meeting_timeline_ref"
    __table_args__ = (UniqueConstraint("meeting_id", "entry_id", name="uq_meeting_timeline_ref_meeting_entry"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    entry_id: int
    posted_at: datetime
    snapshot: str = Field(max_length=1000)
    linked_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    linked_at: datetime


class MeetingVersion(SQLModel, table=True):
    """A finalised notula: the exact PDF bytes, their SHA-256 and the public verification code."""

    __tablename__ = "meeting_version"
    __table_args__ = (UniqueConstraint("meeting_id", "version", name="uq_meeting_version_meeting_version"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    version: int
    code: str = Field(max_length=16, unique=True, index=True)
    sha256: str = Field(max_length=64)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    pages: int = Field(default=1)
    reason: str = Field(default="", max_length=500)  # why a correction was made
    finalised_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    finalised_at: datetime


class Letterhead(SQLModel, table=True):
    """Kop naskah dinas of an agency in a region (lines, address, optional logo uploaded by an admin)."""

    __tablename__ = "meeting_letterhead"
    __table_args__ = (UniqueConstraint("agency", "region_code", name="uq_meeting_letterhead_agency_region"),)

    id: int | None = Field(default=None, primary_key=True)
    agency: str = Field(max_length=16)
    region_code: str = Field(foreign_key="region.code", max_length=13)
    line1: str = Field(max_length=160)  # e.g. PEMERINTAH KABUPATEN BELITUNG
    line2: str = Field(default="", max_length=160)  # e.g. BADAN KESATUAN BANGSA DAN POLITIK
    address: str = Field(default="", max_length=300)
    city: str = Field(default="", max_length=80)  # written before the date above the signatures
    logo_file: str | None = Field(default=None, max_length=100)  # name under UPLOAD_DIR
    updated_at: datetime
