"""Creating complaints (public and staff intake) and their tracking code and secret (the reporter's side after
that: app/complaints/services/reporter.py). The input is ``models.ComplaintCreate``, validated into the table."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from app.audit.services import record
from app.complaints import deadlines, reception
from app.complaints.inputs import ComplaintCreate
from app.complaints.models import (
    Complaint,
    ComplaintEvidence,
    ComplaintEvidenceItem,
    ComplaintFields,
    ComplaintUpdate,
    ComplaintWitness,
)
from app.complaints.policies import is_bawaslu_staff
from app.complaints.services import ComplaintError
from app.complaints.settings import ComplaintSettings, settings
from app.complaints.vocab import Channel, Kind, Status, UpdateKind
from app.i18n import local_date
from app.regions.elections import current_election, elections_for_scope
from app.regions.models import Election, ElectionRegime, Region

CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
# The reporter's identity on the form (and their kuasa's): kept for a laporan, never for informasi awal (a lead
# keeps no identity).
REPORTER_FIELDS = tuple(
    name for name in ComplaintFields.model_fields if name.startswith(("reporter_", "proxy_")) or name == "by_proxy"
)


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
    record(
        session,
        actor=None,
        action="complaint.secret_reissue",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        after={"reason": "receipt lost in transit"},
    )
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


def concerned_elections(session: Session, region_code: str, today: date) -> list[Election]:
    """The elections a report about this kabupaten/kota may concern: those held over it (its own bupati or wali
    kota, the province's gubernur) on the voting day of its current election. Belitung, 27 Nov 2024: Pemilihan
    Gubernur Kepulauan Bangka Belitung and Pemilihan Bupati Belitung; the kabupaten's own comes first."""
    current = current_election(session, region_code, today)
    if current is None:
        return []
    over = [
        e
        for e in elections_for_scope(session, region_code)
        if e.voting_day == current.voting_day and (region_code + ".").startswith(e.region_code + ".")
    ]
    return sorted(over, key=lambda e: (-e.region_code.count("."), e.id or 0))


def election_for(session: Session, data: ComplaintCreate, region: Region, today: date) -> Election | None:
    """The election the report concerns: the one chosen on the form, the only one held there, else refused.
    :raise ComplaintError: on ``election_id`` when several are held and none (or another) was chosen."""
    choices = concerned_elections(session, region.code, today)
    if data.election_id:
        chosen = next((e for e in choices if e.id == data.election_id), None)
        if chosen is None:
            raise ComplaintError("election_id", _l("Choose an election held in this regency or city."))
        return chosen
    if len(choices) > 1:
        raise ComplaintError("election_id", _l("Choose the election the report concerns."))
    return choices[0] if choices else current_election(session, region.code, today)


def _kind(data: ComplaintCreate) -> tuple[Kind, Status]:
    """Anonymous, nameless and phone reports are informasi awal: a laporan is written and signed (UU 1/2015
    Pasal 134(3); UU 7/2017 Pasal 454(4)); Bawaslu may follow a lead up as its own finding."""
    if data.temuan:
        return Kind.TEMUAN, Status.KAJIAN_AWAL
    if data.anonymous or not data.reporter_name or data.channel == Channel.TELEPON:
        return Kind.INFORMASI_AWAL, Status.INFORMASI_AWAL
    return Kind.LAPORAN, Status.DITERIMA


def _identity(data: ComplaintCreate, kind: Kind, actor) -> dict[str, Any]:
    """What replaces the reporter's fields: nothing for a laporan; blanks for informasi awal (it keeps no identity:
    a lead followed up becomes Bawaslu's own finding); the finder's name for a temuan (not confidential)."""
    if kind == Kind.LAPORAN:
        return {}
    blanks = {name: ComplaintFields.model_fields[name].default for name in REPORTER_FIELDS}
    if kind == Kind.TEMUAN:
        named = actor is not None
        return {**blanks, "reporter_name": actor.name if named else "", "disclosure_consent": named}
    return {**blanks, "anonymous": True, "disclosure_consent": False}


def _signed_by(actor, data: ComplaintCreate, kind: Kind):
    """The Bawaslu officer before whom the reporter signed the form at intake, if any."""
    if kind == Kind.LAPORAN and data.a1_signed and is_bawaslu_staff(actor):
        return actor
    return None


def _public_message(kind: Kind, signed: bool, regime: str):
    if kind == Kind.LAPORAN and not signed:
        return _l(
            "Your report has been received but is not yet a laporan: sign %(form)s at the Bawaslu office (or "
            "send a signed scan with your KTP-el) before the filing deadline.",
            form=reception.form_name(regime),
        )
    return {
        Kind.INFORMASI_AWAL: _l(
            "Received as preliminary information (informasi awal). Bawaslu may follow it up as "
            "its own finding; it is not a formal report."
        ),
        Kind.TEMUAN: _l("Recorded as a finding of the supervisors."),
        Kind.LAPORAN: _l("Your report has been received. Bawaslu checks the formal and material requirements."),
    }[kind]


def create_complaint(
    session: Session, data: ComplaintCreate, *, actor=None, now: datetime, cfg: ComplaintSettings | None = None
) -> Created:
    """Store a complaint with its witnesses and evidence. Anonymous or phone → informasi awal; a laporan waits for
    its signed A.1/B.1; late filing (by the legal receipt time) is flagged, never refused (the report is kept)."""
    cfg = cfg or settings()
    region = handling_region(session, data.region_code)
    today = local_date(now, region.code)
    check_dates(data.occurred_on, data.known_on, today)
    if data.by_proxy and not data.anonymous and not data.proxy_name:
        raise ComplaintError("proxy_name", _l("Enter the name of the kuasa, or untick the power of attorney."))
    election = election_for(session, data, region, today)
    regime = election.regime if election else ElectionRegime.PILKADA.value
    kind, status = _kind(data)
    signer = _signed_by(actor, data, kind)
    legal_on = local_date(reception.legal_receipt(now, region.code, election, cfg), region.code)
    secret = new_secret()
    complaint = Complaint.model_validate(
        data,
        update={
            "kind": kind,
            "channel": Channel.TEMUAN if data.temuan else data.channel,
            "status": status,
            "region_code": region.code,
            "election_id": election.id if election else None,
            "regime": regime,
            "tracking_code": new_code(session),
            "secret_hash": generate_password_hash(secret, method=_hash_method()),
            "received_at": now,
            "filing_deadline": deadlines.filing_deadline(data.known_on, regime, cfg),
            "late_filing": deadlines.is_late(legal_on, data.known_on, regime, cfg),
            "status_since": now,
            "checklist": {},
            "received_by_id": getattr(actor, "id", None),
            "created_at": now,
            "a1_signed_at": now if signer else None,
            "a1_signed_by_id": signer.id if signer else None,
            **_identity(data, kind, actor),
        },
    )
    session.add(complaint)
    session.flush()
    _add_attachments(session, complaint, data, actor, now)
    _record_creation(session, complaint, signed=signer is not None, actor=actor, now=now)
    return Created(complaint, secret)


def _add_attachments(session: Session, complaint: Complaint, data: ComplaintCreate, actor, now: datetime) -> None:
    for witness in data.witnesses:
        session.add(ComplaintWitness.model_validate(witness, update={"complaint_id": complaint.id}))
    for item in data.evidence_items:
        session.add(ComplaintEvidenceItem.model_validate(item, update={"complaint_id": complaint.id}))
    for stored in data.evidence:
        session.add(
            ComplaintEvidence.model_validate(
                stored, update={"complaint_id": complaint.id, "added_at": now, "from_reporter": actor is None}
            )
        )


def _record_creation(session: Session, complaint: Complaint, *, signed: bool, actor, now: datetime) -> None:
    """The first line of the history (what the reporter is told) and the audit entry (never the identity)."""
    session.add(
        ComplaintUpdate(
            complaint_id=complaint.id,
            at=now,
            actor_id=getattr(actor, "id", None),
            kind=UpdateKind.STATUS,
            to_status=complaint.status,
            public_message=str(_public_message(complaint.kind, signed, complaint.regime)),
        )
    )
    record(
        session,
        actor=actor,
        # A public submission has no account behind it: its sentence names the reporter, not "the system".
        action="complaint.create" if actor is not None else "complaint.submit",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        after={
            "kind": complaint.kind,
            "status": complaint.status,
            "channel": complaint.channel,
            "subject_type": complaint.subject_type,
            "violation_type": complaint.violation_type,
            "late_filing": complaint.late_filing,
            "a1_signed": signed,
            "reporter": "[confidential]",
        },
    )
    session.flush()
