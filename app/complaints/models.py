"""Neutrality complaints (laporan, temuan, informasi awal), their history, routing and Gakkumdu cases.

What the reporter (or the officer) fills in is spelled once, in ``ComplaintFields``: the table ``Complaint`` adds
what the desk records, and the input model ``inputs.ComplaintCreate`` (SQLModel docs' ``HeroCreate``) adds the
witnesses, files and intake choices; ``Complaint.model_validate(data, update=...)`` turns one into the other
(services/intake.py).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.complaints.vocab import (
    Channel,
    EvidenceKind,
    Kind,
    Recipient,
    Stage,
    Standing,
    Status,
    Subject,
    UpdateKind,
    Violation,
)
from app.enums import EnumColumns, enum_field


class ComplaintFields(SQLModel):
    """The Formulir Model A.1/B.1 as the reporter fills it in (field names are the intake form's)."""

    region_code: str = Field(foreign_key="region.code", max_length=13)  # the handling kabupaten/kota (indexed below)
    election_id: int | None = Field(default=None, foreign_key="election.id")  # the election the report concerns
    channel: Channel = enum_field(Channel, 16, default=Channel.ONLINE)

    # Reporter (confidential by default)
    anonymous: bool = Field(default=False)
    reporter_name: str = Field(default="", max_length=120)
    reporter_nik: str = Field(default="", max_length=16)
    reporter_birth_place: str = Field(default="", max_length=80)
    reporter_birth_date: date | None = None
    reporter_gender: str = Field(default="", max_length=1)  # vocab.Gender, or empty
    reporter_occupation: str = Field(default="", max_length=80)
    reporter_nationality: str = Field(default="WNI", max_length=40)
    reporter_address: str = Field(default="", max_length=300)
    reporter_phone: str = Field(default="", max_length=20)  # E.164
    reporter_email: str = Field(default="", max_length=254)
    reporter_standing: Standing = enum_field(Standing, 16, default=Standing.PEMILIH)
    disclosure_consent: bool = Field(default=False)
    truth_statement: bool = Field(default=False)
    # Filed through a kuasa with a special power of attorney (Perbawaslu 9/2024 per Puadi, merahputih.com 15 Oct
    # 2024 [S]; Perbawaslu 7/2022 Pasal 8(5) per scribd 661191748 [S]): the kuasa's identity, confidential like
    # the reporter's and erased with it.
    by_proxy: bool = Field(default=False)
    proxy_name: str = Field(default="", max_length=120)
    proxy_address: str = Field(default="", max_length=300)
    proxy_phone: str = Field(default="", max_length=20)  # E.164

    # Reported person
    subject_name: str = Field(max_length=120)
    subject_type: Subject = enum_field(Subject, 16, index=True)
    subject_institution: str = Field(default="", max_length=160)
    subject_position: str = Field(default="", max_length=120)
    subject_address: str = Field(default="", max_length=300)
    subject_phone: str = Field(default="", max_length=20)  # E.164

    # Event
    violation_type: Violation = enum_field(Violation, 20)
    event_summary: str = Field(max_length=200)
    event_place: str = Field(default="", max_length=300)
    event_region_code: str | None = Field(default=None, foreign_key="region.code", max_length=13)
    occurred_on: date
    known_on: date
    description: str = Field(sa_type=Text)


class Complaint(EnumColumns, ComplaintFields, table=True):
    """One complaint. ``region_code`` is the kabupaten/kota whose Bawaslu handles it (scope)."""

    __tablename__ = "complaint"
    # Scope is a code prefix: the pattern operator class lets PostgreSQL use the index (docs/PERFORMANCE.md)
    __table_args__ = (
        Index("ix_complaint_region_code", "region_code", postgresql_ops={"region_code": "varchar_pattern_ops"}),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: Kind = enum_field(Kind, 16, index=True)
    status: Status = enum_field(Status, 20, index=True)
    regime: str = Field(default="pilkada", max_length=10)
    tracking_code: str = Field(max_length=16, unique=True, index=True)
    secret_hash: str = Field(default="", max_length=255)

    received_at: datetime = Field(index=True)
    filing_deadline: date
    late_filing: bool = Field(default=False)
    status_since: datetime
    checklist: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    register_number: str | None = Field(default=None, max_length=60, unique=True)
    register_seq: int | None = None
    registered_at: datetime | None = None
    extended: bool = Field(default=False)  # Bawaslu asked for more information: the longer window applies
    # ",POLRI,KEJAKSAAN," — agencies of the bodies it was routed to; they may follow it (never the reporter)
    routed_agencies: str = Field(default="", max_length=80)
    received_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # The signed Formulir Model A.1 (Pilkada) / B.1 (Pemilu) received by Bawaslu: only then is it a laporan and
    # Bawaslu's clocks start (app/complaints/reception.py). Null while it waits for the signature.
    a1_signed_at: datetime | None = None
    a1_signed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # A late report registered anyway: the officer's reason (audited); empty when none was needed.
    late_override_reason: str = Field(default="", max_length=1000)
    created_at: datetime


class WitnessFields(SQLModel):
    name: str = Field(max_length=120)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=20)  # E.164


class ComplaintWitness(WitnessFields, table=True):
    __tablename__ = "complaint_witness"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)


class EvidenceFile(SQLModel):
    """A stored upload (app/uploads.py): its random name under UPLOAD_DIR, type, size and the name it was sent as."""

    file_name: str = Field(max_length=40)
    content_type: str = Field(max_length=40)
    size: int = 0
    original_name: str = Field(default="", max_length=200)


class ComplaintEvidence(EvidenceFile, table=True):
    __tablename__ = "complaint_evidence"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    note: str = Field(default="", max_length=300)
    from_reporter: bool = Field(default=True)
    added_at: datetime


class EvidenceItemFields(SQLModel):
    """One line of item 5 of the A.1 (evidence a, b, c…): what it is, a description, where it is or how it is
    handed in (a link, a flash drive, at the office)."""

    kind: EvidenceKind = enum_field(EvidenceKind, 20)
    description: str = Field(max_length=300)
    medium: str = Field(default="", max_length=300)


class ComplaintEvidenceItem(EnumColumns, EvidenceItemFields, table=True):
    __tablename__ = "complaint_evidence_item"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)


class ComplaintUpdate(EnumColumns, SQLModel, table=True):
    """The complaint's history: status changes, messages to the reporter, information the reporter added."""

    __tablename__ = "complaint_update"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    at: datetime
    actor_id: int | None = Field(default=None, foreign_key="user_account.id")
    kind: UpdateKind = enum_field(UpdateKind, 16)
    from_status: Status | None = enum_field(Status, 20, default=None)
    to_status: Status | None = enum_field(Status, 20, default=None)
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # internal
    public_message: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # for the reporter


class ComplaintRouting(EnumColumns, SQLModel, table=True):
    """A complaint forwarded to a competent body, with the letter and the outcome when it comes back."""

    __tablename__ = "complaint_routing"

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", index=True)
    recipient: Recipient = enum_field(Recipient, 16, index=True)
    letter_number: str = Field(max_length=80)
    letter_date: date
    created_at: datetime
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    outcome: str = Field(default="", max_length=1000)
    sanction_level: str = Field(default="", max_length=8)  # vocab.Sanction, or empty
    outcome_at: datetime | None = None


class GakkumduCase(EnumColumns, SQLModel, table=True):
    __tablename__ = "gakkumdu_case"
    __table_args__ = (UniqueConstraint("complaint_id", name="uq_gakkumdu_case_complaint_id"),)

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id")
    region_code: str = Field(foreign_key="region.code", index=True, max_length=13)
    regime: str = Field(default="pilkada", max_length=10)
    article: str = Field(default="", max_length=120)  # e.g. "Pasal 188 jo. 71 UU 10/2016"
    stage: Stage = enum_field(Stage, 20)
    stage_since: datetime
    returned_once: bool = Field(default=False)  # the PU may return the file once only
    # When the PU last received the file from the penyidik (Tahap I): the 5-working-day window to file at the
    # PN counts from here, not from P21 (domain.md §0).
    file_received_at: datetime | None = None
    opened_at: datetime


class GakkumduStageLog(EnumColumns, SQLModel, table=True):
    __tablename__ = "gakkumdu_stage_log"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="gakkumdu_case.id", index=True)
    stage: Stage = enum_field(Stage, 20)
    at: datetime
    actor_id: int | None = Field(default=None, foreign_key="user_account.id")
    note: str = Field(default="", max_length=1000)


class StatusLookupThrottle(SQLModel, table=True):
    """Failed status look-ups per address, shared by all processes (like the login throttle)."""

    __tablename__ = "complaint_lookup_throttle"

    key: str = Field(primary_key=True, max_length=300)
    failures: int = 0
    window_start: datetime


class PublicHoliday(SQLModel, table=True):
    """A libur nasional or cuti bersama added with ``flask holidays import`` (years the app does not ship)."""

    __tablename__ = "public_holiday"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True, index=True)
    kind: str = Field(max_length=16)  # libur_nasional | cuti_bersama
    name: str = Field(max_length=160)
    source: str = Field(max_length=200)  # the SKB 3 Menteri / Keppres it comes from
    created_at: datetime
