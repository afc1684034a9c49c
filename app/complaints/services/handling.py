"""Bawaslu's handling: the status machine, the formal/material checklist, the signed form and messages to the
reporter. Register numbers: services/register.py; forwarding to the competent body: services/routing.py."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from app.audit.services import record
from app.complaints import deadlines, reception
from app.complaints.models import Complaint, ComplaintUpdate
from app.complaints.policies import handle as handles
from app.complaints.rules import TRANSITIONS
from app.complaints.services import ComplaintError
from app.complaints.services.register import register_number
from app.complaints.settings import ComplaintSettings, settings
from app.complaints.vocab import CHECKLIST_TEMUAN, INITIAL_REVIEW, ChecklistItem, Kind, SignatureWay, Status, UpdateKind
from app.i18n import local_date
from app.regions.models import Election


def allowed_moves(complaint: Complaint, user) -> list[Status]:
    """Statuses this user may move the complaint to (Bawaslu operator/pimpinan, per transition)."""
    if user is None or not handles(user, complaint):
        return []
    return [to for (frm, to), roles in TRANSITIONS.items() if frm == complaint.status and user.role in roles]


def checklist_keys(complaint: Complaint) -> list[ChecklistItem]:
    """The requirements of this complaint: a temuan has no reporter; only a report through a kuasa needs the power
    of attorney."""
    if complaint.kind != Kind.LAPORAN:
        return CHECKLIST_TEMUAN
    return [k for k in ChecklistItem if k != ChecklistItem.FORMIL_KUASA or complaint.by_proxy]


def checklist_complete(complaint: Complaint) -> bool:
    return all(complaint.checklist.get(k) for k in checklist_keys(complaint))


def set_checklist(session: Session, complaint: Complaint, ticked: set[str], *, actor, now: datetime) -> None:
    """Tick the requirements that are met. :raise ComplaintError: outside the initial review."""
    if complaint.status not in INITIAL_REVIEW:
        raise ComplaintError("checklist", _l("The checklist can only be changed during the initial review."))
    before = dict(complaint.checklist)
    complaint.checklist = {k.value: k in ticked for k in checklist_keys(complaint)}
    session.add(complaint)
    record(
        session,
        actor=actor,
        action="complaint.checklist",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        before=before,
        after=complaint.checklist,
    )
    session.flush()


def check_registrable(complaint: Complaint, late_override: str) -> str:
    """The reason to register a late report ("" when none is needed). A laporan is registered only once its signed
    A.1/B.1 is recorded (UU 1/2015 Pasal 134(3); Perbawaslu 7/2022 Pasal 15(3)(d): signature matches the KTP-el),
    and a late one only with a stated reason: filed after the 7 days it fails the formal requirement (Perbawaslu
    7/2022 Pasal 15(3)(c); Bawaslu Kota Sukabumi "kedaluwarsa"). :raise ComplaintError: naming what is missing."""
    if not checklist_complete(complaint):
        raise ComplaintError("checklist", _l("Complete the formal and material checklist before registering."))
    if reception.awaiting_signature(complaint):
        raise ComplaintError(
            "to",
            _l(
                "Record the signed %(form)s first: until then this is not a laporan.",
                form=reception.form_name(complaint.regime),
            ),
        )
    reason = (late_override or "").strip()
    if complaint.late_filing and not reason:
        raise ComplaintError(
            "late_override", _l("This report was filed after the deadline. Write why it is registered anyway.")
        )
    return reason if complaint.late_filing else ""


def _register(session: Session, complaint: Complaint, late_override: str, *, actor, now: datetime, cfg) -> None:
    reason = check_registrable(complaint, late_override)
    if reason:
        complaint.late_override_reason = reason[:1000]
        record(
            session,
            actor=actor,
            action="complaint.late_override",
            object_type="complaint",
            object_id=complaint.id,
            now=now,
            region_code=complaint.region_code,
            after={"reason": complaint.late_override_reason},
        )
    complaint.register_seq, complaint.register_number = register_number(session, complaint, now, cfg)
    complaint.registered_at = now


def _default_message(target: Status, complaint: Complaint):
    """What the reporter reads when the officer wrote nothing for them."""
    if target == Status.DIREGISTRASI:
        return _l("Registered with number %(number)s.", number=complaint.register_number or "")
    if target == Status.PERLU_PERBAIKAN:
        return _l("Your report is incomplete. Please add what is missing.")
    return _l("Status: %(status)s.", status=target.label)


def transition(
    session: Session,
    complaint: Complaint,
    to: str,
    *,
    actor,
    now: datetime,
    note: str = "",
    public_message: str = "",
    late_override: str = "",
    cfg: ComplaintSettings | None = None,
) -> ComplaintUpdate:
    """Move the complaint along the status machine. :raise ComplaintError: when the move is not allowed."""
    try:
        target = Status(to)
    except ValueError as exc:
        raise ComplaintError("status", _l("Unknown status.")) from exc
    if target not in allowed_moves(complaint, actor):
        raise ComplaintError(
            "status",
            _l("This step is not allowed from “%(status)s” for your role.", status=Status(complaint.status).label),
        )
    if target == Status.TIDAK_DIREGISTRASI and not note.strip():
        # The kajian awal's result is published with its reason (sigaplapor.bawaslu.go.id/kajianawal; domain.md
        # §2.2: a report still incomplete after the completion window is not registered).
        raise ComplaintError(
            "note", _l("Write why the report is not registered: which formal or material requirement is not met.")
        )
    before = {"status": complaint.status, "register_number": complaint.register_number}
    if target == Status.DIREGISTRASI:
        _register(session, complaint, late_override, actor=actor, now=now, cfg=cfg or settings())
    if complaint.status == Status.INFORMASI_AWAL and target == Status.KAJIAN_AWAL:
        complaint.kind = Kind.TEMUAN  # a lead followed up by Bawaslu becomes its own finding
    if target == Status.KLARIFIKASI:
        complaint.extended = True  # more information requested: the longer window applies
    frm = complaint.status
    complaint.status, complaint.status_since = target, now
    session.add(complaint)
    update = ComplaintUpdate(
        complaint_id=complaint.id,
        at=now,
        actor_id=actor.id,
        kind=UpdateKind.STATUS,
        from_status=frm,
        to_status=target,
        note=note.strip()[:5000],
        public_message=(public_message.strip()[:2000] or str(_default_message(target, complaint))),
    )
    session.add(update)
    record(
        session,
        actor=actor,
        action="complaint.status",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        before=before,
        after={"status": target, "register_number": complaint.register_number},
    )
    session.flush()
    return update


def _check_signature(complaint: Complaint, signed_at: datetime, how: str, now: datetime) -> None:
    if how not in list(SignatureWay):
        raise ComplaintError("how", _l("Choose how the signed form was received."))
    if complaint.kind != Kind.LAPORAN or complaint.a1_signed_at is not None:
        raise ComplaintError("signed_at", _l("This report does not wait for a signed form."))
    if signed_at > now:
        raise ComplaintError("signed_at", _l("The time cannot be in the future."))
    if signed_at < complaint.received_at.replace(second=0, microsecond=0):
        raise ComplaintError("signed_at", _l("The signed form cannot be received before the report."))


def record_signature(
    session: Session,
    complaint: Complaint,
    signed_at: datetime,
    how: str,
    *,
    actor,
    now: datetime,
    cfg: ComplaintSettings | None = None,
) -> ComplaintUpdate:
    """Bawaslu received the signed A.1/B.1 (at its office, or a signed scan with the KTP-el): from now it is a
    laporan, its clocks start at the legal receipt of that form, and lateness is judged on that date."""
    cfg = cfg or settings()
    _check_signature(complaint, signed_at, how, now)
    election = session.get(Election, complaint.election_id) if complaint.election_id else None
    legal_at = reception.legal_receipt(signed_at, complaint.region_code, election, cfg)
    before = {"late_filing": complaint.late_filing}
    complaint.a1_signed_at, complaint.a1_signed_by_id = signed_at, actor.id
    legal_on = local_date(legal_at, complaint.region_code)
    complaint.late_filing = deadlines.is_late(legal_on, complaint.known_on, complaint.regime, cfg)
    session.add(complaint)
    form = reception.form_name(complaint.regime)
    update = ComplaintUpdate(
        complaint_id=complaint.id,
        at=now,
        actor_id=actor.id,
        kind=UpdateKind.NOTE,
        note=SignatureWay(how).label,
        public_message=str(_l("Bawaslu received your signed %(form)s: it is now a laporan.", form=form)),
    )
    session.add(update)
    record(
        session,
        actor=actor,
        action="complaint.signature",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        before=before,
        after={"a1_signed_at": signed_at, "how": how, "late_filing": complaint.late_filing},
    )
    session.flush()
    return update


def send_message(session: Session, complaint: Complaint, text: str, *, actor, now: datetime) -> ComplaintUpdate:
    """A message for the reporter (their status page). :raise ComplaintError: when it is empty."""
    text = (text or "").strip()
    if not text:
        raise ComplaintError("message", _l("Write the message for the reporter."))
    update = ComplaintUpdate(
        complaint_id=complaint.id, at=now, actor_id=actor.id, kind=UpdateKind.MESSAGE, public_message=text[:2000]
    )
    session.add(update)
    record(
        session,
        actor=actor,
        action="complaint.message",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        after={"message": text[:2000]},
    )
    session.flush()
    return update
