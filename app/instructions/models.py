"""An instruction and one receipt per recipient.

The recipients are fixed when the instruction is sent (the accounts its audience named at that moment), so "who
has not read it" means the same thing to the sender at 07.15 and in the report at 20.00. ``target_agencies`` and
``target_roles`` are ``",POLRI,TNI,"`` style lists (empty: all); ``region_code`` is the region it is for (the
sender's own or a kecamatan below it). ``incident_id`` names the incident it is about, if any: then only people
who may see that incident receive or read it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Instruction(SQLModel, table=True):
    __tablename__ = "instruction"

    id: int | None = Field(default=None, primary_key=True)
    author_id: int = Field(foreign_key="user_account.id", index=True)
    author_agency: str = Field(max_length=16)
    region_code: str = Field(foreign_key="region.code", max_length=13, index=True)
    text: str = Field(max_length=1000)
    target_agencies: str = Field(default="", max_length=120)
    target_roles: str = Field(default="", max_length=80)
    incident_id: int | None = Field(default=None, foreign_key="timeline_entry.id", index=True)
    remind_after_minutes: int = Field(default=0)  # 0: no reminder
    created_at: datetime = Field(index=True)
    timeline_entry_id: int | None = Field(default=None, foreign_key="timeline_entry.id")
    recipient_count: int = Field(default=0)


class InstructionReceipt(SQLModel, table=True):
    __tablename__ = "instruction_receipt"
    __table_args__ = (
        UniqueConstraint("instruction_id", "user_id", name="uq_instruction_receipt_instruction_id_user_id"),
        Index("ix_instruction_receipt_user_id_read_at", "user_id", "read_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    instruction_id: int = Field(foreign_key="instruction.id", index=True)
    user_id: int = Field(foreign_key="user_account.id")
    read_at: datetime | None = None
    reminded_at: datetime | None = None
