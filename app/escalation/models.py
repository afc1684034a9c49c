"""Escalation rules per desk and the escalations that fired.

A desk is a region (kabupaten/kota or province). Its rules are ordered (``level`` 1, 2, 3…): "an incident of these
severities, ``condition`` still true ``minutes`` after it reached the server → alert ``target``". A region without
rules of its own uses the nearest desk above it, then the defaults (app/escalation/settings.py).

An ``Escalation`` row is written once per incident and level (unique), with the people alerted
(``EscalationRecipient``), so it is never sent twice and the incident page shows who was alerted, when and why.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.enums import EnumColumns, enum_field
from app.escalation.vocab import Condition, Target


class EscalationRule(EnumColumns, SQLModel, table=True):
    __tablename__ = "escalation_rule"
    __table_args__ = (UniqueConstraint("region_code", "level", name="uq_escalation_rule_region_code_level"),)

    id: int | None = Field(default=None, primary_key=True)
    region_code: str = Field(foreign_key="region.code", max_length=13, index=True)
    level: int
    severities: str = Field(default=",tinggi,", max_length=40)  # ",sedang,tinggi,"
    condition: Condition = enum_field(Condition, 20)
    minutes: int
    target: Target = enum_field(Target, 12)
    updated_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    updated_at: datetime


class Escalation(EnumColumns, SQLModel, table=True):
    __tablename__ = "escalation"
    __table_args__ = (UniqueConstraint("entry_id", "level", name="uq_escalation_entry_id_level"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="timeline_entry.id", index=True)
    level: int
    condition: Condition = enum_field(Condition, 20)
    minutes: int
    target: Target = enum_field(Target, 12)
    agency: str = Field(max_length=16)  # whose piket/head was meant (the handling agency, else the desk's)
    fired_at: datetime = Field(index=True)
    # Nobody on duty: the agency's operators were alerted instead (said on the incident page).
    fallback: bool = Field(default=False)


class EscalationRecipient(SQLModel, table=True):
    __tablename__ = "escalation_recipient"
    __table_args__ = (
        UniqueConstraint("escalation_id", "user_id", name="uq_escalation_recipient_escalation_id_user_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    escalation_id: int = Field(foreign_key="escalation.id", index=True)
    user_id: int = Field(foreign_key="user_account.id", index=True)
