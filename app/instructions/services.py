"""Sending an instruction and reading it (*Dimengerti*).

Services take ``(session, ..., actor=, now=)``, flush, never commit, and audit. Sending fixes the recipients,
puts the instruction on the timeline's record (through the timeline's ``timeline_record`` provider, never with
content for people outside the audience), notifies the recipients and announces itself on the live channel that
the sender's receipts page listens to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import Agency, User
from app.authz import may_see
from app.errors import DomainError
from app.instructions.models import Instruction, InstructionReceipt
from app.instructions.settings import settings
from app.instructions.vocab import TARGET_ROLES, audience_label
from app.live import notify as announce
from app.regions.models import Region
from app.regions.services import in_scope, scope_clause
from app.registry import current_registry

MAX_TEXT = 1000


class InstructionError(DomainError):
    """A refused instruction (``field`` names the form field)."""


@dataclass(frozen=True)
class Audience:
    agencies: list[str] = field(default_factory=list)  # empty: all agencies
    roles: list[str] = field(default_factory=list)  # empty: all of TARGET_ROLES
    region_code: str = ""


def channel(instruction_id: int) -> str:
    """The live channel of one instruction's receipts (``app.live``)."""
    return f"instruction:{instruction_id}"


def _packed(values: list[str]) -> str:
    return "," + ",".join(values) + "," if values else ""


def _check(session: Session, actor: User, text: str, audience: Audience, incident_id, remind: int) -> Region:
    if not text:
        raise InstructionError("text", _l("Write the instruction."))
    if len(text) > MAX_TEXT:
        raise InstructionError("text", _l("The instruction is too long (at most 1,000 characters)."))
    if set(audience.agencies) - {a.value for a in Agency}:
        raise InstructionError("agencies", _l("Choose agencies from the list."))
    if set(audience.roles) - {r.value for r in TARGET_ROLES}:
        raise InstructionError("roles", _l("Choose roles from the list."))
    region = session.get(Region, audience.region_code or actor.region_code)
    if region is None or region.level > 3 or not in_scope(region.code, actor.region_code):
        raise InstructionError("region_code", _l("Choose a region in your scope."))
    if incident_id is not None and not may_see(session, actor, "timeline_entry", incident_id):
        raise InstructionError("incident_id", _l("Choose an incident you can see."))
    if not 0 <= remind <= settings().max_remind_minutes:
        raise InstructionError("remind_after", _l("Remind after 0 to 240 minutes (0: no reminder)."))
    return region


def recipients(session: Session, actor: User, audience: Audience, incident_id: int | None) -> list[User]:
    """The active accounts the audience names, at or below its region, except the sender; for an instruction
    about an incident, only those who may see that incident."""
    roles = audience.roles or [r.value for r in TARGET_ROLES]
    query = select(User).where(
        User.active.is_(True),
        User.id != actor.id,
        scope_clause(User.region_code, audience.region_code),
        User.role.in_(roles),
    )
    if audience.agencies:
        query = query.where(User.agency.in_(audience.agencies))
    users = list(session.exec(query.order_by(User.agency, User.name)).all())
    if incident_id is not None:
        users = [u for u in users if may_see(session, u, "timeline_entry", incident_id)]
    return users


def send(
    session: Session,
    *,
    actor: User,
    text: str,
    audience: Audience,
    now: datetime,
    incident_id: int | None = None,
    remind_after: int | None = None,
) -> Instruction:
    """Send an instruction to its audience. :raise InstructionError:"""
    text = (text or "").strip()
    remind = settings().remind_after_minutes if remind_after is None else remind_after
    region = _check(session, actor, text, audience, incident_id, remind)
    audience = Audience(sorted(set(audience.agencies)), sorted(set(audience.roles)), region.code)
    people = recipients(session, actor, audience, incident_id)
    if not people:
        raise InstructionError("agencies", _l("Nobody in your scope matches these recipients."))
    instruction = Instruction(
        author_id=actor.id,
        author_agency=actor.agency,
        region_code=region.code,
        text=text,
        target_agencies=_packed(audience.agencies),
        target_roles=_packed(audience.roles),
        incident_id=incident_id,
        remind_after_minutes=remind,
        created_at=now,
        recipient_count=len(people),
    )
    session.add(instruction)
    session.flush()
    for user in people:
        session.add(InstructionReceipt(instruction_id=instruction.id, user_id=user.id))
    session.flush()
    instruction.timeline_entry_id = _put_on_record(session, instruction, actor, audience, region, now)
    session.add(instruction)
    record(
        session,
        actor=actor,
        action="instruction.send",
        object_type="instruction",
        object_id=instruction.id,
        now=now,
        after={
            "text": text,
            "visible_agencies": instruction.target_agencies,
            "roles": audience.roles,
            "region_code": region.code,
            "recipients": len(people),
            "incident": incident_id,
        },
        region_code=region.code,
    )
    _notify_sent(session, instruction, actor, [u.id for u in people], now)
    announce(session, channel(instruction.id), "sent")
    return instruction


def _put_on_record(session, instruction, actor, audience: Audience, region: Region, now) -> int | None:
    """The timeline entry of the instruction: its text when the timeline's own audience is exactly the
    instruction's (agencies in a region); only the fact of it when roles or an incident narrow the audience."""
    provider = current_registry().provider("timeline_record")
    if provider is None:
        return None
    label = audience_label(audience.agencies, audience.roles, region.label)
    if audience.roles or instruction.incident_id is not None:
        text = _l(
            "Instruction #%(id)s sent to %(audience)s (%(n)s recipients). Its text is for the recipients only.",
            id=instruction.id,
            audience=label,
            n=instruction.recipient_count,
        )
    else:
        text = _l("Instruction to %(audience)s: %(text)s", audience=label, text=instruction.text)
    entry = provider(
        session,
        author=actor,
        text=_stored(text),
        now=now,
        region_code=region.code,
        visible_to=audience.agencies or None,
        parent_id=instruction.incident_id,
    )
    return getattr(entry, "id", None)


def _stored(message) -> str:
    from app.notifications.listeners import stored_text

    return stored_text(message)


def _notify_sent(session, instruction: Instruction, actor: User, user_ids: list[int], now: datetime) -> None:
    from app.notifications.services import notify

    created = notify(
        session,
        user_ids=user_ids,
        kind="instruction",
        key=f"instruction:{instruction.id}:sent",
        title=_stored(_l("Instruction from %(name)s", name=actor.name)),
        body=instruction.text[:300],
        url=f"/instruksi/{instruction.id}",
        now=now,
        object_type="instruction",
        object_id=instruction.id,
        obj=instruction,
    )
    if created:
        from app.jobs import wake

        wake()


def acknowledge(session: Session, instruction: Instruction, *, actor: User, now: datetime) -> bool:
    """The recipient taps *Dimengerti*. False when they had already (nothing changes). :raise InstructionError:"""
    receipt = session.exec(
        select(InstructionReceipt).where(
            InstructionReceipt.instruction_id == instruction.id, InstructionReceipt.user_id == actor.id
        )
    ).first()
    if receipt is None:
        raise InstructionError(None, _l("This instruction was not sent to you."))
    if receipt.read_at is not None:
        return False
    receipt.read_at = now
    session.add(receipt)
    session.flush()
    record(
        session,
        actor=actor,
        action="instruction.read",
        object_type="instruction",
        object_id=instruction.id,
        now=now,
        after={"read": True},
        region_code=instruction.region_code,
    )
    announce(session, channel(instruction.id), str(actor.id))
    return True
