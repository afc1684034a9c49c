"""Who sends, reads and follows up instructions.

An instruction is read by its sender, its recipients, and the heads (pimpinan) in scope of the agencies it
concerns (the sender's and those addressed); when it is about an incident, only by people who may also see that
incident. Receipts (who has read it, when) are for the sender and those heads.
"""

from __future__ import annotations

from sqlalchemy.orm import object_session
from sqlmodel import select

from app.auth.models import Role, User
from app.authz import Policies, is_role, may_see, sees_region
from app.instructions.models import Instruction, InstructionReceipt

policies = Policies()


def codes(value: str) -> list[str]:
    return [c for c in (value or "").split(",") if c]


def is_recipient(user: User, instruction: Instruction) -> bool:
    session = object_session(instruction)
    if session is None or instruction.id is None:
        return False
    found = session.exec(
        select(InstructionReceipt.id).where(
            InstructionReceipt.instruction_id == instruction.id, InstructionReceipt.user_id == user.id
        )
    ).first()
    return found is not None


def _head_of_concerned_agency(user: User, instruction: Instruction) -> bool:
    agencies = codes(instruction.target_agencies)
    concerned = not agencies or user.agency in agencies or user.agency == instruction.author_agency
    return is_role(user, Role.PIMPINAN) and concerned and sees_region(user, instruction.region_code)


def _incident_visible(user: User, instruction: Instruction) -> bool:
    if instruction.incident_id is None:
        return True
    session = object_session(instruction)
    return session is not None and may_see(session, user, "timeline_entry", instruction.incident_id)


@policies.rule("instructions.list")
def list_(user: User, _obj) -> bool:
    return user.active


@policies.rule("instructions.send")
def send(user: User, _obj) -> bool:
    return is_role(user, Role.OPERATOR, Role.PIMPINAN)


@policies.rule("instructions.view")
def view(user: User, instruction: Instruction | None) -> bool:
    if instruction is None:
        return True
    if not _incident_visible(user, instruction):
        return False
    return (
        instruction.author_id == user.id
        or _head_of_concerned_agency(user, instruction)
        or is_recipient(user, instruction)
    )


@policies.rule("instructions.receipts")
def receipts(user: User, instruction: Instruction) -> bool:
    if instruction is None or not _incident_visible(user, instruction):
        return False
    return instruction.author_id == user.id or _head_of_concerned_agency(user, instruction)


# Notifications, push and the audit log name instructions by id: they show them by this same rule.
policies.viewable("instruction", Instruction, "instructions.view")
