"""Erase a reporter's identity N days after their case closed (UU 27/2022 on personal data protection: data kept
no longer than its purpose needs), and with it the witnesses' names and contacts and the evidence files. The
length is a setting of the data controller, ``IDENTITY_RETENTION_DAYS`` (environment
``SINERGI_IDENTITY_RETENTION_DAYS``; 0 turns erasure off) — no regulation found fixes it [U].

``erase_expired_identities(session, now)`` is a plain function for the background job runner and for
``flask --app wsgi privacy erase-identities``. It flushes, never commits; the evidence files leave the disk when
the transaction commits (a rolled-back erasure keeps them). Every erasure is audited (which case, which fields and
how many witnesses and files, never the values).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import event, or_
from sqlmodel import Session, select

from app.audit.services import record

DEFAULT_DAYS = 365
ERASED_NAME = "(identitas dihapus)"  # stored in the desk's language, like notifications
ERASED_MESSAGE = "(pesan dihapus bersama identitas pelapor)"
IDENTITY_FIELDS = {
    "reporter_name": ERASED_NAME,
    "reporter_nik": "",
    "reporter_birth_place": "",
    "reporter_birth_date": None,
    "reporter_gender": "",
    "reporter_occupation": "",
    "reporter_address": "",
    "reporter_phone": "",
    "reporter_email": "",
    "by_proxy": False,  # the kuasa the report was filed through goes with the reporter's identity
    "proxy_name": "",
    "proxy_address": "",
    "proxy_phone": "",
}
# History lines written to or by the reporter may name them: their text goes with the identity.
CORRESPONDENCE = ("message", "reporter_info")
ERASED_WITNESS = "(saksi dihapus)"
ERASED_FILE = "(berkas dihapus)"
ERASED_ITEM = "(bukti dihapus)"


def retention_days() -> int:
    from flask import current_app, has_app_context

    if has_app_context():
        return int(current_app.config.get("IDENTITY_RETENTION_DAYS", DEFAULT_DAYS))
    return DEFAULT_DAYS


def expired(session: Session, now: datetime, days: int) -> list:
    """Closed reports whose closing lies more than ``days`` ago and that still hold personal data: the reporter's
    identity (or their kuasa's), a witness not yet erased, an evidence file or a named evidence item (an anonymous
    report has witnesses and evidence too)."""
    from app.complaints.models import Complaint, ComplaintEvidence, ComplaintEvidenceItem, ComplaintWitness
    from app.complaints.vocab import CLOSED

    identity = (Complaint.reporter_name != ERASED_NAME) & (Complaint.reporter_name != "")
    witness = (
        select(ComplaintWitness.id)
        .where(ComplaintWitness.complaint_id == Complaint.id, ComplaintWitness.name != ERASED_WITNESS)
        .exists()
    )
    files = (
        select(ComplaintEvidence.id)
        .where(ComplaintEvidence.complaint_id == Complaint.id, ComplaintEvidence.file_name != "")
        .exists()
    )
    items = (
        select(ComplaintEvidenceItem.id)
        .where(ComplaintEvidenceItem.complaint_id == Complaint.id, ComplaintEvidenceItem.description != ERASED_ITEM)
        .exists()
    )
    return list(
        session.exec(
            select(Complaint).where(
                Complaint.status.in_(list(CLOSED)),
                Complaint.status_since < now - timedelta(days=days),
                or_(identity, witness, files, items),
            )
        ).all()
    )


def _erase_identity(complaint) -> list[str]:
    """Blank the reporter's fields; the names of those that held something."""
    erased = [
        name
        for name, blank in IDENTITY_FIELDS.items()
        if getattr(complaint, name) not in ("", None) and getattr(complaint, name) != blank
    ]
    if complaint.reporter_name:  # an anonymous report keeps its empty name (it never had one)
        for name, blank in IDENTITY_FIELDS.items():
            setattr(complaint, name, blank)
    return erased


def _erase_witnesses(session: Session, complaint_id: int) -> int:
    from app.complaints.models import ComplaintWitness

    witnesses = session.exec(
        select(ComplaintWitness).where(
            ComplaintWitness.complaint_id == complaint_id, ComplaintWitness.name != ERASED_WITNESS
        )
    ).all()
    for witness in witnesses:
        witness.name, witness.address, witness.phone = ERASED_WITNESS, "", ""
        session.add(witness)
    return len(witnesses)


def _erase_files(session: Session, complaint_id: int) -> list[str]:
    """Forget the evidence files (the row stays: that there was a file, its type and size) and what the named
    evidence items say (a link or a description may point at people); the files' stored names."""
    from app.complaints.models import ComplaintEvidence, ComplaintEvidenceItem

    for named in session.exec(
        select(ComplaintEvidenceItem).where(
            ComplaintEvidenceItem.complaint_id == complaint_id, ComplaintEvidenceItem.description != ERASED_ITEM
        )
    ).all():
        named.description, named.medium = ERASED_ITEM, ""
        session.add(named)
    items = session.exec(
        select(ComplaintEvidence).where(
            ComplaintEvidence.complaint_id == complaint_id, ComplaintEvidence.file_name != ""
        )
    ).all()
    names = [item.file_name for item in items]
    for item in items:
        item.file_name, item.original_name, item.note = "", ERASED_FILE, ""
        session.add(item)
    return names


def _remove_after_commit(session: Session, names: list[str]) -> None:
    """Delete the files from UPLOAD_DIR once the erasure is committed (never before: a rollback keeps them)."""
    if not names:
        return
    from flask import current_app

    from app.uploads import upload_path

    upload_dir = current_app.config["UPLOAD_DIR"]

    def remove(_session) -> None:
        for name in names:
            try:
                upload_path(upload_dir, name).unlink()
            except FileNotFoundError:
                continue

    event.listen(session, "after_commit", remove, once=True)


def _erase_correspondence(session: Session, complaint_id: int) -> int:
    from app.complaints.models import ComplaintUpdate

    updates = session.exec(
        select(ComplaintUpdate).where(
            ComplaintUpdate.complaint_id == complaint_id, ComplaintUpdate.kind.in_(CORRESPONDENCE)
        )
    ).all()
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
    files: list[str] = []
    for complaint in expired(session, now, days):
        erased = _erase_identity(complaint)
        session.add(complaint)
        messages = _erase_correspondence(session, complaint.id)
        witnesses = _erase_witnesses(session, complaint.id)
        names = _erase_files(session, complaint.id)
        files += names
        record(
            session,
            actor=None,
            action="complaint.identity_erased",
            object_type="complaint",
            object_id=complaint.id,
            now=now,
            region_code=complaint.region_code,
            after={
                "fields": erased,
                "messages": messages,
                "witnesses": witnesses,
                "files": len(names),
                "retention_days": days,
            },
        )
        count += 1
    session.flush()
    _remove_after_commit(session, files)
    return count
