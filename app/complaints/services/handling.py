"""Bawaslu's handling: the status machine, the formal/material checklist, register numbers, routing."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Agency
from app.complaints import deadlines, reception
from app.complaints.constants import (
    CHECKLIST,
    CHECKLIST_TEMUAN,
    RECIPIENT_AGENCIES,
    RECIPIENT_LABELS,
    ROUTABLE,
    SANCTION_LEVELS,
    SIGNATURE_WAYS,
    STATUS_LABELS,
    TRANSITIONS,
    Kind,
    Recipient,
    Stage,
    Status,
)
from app.complaints.models import Complaint, ComplaintRouting, ComplaintUpdate, GakkumduCase, GakkumduStageLog
from app.complaints.services import ComplaintError
from app.complaints.settings import ComplaintSettings, settings
from app.regions.models import Election, ElectionRegime, Region


def allowed_moves(complaint: Complaint, user) -> list[Status]:
    """Statuses this user may move the complaint to (Bawaslu operator/pimpinan, per transition)."""
    if user is None or user.agency != Agency.BAWASLU.value:
        return []
    current = Status(complaint.status)
    return [to for (frm, to), roles in TRANSITIONS.items() if frm == current and user.role in roles]


def checklist_keys(complaint: Complaint) -> list[str]:
    return CHECKLIST_TEMUAN if complaint.kind != Kind.LAPORAN.value else list(CHECKLIST)


def checklist_complete(complaint: Complaint) -> bool:
    return all(complaint.checklist.get(k) for k in checklist_keys(complaint))


def set_checklist(session: Session, complaint: Complaint, ticked: set[str], *, actor, now: datetime) -> None:
    if Status(complaint.status) not in (Status.KAJIAN_AWAL, Status.PERLU_PERBAIKAN, Status.DITERIMA):
        raise ComplaintError("checklist", _l("The checklist can only be changed during the initial review."))
    before = dict(complaint.checklist)
    complaint.checklist = {k: k in ticked for k in checklist_keys(complaint)}
    session.add(complaint)
    record(session, actor=actor, action="complaint.checklist", object_type="complaint", object_id=complaint.id,
           now=now, region_code=complaint.region_code, before=before, after=complaint.checklist)
    session.flush()


def _segment(region: Region, cfg: ComplaintSettings) -> str:
    return cfg.region_segments.get(region.code) or region.code


def election_code(session: Session, complaint: Complaint, cfg: ComplaintSettings) -> str:
    """The register's election segment from the election the complaint concerns: PL for a Pemilu; for a Pilkada
    PG (gubernur, a province's election), PW (wali kota, a kota's) or PB (bupati) — sigaplapor / radarkaur [S];
    PG and PW are [U] and configurable."""
    if complaint.regime == ElectionRegime.PEMILU.value:
        return cfg.election_code_pemilu
    election = session.get(Election, complaint.election_id) if complaint.election_id else None
    region = session.get(Region, election.region_code) if election else None
    if region is not None and region.level == 1:
        return cfg.election_code_gubernur
    if region is not None and region.type == "kota":
        return cfg.election_code_walikota
    return cfg.election_code_pilkada


def register_number(session: Session, complaint: Complaint, now: datetime, cfg: ComplaintSettings) -> tuple[int, str]:
    """``NNN/LP/PB/Kab/<segment>/<Roman month>/<year>`` (TM for findings), numbered per region, kind, year."""
    region = session.get(Region, complaint.region_code)
    local = deadlines.local_date(now, complaint.region_code)
    letter = "TM" if complaint.kind == Kind.TEMUAN.value else "LP"
    kinds = [Kind.TEMUAN.value] if letter == "TM" else [Kind.LAPORAN.value]
    year_start = datetime(local.year, 1, 1, tzinfo=now.tzinfo)
    last = session.exec(select(func.max(Complaint.register_seq)).where(
        Complaint.region_code == complaint.region_code, Complaint.kind.in_(kinds),
        Complaint.registered_at >= year_start)).one()
    seq = (last or 0) + 1
    code = election_code(session, complaint, cfg)
    level = "Kota" if region.type == "kota" else "Kab"
    month = deadlines.ROMAN[local.month - 1]
    return seq, f"{seq:03d}/{letter}/{code}/{level}/{_segment(region, cfg)}/{month}/{local.year}"


def _check_registrable(complaint: Complaint, late_override: str) -> str:
    """A laporan is registered only once its signed A.1/B.1 is recorded (UU 1/2015 Pasal 134(3); Perbawaslu 7/2022
    Pasal 15(3)(d): signature matches the KTP-el), and a late one only with a stated reason: filed after the
    7 days it fails the formal requirement (Perbawaslu 7/2022 Pasal 15(3)(c); Bawaslu Kota Sukabumi "kedaluwarsa")."""
    if not checklist_complete(complaint):
        raise ComplaintError("checklist", _l("Complete the formal and material checklist before registering."))
    if reception.awaiting_signature(complaint):
        raise ComplaintError("to", _l("Record the signed %(form)s first: until then this is not a laporan.",
                                      form=reception.form_name(complaint.regime)))
    reason = (late_override or "").strip()
    if complaint.late_filing and not reason:
        raise ComplaintError("late_override", _l("This report was filed after the deadline. Write why it is "
                                                 "registered anyway."))
    return reason if complaint.late_filing else ""


def transition(session: Session, complaint: Complaint, to: str, *, actor, now: datetime, note: str = "",
               public_message: str = "", late_override: str = "",
               cfg: ComplaintSettings | None = None) -> ComplaintUpdate:
    """Move the complaint along the status machine. :raise ComplaintError: when the move is not allowed."""
    cfg = cfg or settings()
    try:
        target = Status(to)
    except ValueError as exc:
        raise ComplaintError("status", _l("Unknown status.")) from exc
    if target not in allowed_moves(complaint, actor):
        raise ComplaintError("status", _l("This step is not allowed from “%(status)s” for your role.",
                                          status=STATUS_LABELS[Status(complaint.status)]))
    before = {"status": complaint.status, "register_number": complaint.register_number}
    if target == Status.DIREGISTRASI:
        reason = _check_registrable(complaint, late_override)
        if reason:
            complaint.late_override_reason = reason[:1000]
            record(session, actor=actor, action="complaint.late_override", object_type="complaint",
                   object_id=complaint.id, now=now, region_code=complaint.region_code,
                   after={"reason": complaint.late_override_reason})
        complaint.register_seq, complaint.register_number = register_number(session, complaint, now, cfg)
        complaint.registered_at = now
    if complaint.status == Status.INFORMASI_AWAL and target == Status.KAJIAN_AWAL:
        complaint.kind = Kind.TEMUAN.value  # a lead followed up by Bawaslu becomes its own finding
    if target == Status.KLARIFIKASI:
        complaint.extended = True  # more information requested: the longer window applies
    frm = complaint.status
    complaint.status, complaint.status_since = target.value, now
    session.add(complaint)
    default_public = {
        Status.DIREGISTRASI: _l("Registered with number %(number)s.", number=complaint.register_number or ""),
        Status.PERLU_PERBAIKAN: _l("Your report is incomplete. Please add what is missing."),
    }.get(target, _l("Status: %(status)s.", status=STATUS_LABELS[target]))
    update = ComplaintUpdate(complaint_id=complaint.id, at=now, actor_id=actor.id, kind="status", from_status=frm,
                             to_status=target.value, note=note.strip()[:5000],
                             public_message=(public_message.strip()[:2000] or str(default_public)))
    session.add(update)
    record(session, actor=actor, action="complaint.status", object_type="complaint", object_id=complaint.id, now=now,
           region_code=complaint.region_code, before=before,
           after={"status": target.value, "register_number": complaint.register_number})
    session.flush()
    return update


def record_signature(session: Session, complaint: Complaint, signed_at: datetime, how: str, *, actor,
                     now: datetime, cfg: ComplaintSettings | None = None) -> ComplaintUpdate:
    """Bawaslu received the signed A.1/B.1 (at its office, or a signed scan with the KTP-el): from now it is a
    laporan, its clocks start at the legal receipt of that form, and lateness is judged on that date."""
    cfg = cfg or settings()
    if how not in SIGNATURE_WAYS:
        raise ComplaintError("how", _l("Choose how the signed form was received."))
    if complaint.kind != Kind.LAPORAN.value or complaint.a1_signed_at is not None:
        raise ComplaintError("signed_at", _l("This report does not wait for a signed form."))
    if signed_at > now:
        raise ComplaintError("signed_at", _l("The time cannot be in the future."))
    if signed_at < complaint.received_at.replace(second=0, microsecond=0):
        raise ComplaintError("signed_at", _l("The signed form cannot be received before the report."))
    election = session.get(Election, complaint.election_id) if complaint.election_id else None
    legal_at = reception.legal_receipt(signed_at, complaint.region_code, election, cfg)
    before = {"late_filing": complaint.late_filing}
    complaint.a1_signed_at, complaint.a1_signed_by_id = signed_at, actor.id
    complaint.late_filing = deadlines.is_late(deadlines.local_date(legal_at, complaint.region_code),
                                              complaint.known_on, complaint.regime, cfg)
    session.add(complaint)
    update = ComplaintUpdate(complaint_id=complaint.id, at=now, actor_id=actor.id, kind="note",
                             note=str(SIGNATURE_WAYS[how]), public_message=str(_l(
                                 "Bawaslu received your signed %(form)s: it is now a laporan.",
                                 form=reception.form_name(complaint.regime))))
    session.add(update)
    record(session, actor=actor, action="complaint.signature", object_type="complaint", object_id=complaint.id,
           now=now, region_code=complaint.region_code, before=before,
           after={"a1_signed_at": signed_at, "how": how, "late_filing": complaint.late_filing})
    session.flush()
    return update


def send_message(session: Session, complaint: Complaint, text: str, *, actor, now: datetime) -> ComplaintUpdate:
    text = (text or "").strip()
    if not text:
        raise ComplaintError("message", _l("Write the message for the reporter."))
    update = ComplaintUpdate(complaint_id=complaint.id, at=now, actor_id=actor.id, kind="message",
                             public_message=text[:2000])
    session.add(update)
    record(session, actor=actor, action="complaint.message", object_type="complaint", object_id=complaint.id,
           now=now, region_code=complaint.region_code, after={"message": text[:2000]})
    session.flush()
    return update


def _sync_agencies(session: Session, complaint: Complaint) -> None:
    routed = session.exec(select(ComplaintRouting.recipient).where(ComplaintRouting.complaint_id == complaint.id)).all()
    agencies = sorted({a for r in routed for a in RECIPIENT_AGENCIES[Recipient(r)]})
    complaint.routed_agencies = ("," + ",".join(agencies) + ",") if agencies else ""


def route(session: Session, complaint: Complaint, recipient: str, letter_number: str, letter_date: date | None, *,
          actor, now: datetime, article: str = "") -> ComplaintRouting:
    """Forward to a competent body with the letter; Sentra Gakkumdu opens a case at pembahasan pertama."""
    try:
        to = Recipient(recipient)
    except ValueError as exc:
        raise ComplaintError("recipient", _l("Choose where the complaint goes.")) from exc
    if (Status(complaint.status) not in ROUTABLE or actor.agency != Agency.BAWASLU.value
            or actor.role not in ("operator", "pimpinan")):
        raise ComplaintError("recipient", _l("This complaint cannot be forwarded now."))
    if to == Recipient.GAKKUMDU and complaint.status == Status.GAKKUMDU:  # further routings are for the other part
        raise ComplaintError("recipient", _l("This complaint cannot be forwarded now."))
    letter_number = (letter_number or "").strip()
    if not letter_number:
        raise ComplaintError("letter_number", _l("Enter the letter number."))
    if letter_date is None:
        raise ComplaintError("letter_date", _l("Enter the letter date."))
    if letter_date > deadlines.local_date(now, complaint.region_code):
        raise ComplaintError("letter_date", _l("The letter date cannot be in the future."))
    routing = ComplaintRouting(complaint_id=complaint.id, recipient=to.value, letter_number=letter_number[:80],
                               letter_date=letter_date, created_at=now, created_by_id=actor.id)
    session.add(routing)
    session.flush()
    frm = complaint.status
    target = Status.GAKKUMDU if to == Recipient.GAKKUMDU else Status.DITERUSKAN
    if frm != Status.GAKKUMDU:
        complaint.status, complaint.status_since = target.value, now
    _sync_agencies(session, complaint)
    session.add(complaint)

    session.add(ComplaintUpdate(complaint_id=complaint.id, at=now, actor_id=actor.id, kind="routing",
                                from_status=frm, to_status=complaint.status,
                                public_message=str(_l("Forwarded to %(recipient)s.", recipient=RECIPIENT_LABELS[to]))))
    if to == Recipient.GAKKUMDU and session.exec(
            select(GakkumduCase).where(GakkumduCase.complaint_id == complaint.id)).first() is None:
        case = GakkumduCase(complaint_id=complaint.id, region_code=complaint.region_code, regime=complaint.regime,
                            article=article.strip()[:120], stage=Stage.PEMBAHASAN_PERTAMA.value, stage_since=now,
                            opened_at=now)
        session.add(case)
        session.flush()
        session.add(GakkumduStageLog(case_id=case.id, stage=case.stage, at=now, actor_id=actor.id))
        record(session, actor=actor, action="gakkumdu.open", object_type="gakkumdu_case", object_id=case.id, now=now,
               region_code=complaint.region_code, after={"stage": case.stage, "complaint_id": complaint.id})
    record(session, actor=actor, action="complaint.route", object_type="complaint", object_id=complaint.id, now=now,
           region_code=complaint.region_code, before={"status": frm},
           after={"status": complaint.status, "recipient": to.value, "letter_number": routing.letter_number,
                  "letter_date": letter_date})
    session.flush()
    return routing


def record_outcome(session: Session, routing: ComplaintRouting, complaint: Complaint, outcome: str, level: str, *,
                   actor, now: datetime) -> None:
    outcome = (outcome or "").strip()
    if not outcome:
        raise ComplaintError("outcome", _l("Describe the outcome."))
    if level and level not in SANCTION_LEVELS:
        raise ComplaintError("sanction_level", _l("Choose a sanction level."))
    before = {"outcome": routing.outcome, "sanction_level": routing.sanction_level}
    routing.outcome, routing.sanction_level, routing.outcome_at = outcome[:1000], level, now
    session.add(routing)
    session.add(ComplaintUpdate(complaint_id=complaint.id, at=now, actor_id=actor.id, kind="outcome",
                                public_message=str(_l("Outcome received: %(outcome)s", outcome=outcome[:1000]))))
    record(session, actor=actor, action="complaint.outcome", object_type="complaint_routing", object_id=routing.id,
           now=now, region_code=complaint.region_code, before=before,
           after={"outcome": routing.outcome, "sanction_level": level})
    session.flush()
