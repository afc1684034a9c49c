"""Responses remembered per (scope, key) so a replayed request gets the original answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, UniqueConstraint
from sqlmodel import Column, Field, SQLModel


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("scope", "key", name="uq_idempotency_record_scope_key"),)

    id: int | None = Field(default=None, primary_key=True)
    # "user:<id>" for logged-in users; "anon:<hash of this browser's session secret>" for anonymous ones.
    scope: str = Field(max_length=40)
    key: str = Field(max_length=100)
    method: str = Field(max_length=8)
    path: str = Field(max_length=300)
    created_at: datetime = Field(index=True)
    # Empty while the first request is still being processed (or if its process died after committing).
    status_code: int | None = None
    content_type: str | None = Field(default=None, max_length=100)
    location: str | None = Field(default=None, max_length=500)
    body: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
