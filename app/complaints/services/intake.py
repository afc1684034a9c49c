"""Creating complaints (public and staff intake) and their tracking code and secret (the reporter's side after
that: app/complaints/services/reporter.py)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from app.audit.services import record
from app.complaints import deadlines, reception
from app.complaints.constants import Channel, Kind, Status
from app.complaints.models import (
    Complaint,
    ComplaintEvidence,
    ComplaintUpdate,
    ComplaintWitness,
)
from app.complaints.services import ComplaintError
from app.complaints.settings import ComplaintSettings, settings
from app.regions.elections import current_election
from app.regions.models import ElectionRegime, Region

CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


@dataclass
class Witness:
    name: str
    address: str = ""
    phone: str = ""


@dataclass
class EvidenceFile:
    file_name: str
    content_type: str
    size: int
    original_name: str = ""


@dataclass
class ComplaintInput:
    subject_name: str
    subject_type: str
    violation_type: str
    event_summary: str
    occurred_on: date
    known_on: date
    description: str
    region_code: str  # kabupaten/kota of the event (the handling Bawaslu)
    event_place: str = ""
    event_region_code: str | None = None
    subject_institution: str = ""
    subject_position: str = ""
    subject_address: str = ""
    subject_phone: str = ""
    anonymous: bool = False
    reporter_name: str = ""
    reporter_nik: str = ""
    reporter_birth_place: str = ""
    reporter_birth_date: date | None = None
    reporter_gender: str = ""
    reporter_occupation: str = ""
    reporter_nationality: str = "WNI"
    reporter_address: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    reporter_standing: str = "pemilih"
    disclosure_consent: bool = False
    truth_statement: bool = True
    channel: str = Channel.ONLINE.value
    temuan: bool = False
    a1_signed: bool = False  # staff intake: the reporter signed the A.1/B.1 in front of a Bawaslu officer
    witnesses: list[Witness] = field(default_factory=list)
    evidence: list[EvidenceFile] = field(default_factory=list)


@dataclass(frozen=True)
class Created:
    complaint: Complaint
    secret: str  # shown once; only its hash is stored


def _hash_method() -> str:
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return "scrypt"


def new_code(session: Session) -> str:
    while True:
        code = "PGD-" + "".join(secrets.choice(CODE_CHARS) for _ in range(8))
        if session.exec(select(Complaint.id).where(Complaint.tracking_code == code)).first() is None:
            return code


def new_secret() -> str:
    raw = "".join(secrets.choice(CODE_CHARS) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def reissue_secret(session: Session, complaint: Complaint, *, now: datetime) -> str:
    """A new secret for a complaint whose receipt never reached the reporter (the answer to the submission was
    lost and the resend got the stored redirect); the old secret stops working. Only its hash is stored."""
    secret = new_secret()
    complaint.secret_hash = generate_password_hash(secret, method=_hash_method())
    session.add(complaint)
    record(session, actor=None, action="complaint.secret_reissue", object_type="complaint", object_id=complaint.id,
           now=now, region_code=complaint.region_code, after={"reason": "receipt lost in transit"})
    session.flush()
    return secret


def _letters(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def normalise_code(value: str) -> str:
    """``pgd 7k3m 9q2x`` or ``PGD7K3M9Q2X`` → ``PGD-7K3M9Q2X``: case, spaces and dashes are forgiven."""
    letters = _letters(value)
    return ("PGD-" + letters[3:] if letters.startswith("PGD") else letters)[:20]


def normalise_secret(value: str) -> str:
    """``abcd efgh jklm`` or ``ABCDEFGHJKLM`` → ``ABCD-EFGH-JKLM`` (the form it was issued in)."""
    letters = _letters(value)
    if len(letters) == 12:
        return f"{letters[:4]}-{letters[4:8]}-{letters[8:]}"
    return (value or "").strip().upper()


def check_dates(occurred_on: date | None, known_on: date | None, today: date) -> None:
    """:raise ComplaintError: for a future date, or known before it happened."""
    if occurred_on and occurred_on > today:
        raise ComplaintError("occurred_on", _l("The date of the event cannot be in the future."))
    if known_on and known_on > today:
        raise ComplaintError("known_on", _l("The date you learned of it cannot be in the future."))
    if occurred_on and known_on and known_on < occurred_on:
        raise ComplaintError("known_on", _l("You cannot have learned of the event before it happened."))


def handling_region(session: Session, code: str | None) -> Region:
    """The kabupaten/kota (level 2) of a region code: its Bawaslu handles the complaint."""
    if not code:
        raise ComplaintError("region_code", _l("Choose the regency or city where it happened."))
    region = session.get(Region, ".".join(code.split(".")[:2]))
    if region is None or region.level != 2:
        raise ComplaintError("region_code", _l("Choose the regency or city where it happened."))
    return region


def _kind(data: ComplaintInput) -> tuple[Kind, Status]:
    """Anonymous, nameless and phone reports are informasi awal: a laporan is written and signed (UU 1/2015
    Pasal 134(3); UU 7/2017 Pasal 454(4)); Bawaslu may follow a lead up as its own finding."""
    if data.temuan:
        return Kind.TEMUAN, Status.KAJIAN_AWAL
    if data.anonymous or not data.reporter_name.strip() or data.channel == Channel.TELEPON.value:
        return Kind.INFORMASI_AWAL, Status.INFORMASI_AWAL
    return Kind.LAPORAN, Status.DITERIMA


def _signed_by(actor, data: ComplaintInput, kind: Kind):
    """The Bawaslu officer before whom the reporter signed the form at intake, if any."""
    if kind == Kind.LAPORAN and data.a1_signed and getattr(actor, "agency", None) == "BAWASLU":
        return actor
    return None


def _public_message(kind: Kind, signed: bool, regime: str):
    if kind == Kind.LAPORAN and not signed:
        return _l("Your report has been received but is not yet a laporan: sign %(form)s at the Bawaslu office (or "
                  "send a signed scan with your KTP-el) before the filing deadline.", form=reception.form_name(regime))
    return {
        Kind.INFORMASI_AWAL: _l("Received as preliminary information (informasi awal). Bawaslu may follow it up as "
                                "its own finding; it is not a formal report."),
        Kind.TEMUAN: _l("Recorded as a finding of the supervisors."),
        Kind.LAPORAN: _l("Your report has been received. Bawaslu checks the formal and material requirements."),
    }[kind]


def create_complaint(session: Session, data: ComplaintInput, *, actor=None, now: datetime,
                     cfg: ComplaintSettings | None = None) -> Created:
    """Store a complaint with its witnesses and evidence. Anonymous or phone → informasi awal; a laporan waits for
    its signed A.1/B.1; late filing (by the legal receipt time) is flagged, never refused (the report is kept)."""
    cfg = cfg or settings()
    region = handling_region(session, data.region_code)
    today = deadlines.local_date(now, region.code)
    check_dates(data.occurred_on, data.known_on, today)
    election = current_election(session, region.code, today)
    regime = election.regime if election else ElectionRegime.PILKADA.value
    kind, status = _kind(data)
    signer = _signed_by(actor, data, kind)
    legal_at = reception.legal_receipt(now, region.code, election, cfg)
    deadline = deadlines.filing_deadline(data.known_on, regime, cfg)
    secret = new_secret()
    # Informasi awal keeps no identity: a lead followed up becomes Bawaslu's own finding (handling.transition),
    # whose "reporter" is shown as its finder.
    anonymous = kind == Kind.INFORMASI_AWAL
    complaint = Complaint(
        kind=kind.value, channel=Channel.TEMUAN.value if data.temuan else data.channel, status=status.value,
        region_code=region.code, election_id=election.id if election else None, regime=regime,
        tracking_code=new_code(session), secret_hash=generate_password_hash(secret, method=_hash_method()),
        anonymous=anonymous, disclosure_consent=data.disclosure_consent and not anonymous,
        truth_statement=data.truth_statement,
        subject_name=data.subject_name.strip(), subject_type=data.subject_type,
        subject_institution=data.subject_institution,
        subject_position=data.subject_position, subject_address=data.subject_address, subject_phone=data.subject_phone,
        violation_type=data.violation_type, event_summary=data.event_summary.strip(), event_place=data.event_place,
        event_region_code=data.event_region_code or None, occurred_on=data.occurred_on, known_on=data.known_on,
        description=data.description.strip(), received_at=now, filing_deadline=deadline,
        late_filing=deadlines.is_late(deadlines.local_date(legal_at, region.code), data.known_on, regime, cfg),
        status_since=now, checklist={}, received_by_id=getattr(actor, "id", None), created_at=now,
        a1_signed_at=now if signer else None, a1_signed_by_id=signer.id if signer else None,
    )
    if not anonymous and not data.temuan:
        for name in ("reporter_name", "reporter_nik", "reporter_birth_place", "reporter_birth_date",
                     "reporter_gender", "reporter_occupation", "reporter_nationality", "reporter_address",
                     "reporter_phone", "reporter_email", "reporter_standing"):
            setattr(complaint, name, getattr(data, name))
    elif data.temuan and actor is not None:
        complaint.reporter_name = actor.name  # the supervisor who found it (not confidential)
        complaint.disclosure_consent = True
    session.add(complaint)
    session.flush()
    _add_attachments(session, complaint, data, actor, now)
    session.add(ComplaintUpdate(complaint_id=complaint.id, at=now, actor_id=getattr(actor, "id", None),
                                kind="status", to_status=status.value,
                                public_message=str(_public_message(kind, signer is not None, regime))))
    record(session, actor=actor, action="complaint.create", object_type="complaint", object_id=complaint.id,
           now=now, region_code=region.code,
           after={"kind": kind.value, "status": status.value, "channel": complaint.channel,
                  "subject_type": complaint.subject_type, "violation_type": complaint.violation_type,
                  "late_filing": complaint.late_filing, "a1_signed": signer is not None,
                  "reporter": "[confidential]"})
    session.flush()
    return Created(complaint, secret)


def _add_attachments(session: Session, complaint: Complaint, data: ComplaintInput, actor, now: datetime) -> None:
    for w in data.witnesses:
        if w.name.strip():
            session.add(ComplaintWitness(complaint_id=complaint.id, name=w.name.strip(), address=w.address,
                                         phone=w.phone))
    for e in data.evidence:
        session.add(ComplaintEvidence(complaint_id=complaint.id, file_name=e.file_name, content_type=e.content_type,
                                      size=e.size, original_name=e.original_name[:200], added_at=now,
                                      from_reporter=actor is None))
