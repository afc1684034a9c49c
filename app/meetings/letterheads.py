"""Kop naskah dinas per agency and kabupaten/kota, set by an admin (lines, address, city, optional logo)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.audit.services import record
from app.auth.models import User
from app.meetings.models import Letterhead


def for_agency(session: Session, agency: str, region_code: str) -> Letterhead | None:
    return session.exec(
        select(Letterhead).where(Letterhead.agency == agency, Letterhead.region_code == region_code)
    ).first()


def save(
    session: Session,
    *,
    agency: str,
    region_code: str,
    line1: str,
    line2: str,
    address: str,
    city: str,
    logo_file: str | None,
    actor: User,
    now: datetime,
) -> Letterhead:
    head = for_agency(session, agency, region_code)
    if head is None:
        head = Letterhead(agency=agency, region_code=region_code, line1="", updated_at=now)
    head.line1, head.line2 = line1.strip()[:160], line2.strip()[:160]
    head.address, head.city = address.strip()[:300], city.strip()[:80]
    if logo_file:
        head.logo_file = logo_file
    head.updated_at = now
    session.add(head)
    session.flush()
    record(
        session,
        actor=actor,
        action="meeting.letterhead",
        object_type="meeting_letterhead",
        object_id=head.id,
        now=now,
        region_code=region_code,
        after={"agency": agency, "line1": head.line1, "logo": bool(head.logo_file)},
    )
    return head
