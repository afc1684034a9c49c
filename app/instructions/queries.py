"""Reading instructions: a user's list, the receipts of one, the page banner, the reminders and the providers
other features use (the situation report, the hand-over note)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlmodel import Session, select

from app.auth.models import User
from app.authz import can
from app.instructions.models import Instruction, InstructionReceipt
from app.instructions.policies import codes
from app.instructions.settings import settings
from app.instructions.vocab import audience_label
from app.regions.services import describe_place, in_scope, scope_clause
from app.registry import Reminder


@dataclass
class Counts:
    read: int = 0
    unread: int = 0

    @property
    def total(self) -> int:
        return self.read + self.unread


def counts(session: Session, ids: list[int]) -> dict[int, Counts]:
    """Read and unread receipts per instruction (one query)."""
    out = {i: Counts() for i in ids}
    if not ids:
        return out
    rows = session.exec(
        select(InstructionReceipt.instruction_id, InstructionReceipt.read_at.is_(None), func.count())
        .where(InstructionReceipt.instruction_id.in_(ids))
        .group_by(InstructionReceipt.instruction_id, InstructionReceipt.read_at.is_(None))
    ).all()
    for instruction_id, unread, n in rows:
        if unread:
            out[instruction_id].unread += n
        else:
            out[instruction_id].read += n
    return out


def audience(session: Session, instruction: Instruction) -> str:
    places = describe_place(session, [instruction.region_code])
    region = places.get(instruction.region_code)
    return audience_label(
        codes(instruction.target_agencies),
        codes(instruction.target_roles),
        region.label if region else instruction.region_code,
    )


def received(session: Session, user: User, limit: int | None = None) -> list[tuple[Instruction, InstructionReceipt]]:
    """Instructions sent to the user, newest first, with their receipt."""
    rows = session.exec(
        select(Instruction, InstructionReceipt)
        .join(InstructionReceipt, InstructionReceipt.instruction_id == Instruction.id)
        .where(InstructionReceipt.user_id == user.id)
        .order_by(Instruction.created_at.desc(), Instruction.id.desc())
        .limit(limit or settings().list_limit)
    ).all()
    return [(i, r) for i, r in rows if can(user, "instructions.view", i)]


def followed(session: Session, user: User, limit: int | None = None) -> list[Instruction]:
    """Instructions the user sent, or may follow as a head in scope, newest first."""
    query = select(Instruction).where(scope_clause(Instruction.region_code, user.region_code))
    if user.role != "pimpinan":
        query = query.where(Instruction.author_id == user.id)
    rows = session.exec(query.order_by(Instruction.created_at.desc(), Instruction.id.desc()).limit(limit or 50)).all()
    return [i for i in rows if can(user, "instructions.receipts", i)]


def receipt_of(session: Session, instruction: Instruction, user: User) -> InstructionReceipt | None:
    """The user's own receipt of this instruction (None: it was not sent to them)."""
    return session.exec(
        select(InstructionReceipt).where(
            InstructionReceipt.instruction_id == instruction.id, InstructionReceipt.user_id == user.id
        )
    ).first()


def receipts(session: Session, instruction: Instruction) -> list[tuple[InstructionReceipt, User]]:
    """Every recipient with their receipt: not yet read first (whom to call), then by the time they read it."""
    rows = session.exec(
        select(InstructionReceipt, User)
        .join(User, User.id == InstructionReceipt.user_id)
        .where(InstructionReceipt.instruction_id == instruction.id)
    ).all()
    return sorted(rows, key=lambda r: (r[0].read_at is not None, r[0].read_at or r[1].name, r[1].agency, r[1].name))


def unread_for(session: Session, user: User, now: datetime) -> list[Instruction]:
    """The user's unread instructions of the last hours, newest first (the page banner)."""
    since = now - timedelta(hours=settings().banner_hours)
    rows = session.exec(
        select(Instruction)
        .join(InstructionReceipt, InstructionReceipt.instruction_id == Instruction.id)
        .where(
            InstructionReceipt.user_id == user.id,
            InstructionReceipt.read_at.is_(None),
            Instruction.created_at >= since,
            Instruction.created_at <= now,
        )
        .order_by(Instruction.created_at.desc(), Instruction.id.desc())
        .limit(20)
    ).all()
    return [i for i in rows if can(user, "instructions.view", i)]


def banner(session: Session, user: User, now: datetime) -> dict | None:
    """Banner hook: the newest unread instructions on top of every page until *Dimengerti*."""
    items = unread_for(session, user, now)
    if not items:
        return None
    limit = settings().banner_limit
    authors = {u.id: u for u in session.exec(select(User).where(User.id.in_({i.author_id for i in items}))).all()}
    return {"rows": items[:limit], "more": max(0, len(items) - limit), "authors": authors}


def due_reminders(session: Session, now: datetime) -> list[Reminder]:
    """Reminder source: recipients who have not read an instruction N minutes after it was sent, once each
    (``reminded_at`` marks them; the notification key is unique per user too)."""
    rows = session.exec(
        select(Instruction, InstructionReceipt, User)
        .join(InstructionReceipt, InstructionReceipt.instruction_id == Instruction.id)
        .join(User, User.id == InstructionReceipt.user_id)
        .where(
            Instruction.remind_after_minutes > 0,
            Instruction.created_at >= now - timedelta(hours=settings().banner_hours),
            Instruction.created_at <= now,
            InstructionReceipt.read_at.is_(None),
            InstructionReceipt.reminded_at.is_(None),
            User.active.is_(True),
        )
    ).all()
    from app.notifications.listeners import stored_text

    due: dict[int, tuple[Instruction, list[int]]] = {}
    for instruction, receipt, user in rows:
        if instruction.created_at + timedelta(minutes=instruction.remind_after_minutes) > now:
            continue
        if not can(user, "instructions.view", instruction):  # the incident it is about may have been restricted
            continue
        receipt.reminded_at = now
        session.add(receipt)
        due.setdefault(instruction.id, (instruction, []))[1].append(user.id)
    return [
        Reminder(
            key=f"instruction:{instruction.id}:reminder",
            user_ids=tuple(sorted(user_ids)),
            title=stored_text(_l("Unread instruction (sent %(n)s minutes ago)", n=instruction.remind_after_minutes)),
            body=instruction.text[:300],
            url=f"/instruksi/{instruction.id}",
        )
        for instruction, user_ids in due.values()
    ]


def _as_dict(session: Session, instruction: Instruction, tally: Counts, authors: dict[int, User]) -> dict:
    author = authors.get(instruction.author_id)
    return {
        "id": instruction.id,
        "sent_at": instruction.created_at,
        "author": author.name if author else "",
        "author_agency": instruction.author_agency,
        "text": instruction.text,
        "audience": audience(session, instruction),
        "recipients": tally.total,
        "read": tally.read,
        "unread": tally.unread,
        "url": f"/instruksi/{instruction.id}",
    }


def _dicts(session: Session, instructions: list[Instruction]) -> list[dict]:
    tallies = counts(session, [i.id for i in instructions])
    ids = {i.author_id for i in instructions}
    authors = {u.id: u for u in session.exec(select(User).where(User.id.in_(ids))).all()} if ids else {}
    return [_as_dict(session, i, tallies[i.id], authors) for i in instructions]


def issued(session: Session, user: User, region_code: str, start: datetime, end: datetime) -> list[dict]:
    """Provider ``"instructions_issued"``: instructions sent in ``[start, end)`` for ``region_code`` or below that
    ``user`` may read, oldest first, with their read counts (the situation report lists them)."""
    rows = session.exec(
        select(Instruction)
        .where(
            scope_clause(Instruction.region_code, region_code),
            Instruction.created_at >= start,
            Instruction.created_at < end,
        )
        .order_by(Instruction.created_at, Instruction.id)
        .limit(200)
    ).all()
    return _dicts(session, [i for i in rows if can(user, "instructions.view", i)])


def unread_by_agency(session: Session, user: User, agency: str, region_code: str, now: datetime, hours: int):
    """Provider ``"instructions_unread"``: instructions of the last ``hours`` to ``agency``'s people in the region
    that some of them have not read (the hand-over note lists them), those ``user`` may read."""
    rows = session.exec(
        select(Instruction)
        .join(InstructionReceipt, InstructionReceipt.instruction_id == Instruction.id)
        .join(User, User.id == InstructionReceipt.user_id)
        .where(
            Instruction.created_at >= now - timedelta(hours=hours),
            Instruction.created_at <= now,
            InstructionReceipt.read_at.is_(None),
            User.agency == agency,
        )
        .distinct()
    ).all()
    mine = [i for i in rows if in_scope(i.region_code, region_code) or in_scope(region_code, i.region_code)]
    mine = sorted((i for i in mine if can(user, "instructions.view", i)), key=lambda i: (i.created_at, i.id))
    return _dicts(session, mine)


def by_id(session: Session, user: User, ids: list[int]) -> list[dict]:
    """Provider ``"instructions_by_id"``: these instructions as ``user`` may read them (a hand-over note)."""
    if not ids:
        return []
    rows = {i.id: i for i in session.exec(select(Instruction).where(Instruction.id.in_(ids))).all()}
    return _dicts(session, [rows[i] for i in ids if i in rows and can(user, "instructions.view", rows[i])])
