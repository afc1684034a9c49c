"""Erase a reporter's identity N days after their case closed (UU 27/2022 on personal data protection: data kept
no longer than its purpose needs). The length is a setting of the data controller, ``IDENTITY_RETENTION_DAYS``
(environment ``SINERGI_IDENTITY_RETENTION_DAYS``; 0 turns erasure off) — no regulation found fixes it [U].

``erase_expired_identities(session, now)`` is a plain function for the background job runner and for
``flask --app wsgi privacy erase-identities``. It flushes, never commits; every erasure is audited (which case and
which fields, never the values).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from app.audit.services import record

DEFAULT_DAYS = 365
ERASED_NAME = "(identitas dihapus)"  # stored in the desk's language, like notifications
ERASED_MESSAGE = "(pesan dihapus bersama identitas pelapor)"
IDENTITY_FIELDS = {"reporter_name": ERASED_NAME, "reporter_nik": "", "reporter_birth_place": "",
                   "reporter_birth_date": None, "reporter_gender": "", "reporter_occupation": "",
                   "reporter_address": "", "reporter_phone": "", "reporter_email": ""}
# History lines written to or by the reporter may name them: their text goes with the identity.
CORRESPONDENCE = ("message", "reporter_info")


def retention_days() -> int:
    from flask import current_app, has_app_context

    if has_app_context():
        return int(current_app.config.get("IDENTITY_RETENTION_DAYS", DEFAULT_DAYS))
    return DEFAULT_DAYS


def expired(session: Session, now: datetime, days: int) -> list:
    """Closed reports whose closing lies more than ``days`` ago and that still hold an identity."""
    from app.complaints.constants import CLOSED
    from app.complaints.models import Complaint

    return list(session.exec(select(Complaint).where(
        Complaint.status.in_([s.value for s in CLOSED]), Complaint.status_since < now - timedelta(days=days),
        Complaint.reporter_name != ERASED_NAME, Complaint.reporter_name != "")).all())


def _erase_correspondence(session: Session, complaint_id: int) -> int:
    from app.complaints.models import ComplaintUpdate

    updates = session.exec(select(ComplaintUpdate).where(ComplaintUpdate.complaint_id == complaint_id,
                                                         ComplaintUpdate.kind.in_(CORRESPONDENCE))).all()
    for update in updates:
        update.public_message, update.note = ERASED_MESSAGE, ""
        session.add(update)
    return len(updates)


def erase_expired_identities(session: Session, now: datetime, *, days: int | None = None) -> int:
    """Erase the identity of every report closed more than the retention period ago; returns how many."""
    days = retention_days() if days is None else days
    if days <= 0:
        return 0
    count = 0
    for complaint in expired(session, now, days):
        erased = [name for name, blank in IDENTITY_FIELDS.items() if getattr(complaint, name) not in ("", None)
                  and getattr(complaint, name) != blank]
        for name, blank in IDENTITY_FIELDS.items():
            setattr(complaint, name, blank)
        session.add(complaint)
        messages = _erase_correspondence(session, complaint.id)
        record(session, actor=None, action="complaint.identity_erased", object_type="complaint",
               object_id=complaint.id, now=now, region_code=complaint.region_code,
               after={"fields": erased, "messages": messages, "retention_days": days})
        count += 1
    session.flush()
    return count
