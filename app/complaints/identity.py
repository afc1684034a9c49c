"""Confidentiality of the reporter: one place decides what a viewer sees, and audits every view of it.

Bawaslu's handlers see the identity; so do the Polri investigators and Kejaksaan prosecutors of a case in Sentra
Gakkumdu (they need the reporter as a witness: KUHAP, and Gakkumdu practice, domain.md §1.2), every view audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from app.audit.models import AuditLog
from app.authz import can
from app.complaints.models import Complaint
from app.complaints.vocab import Gender, Kind, UpdateKind

HIDDEN = _l("Reporter kept confidential")
ANONYMOUS = _l("Anonymous (preliminary information)")


@dataclass(frozen=True)
class ReporterView:
    full: bool  # identity shown (Bawaslu operator/pimpinan, or the reporter agreed to disclosure)
    label: str  # what lists show in the reporter column
    name: str = ""
    nik: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    birth: str = ""
    occupation: str = ""
    gender: str = ""
    nationality: str = ""
    proxy_name: str = ""  # the kuasa the report was filed through (identity holders only)
    proxy_address: str = ""
    proxy_phone: str = ""


def reporter_view(user, complaint: Complaint) -> ReporterView:
    if complaint.kind == Kind.INFORMASI_AWAL or complaint.anonymous:
        return ReporterView(False, str(ANONYMOUS))
    if complaint.kind == Kind.TEMUAN:
        return ReporterView(True, complaint.reporter_name, name=complaint.reporter_name)
    if can(user, "complaint.view_identity", complaint):
        born = format_date(complaint.reporter_birth_date, "long") if complaint.reporter_birth_date else ""
        birth = ", ".join(p for p in (complaint.reporter_birth_place, born) if p)  # "Tanjungpandan, 12 Maret 1980"
        return ReporterView(
            True,
            complaint.reporter_name,
            complaint.reporter_name,
            complaint.reporter_nik,
            complaint.reporter_address,
            complaint.reporter_phone,
            complaint.reporter_email,
            birth,
            complaint.reporter_occupation,
            Gender.label_of(complaint.reporter_gender, ""),
            complaint.reporter_nationality or "WNI",
            *((complaint.proxy_name, complaint.proxy_address, complaint.proxy_phone) if complaint.by_proxy else ()),
        )
    if complaint.disclosure_consent:  # agreed to disclosure: name and contact, never the NIK
        return ReporterView(
            True,
            complaint.reporter_name,
            complaint.reporter_name,
            "",
            complaint.reporter_address,
            complaint.reporter_phone,
            complaint.reporter_email,
        )
    return ReporterView(False, str(HIDDEN))


@dataclass(frozen=True)
class HistoryItem:
    """One line of a complaint's history as this viewer may read it (never the ORM row: nothing is written)."""

    at: datetime
    kind: str
    to_status: str | None
    public_message: str
    note: str


def history_for(user, complaint: Complaint, updates) -> list[HistoryItem]:
    """The history; what Bawaslu and the reporter wrote to each other (it may name the reporter) only for
    ``complaint.reporter_messages`` (Bawaslu operator/pimpinan in scope) — everyone else sees the status line."""
    own = can(user, "complaint.reporter_messages", complaint)
    # A Gakkumdu stage line is written by the system ("Sentra Gakkumdu: Penyidikan."), never free text.
    return [
        HistoryItem(
            u.at,
            u.kind,
            u.to_status,
            u.public_message if own or u.kind == UpdateKind.STAGE else "",
            u.note if own or u.kind == UpdateKind.STAGE else "",
        )
        for u in updates
        if own or u.to_status or u.kind == UpdateKind.STAGE
    ]


def audit_identity_views(session: Session, user, complaints: list[Complaint], *, now: datetime, where: str) -> None:
    """Every view of a confidential identity is itself recorded (page, list, CSV, PDF, search)."""
    entries = [
        AuditLog(
            at=now,
            actor_id=user.id,
            action="complaint.identity_view",
            object_type="complaint",
            object_id=str(c.id),
            region_code=c.region_code,
            after={"where": where},
        )
        for c in complaints
        if c.kind == Kind.LAPORAN and not c.anonymous and can(user, "complaint.view_identity", c)
    ]
    if entries:  # one flush for a whole list (record() flushes per entry)
        session.add_all(entries)
        session.flush()
