"""The audit trail every feature writes to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    action: str = Field(max_length=64, index=True)  # e.g. "user.create", "complaint.identity_view"
    object_type: str = Field(max_length=64, index=True)
    object_id: str = Field(max_length=64, index=True)
    # Region of the object, so an auditor sees only the trail of their own scope.
    region_code: str | None = Field(default=None, max_length=13, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
