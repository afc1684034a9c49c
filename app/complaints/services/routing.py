"""Forwarding a complaint to the competent body with Bawaslu's letter (a Sentra Gakkumdu case opens on the way), and
the outcome the body sends back."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlmodel import Session, select

from app.audit.services import record
from app.complaints.models import Complaint, ComplaintRouting, ComplaintUpdate, GakkumduCase
from app.complaints.policies import handle as handles
from app.complaints.rules import ROUTABLE
from app.complaints.services import ComplaintError
from app.complaints.services.gakkumdu import open_case, sync_agencies
from app.complaints.vocab import Recipient, Sanction, Status, UpdateKind
from app.i18n import local_date


def _check_route(complaint: Complaint, recipient: str, letter_number: str, letter_date: date | None, *, actor, now):
    """The recipient, once the move is allowed and the letter is complete. :raise ComplaintError: otherwise."""
    try:
        to = Recipient(recipient)
    except ValueError as exc:
        raise ComplaintError("recipient", _l("Choose where the complaint goes.")) from exc
    if complaint.status not in ROUTABLE or not handles(actor, complaint):
        raise ComplaintError("recipient", _l("This complaint cannot be forwarded now."))
    if to == Recipient.GAKKUMDU and complaint.status == Status.GAKKUMDU:  # further routings are for the other part
        raise ComplaintError("recipient", _l("This complaint cannot be forwarded now."))
    if not letter_number:
        raise ComplaintError("letter_number", _l("Enter the letter number."))
    if letter_date is None:
        raise ComplaintError("letter_date", _l("Enter the letter date."))
    if letter_date > local_date(now, complaint.region_code):
        raise ComplaintError("letter_date", _l("The letter date cannot be in the future."))
    return to


def _move(session: Session, complaint: Complaint, to: Recipient, *, actor, now: datetime) -> Status:
    """The complaint goes to "forwarded" (or "in Sentra Gakkumdu"), once: a case in Gakkumdu keeps its status when
    it is routed further. The reporter reads where it went. Returns the status it had."""
    frm = complaint.status
    if frm != Status.GAKKUMDU:
        complaint.status, complaint.status_since = (
            (Status.GAKKUMDU if to == Recipient.GAKKUMDU else Status.DITERUSKAN),
            now,
        )
    sync_agencies(session, complaint)
    session.add(complaint)
    session.add(
        ComplaintUpdate(
            complaint_id=complaint.id,
            at=now,
            actor_id=actor.id,
            kind=UpdateKind.ROUTING,
            from_status=frm,
            to_status=complaint.status,
            public_message=str(_l("Forwarded to %(recipient)s.", recipient=to.label)),
        )
    )
    return frm


def route(
    session: Session,
    complaint: Complaint,
    recipient: str,
    letter_number: str,
    letter_date: date | None,
    *,
    actor,
    now: datetime,
    article: str = "",
) -> ComplaintRouting:
    """Forward to a competent body with the letter; Sentra Gakkumdu opens a case at pembahasan pertama (unless the
    first discussion was already recorded). A case in Gakkumdu keeps its status when routed further."""
    letter_number = (letter_number or "").strip()
    to = _check_route(complaint, recipient, letter_number, letter_date, actor=actor, now=now)
    if to == Recipient.GAKKUMDU and not _pleno_decided(session, complaint):
        # Perber Bawaslu–Kapolri–Jaksa Agung 2020 and Perbawaslu 7/2022 (domain.md §1.2, review §1f): the file
        # goes to the penyidik (1×24 jam) after Bawaslu's pleno decides; until then Bawaslu's own 3+2 clock runs.
        raise ComplaintError(
            "recipient",
            _l(
                "Sentra Gakkumdu takes the case after the pleno: record the pleno's decision (proven) first. "
                "Until then Bawaslu's own deadline keeps running."
            ),
        )
    routing = ComplaintRouting(
        complaint_id=complaint.id,
        recipient=to,
        letter_number=letter_number[:80],
        letter_date=letter_date,
        created_at=now,
        created_by_id=actor.id,
    )
    session.add(routing)
    session.flush()
    frm = _move(session, complaint, to, actor=actor, now=now)
    if to == Recipient.GAKKUMDU and not _has_case(session, complaint):
        open_case(session, complaint, actor=actor, now=now, article=article)
    record(
        session,
        actor=actor,
        action="complaint.route",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        before={"status": frm},
        after={
            "status": complaint.status,
            "recipient": to,
            "letter_number": routing.letter_number,
            "letter_date": letter_date,
        },
    )
    session.flush()
    return routing


def _pleno_decided(session: Session, complaint: Complaint) -> bool:
    """The pleno found the report proven: the complaint is *terbukti*, or was when it was forwarded elsewhere."""
    if complaint.status == Status.TERBUKTI:
        return True
    proven = or_(ComplaintUpdate.to_status == Status.TERBUKTI, ComplaintUpdate.from_status == Status.TERBUKTI)
    query = select(ComplaintUpdate.id).where(ComplaintUpdate.complaint_id == complaint.id, proven)
    return session.exec(query).first() is not None


def _has_case(session: Session, complaint: Complaint) -> bool:
    return session.exec(select(GakkumduCase.id).where(GakkumduCase.complaint_id == complaint.id)).first() is not None


def record_outcome(
    session: Session, routing: ComplaintRouting, complaint: Complaint, outcome: str, level: str, *, actor, now: datetime
) -> None:
    """What the body decided (and the sanction level). :raise ComplaintError: without a text or with an unknown
    level."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ComplaintError("outcome", _l("Describe the outcome."))
    if level and level not in list(Sanction):
        raise ComplaintError("sanction_level", _l("Choose a sanction level."))
    before = {"outcome": routing.outcome, "sanction_level": routing.sanction_level}
    routing.outcome, routing.sanction_level, routing.outcome_at = outcome[:1000], level, now
    session.add(routing)
    session.add(
        ComplaintUpdate(
            complaint_id=complaint.id,
            at=now,
            actor_id=actor.id,
            kind=UpdateKind.OUTCOME,
            public_message=str(_l("Outcome received: %(outcome)s", outcome=outcome[:1000])),
        )
    )
    record(
        session,
        actor=actor,
        action="complaint.outcome",
        # The complaint's row (its sentence names "laporan #N" and its page's audit trail shows it), not the
        # forwarding's: which forwarding is in routing_id.
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        before=before,
        after={
            "outcome": routing.outcome,
            "sanction_level": level,
            "routing_id": routing.id,
            "recipient": routing.recipient,
        },
    )
    session.flush()
