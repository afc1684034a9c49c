"""The reporter's side of a complaint: the public look-up by code and secret (throttled per address, the same
answer and cost for an unknown code and a wrong secret), its public history and what the reporter may add."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit.services import record
from app.complaints.models import Complaint, ComplaintEvidence, ComplaintUpdate, EvidenceFile, StatusLookupThrottle
from app.complaints.services import ComplaintError
from app.complaints.services.intake import normalise_code, normalise_secret
from app.complaints.settings import ComplaintSettings, settings
from app.complaints.vocab import OPEN_FOR_REPORTER, UpdateKind

# An unknown code costs the same hash check as a wrong secret: no timing tells which codes exist.
_DUMMY = generate_password_hash("dummy-secret", method="pbkdf2:sha256:1000")


def _throttled(session: Session, key: str, now: datetime, cfg: ComplaintSettings) -> bool:
    row = session.get(StatusLookupThrottle, key)
    return bool(row and now - row.window_start < timedelta(hours=1) and row.failures >= cfg.lookup_failures)


def _fail(session: Session, key: str, now: datetime) -> None:
    row = session.get(StatusLookupThrottle, key)
    if row is None or now - row.window_start >= timedelta(hours=1):
        row = row or StatusLookupThrottle(key=key, window_start=now)
        row.window_start, row.failures = now, 0
    row.failures += 1
    session.add(row)
    session.flush()


class LookupThrottled(Exception):
    pass


def lookup(
    session: Session, code: str, secret: str, *, client: str, now: datetime, cfg: ComplaintSettings | None = None
) -> Complaint | None:
    """The complaint for this code and secret, or None — the same answer (and cost) for an unknown code and a
    wrong secret. :raise LookupThrottled: after too many failures from this address."""
    cfg = cfg or settings()
    key = f"ip:{client}"
    if _throttled(session, key, now, cfg):
        raise LookupThrottled()
    complaint = session.exec(select(Complaint).where(Complaint.tracking_code == normalise_code(code))).first()
    secret = normalise_secret(secret)
    if complaint is None:
        check_password_hash(_DUMMY, secret)
        _fail(session, key, now)
        return None
    if not check_password_hash(complaint.secret_hash, secret):
        _fail(session, key, now)
        return None
    return complaint


def public_history(session: Session, complaint: Complaint) -> list[ComplaintUpdate]:
    return list(
        session.exec(
            select(ComplaintUpdate)
            .where(ComplaintUpdate.complaint_id == complaint.id, ComplaintUpdate.public_message != "")
            .order_by(ComplaintUpdate.at, ComplaintUpdate.id)
        ).all()
    )


def reporter_can_add(complaint: Complaint) -> bool:
    return complaint.status in OPEN_FOR_REPORTER


def add_reporter_info(
    session: Session, complaint: Complaint, text: str, *, evidence: list[EvidenceFile], now: datetime
) -> ComplaintUpdate:
    """The reporter adds information (and files) while the complaint is open."""
    if not reporter_can_add(complaint):
        raise ComplaintError("text", _l("This complaint is closed; no information can be added."))
    text = (text or "").strip()
    if not text and not evidence:
        raise ComplaintError("text", _l("Write the additional information or attach a file."))
    update = ComplaintUpdate(
        complaint_id=complaint.id,
        at=now,
        kind=UpdateKind.REPORTER_INFO,
        note=text[:5000],
        public_message=str(_l("You added information: %(text)s", text=text[:5000]))
        if text
        else str(_l("You added a file.")),
    )
    session.add(update)
    for stored in evidence:
        session.add(ComplaintEvidence.model_validate(stored, update={"complaint_id": complaint.id, "added_at": now}))
    record(
        session,
        actor=None,
        action="complaint.reporter_info",
        object_type="complaint",
        object_id=complaint.id,
        now=now,
        region_code=complaint.region_code,
        after={"files": len(evidence), "chars": len(text)},
    )
    session.flush()
    return update
