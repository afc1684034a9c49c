"""The duty roster: add, change and remove shifts; who is on duty now; the rosters of a day.

Services take ``(session, ..., actor=, now=)``, flush, never commit, and audit every change. A shift that has
ended is history: it is neither changed nor removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_
from sqlmodel import Session, select

from app.audit.services import record, snapshot
from app.auth.models import Agency, User
from app.duty.models import DutyHandover, DutyShift
from app.duty.policies import related
from app.duty.settings import settings
from app.errors import DomainError
from app.forms import phone_e164
from app.i18n import format_time, zone
from app.regions.models import Region
from app.regions.services import in_scope, parent_code

AUDIT_FIELDS = ["agency", "region_code", "starts_at", "ends_at", "user_id", "name", "phone", "post"]


class DutyError(DomainError):
    """A refused roster change (``field`` names the form field)."""


@dataclass(frozen=True)
class ShiftInput:
    agency: str
    region_code: str
    starts_at: datetime
    ends_at: datetime
    user_id: int | None = None
    name: str = ""
    phone: str = ""
    post: str = ""


def chain(code: str) -> list[str]:
    """``19.02.02.2001`` → the region and every region containing it, nearest first."""
    out: list[str] = []
    c: str | None = code
    while c:
        out.append(c)
        c = parent_code(c)
    return out


def local_span(day: date, start: time, end: time, region_code: str) -> tuple[datetime, datetime]:
    """A shift typed as a day and two clock times in the region's zone; an end at or before the start is the
    next day (the night shift 23.00–07.00)."""
    tz = zone(region_code)
    starts = datetime.combine(day, start, tz)
    ends = datetime.combine(day, end, tz)
    if ends <= starts:
        ends += timedelta(days=1)
    return starts, ends


def _person(session: Session, data: ShiftInput, actor: User) -> tuple[int | None, str, str | None]:
    phone = (data.phone or "").strip()
    e164 = phone_e164(phone) if phone else None
    if phone and e164 is None:
        raise DutyError("phone", _l("This is not a valid Indonesian phone number."))
    if data.user_id:
        user = session.get(User, data.user_id)
        if user is None or not user.active or user.agency != data.agency or not related(user, data.region_code):
            raise DutyError("user_id", _l("Choose an officer of this agency in the roster's region."))
        return user.id, user.name, e164 or user.phone
    name = " ".join((data.name or "").split())
    if not name:
        raise DutyError("name", _l("Choose the officer on duty or write their name."))
    if len(name) > 120:
        raise DutyError("name", _l("The name is too long (at most 120 characters)."))
    return None, name, e164


def _check(session: Session, data: ShiftInput, *, actor: User, now: datetime, exclude: int | None = None):
    if data.agency != actor.agency or data.agency not in {a.value for a in Agency}:
        raise DutyError("agency", _l("You can only edit your own agency's roster."))
    region = session.get(Region, data.region_code)
    if region is None or region.level > 3 or not in_scope(region.code, actor.region_code):
        raise DutyError("region_code", _l("Choose a region in your scope."))
    if data.ends_at <= data.starts_at:
        raise DutyError("ends_at", _l("The shift must end after it starts."))
    if data.ends_at - data.starts_at > timedelta(hours=settings().max_shift_hours):
        raise DutyError("ends_at", _l("A shift lasts at most 24 hours."))
    if data.ends_at <= now:
        raise DutyError("starts_at", _l("This shift has already ended: the roster keeps past shifts as history."))
    if len(data.post or "") > 120:
        raise DutyError("post", _l("The post is too long (at most 120 characters)."))
    user_id, name, phone = _person(session, data, actor)
    clash = session.exec(
        select(DutyShift).where(
            DutyShift.agency == data.agency,
            DutyShift.user_id == user_id if user_id else DutyShift.name == name,
            DutyShift.starts_at < data.ends_at,
            DutyShift.ends_at > data.starts_at,
            DutyShift.id != (exclude or 0),
        )
    ).first()
    if clash is not None:
        span = f"{format_time(clash.starts_at, clash.region_code)}–{format_time(clash.ends_at, clash.region_code)}"
        raise DutyError("starts_at", _l("%(name)s is already on duty then (%(span)s).", name=name, span=span))
    return user_id, name, phone


def add_shift(session: Session, data: ShiftInput, *, actor: User, now: datetime) -> DutyShift:
    """Put someone on the roster. :raise DutyError:"""
    user_id, name, phone = _check(session, data, actor=actor, now=now)
    shift = DutyShift(
        agency=data.agency,
        region_code=data.region_code,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        user_id=user_id,
        name=name,
        phone=phone,
        post=(data.post or "").strip(),
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    session.add(shift)
    session.flush()
    _audit(session, "duty.shift_add", shift, actor, now, after=snapshot(shift, AUDIT_FIELDS))
    return shift


def update_shift(session: Session, shift: DutyShift, data: ShiftInput, *, actor: User, now: datetime) -> DutyShift:
    """Change a shift that has not ended. :raise DutyError:"""
    if shift.ends_at <= now:
        raise DutyError("starts_at", _l("This shift has already ended: the roster keeps past shifts as history."))
    user_id, name, phone = _check(session, data, actor=actor, now=now, exclude=shift.id)
    before = snapshot(shift, AUDIT_FIELDS)
    shift.region_code, shift.starts_at, shift.ends_at = data.region_code, data.starts_at, data.ends_at
    shift.user_id, shift.name, shift.phone, shift.post = user_id, name, phone, (data.post or "").strip()
    shift.updated_at = now
    session.add(shift)
    session.flush()
    _audit(session, "duty.shift_edit", shift, actor, now, before=before, after=snapshot(shift, AUDIT_FIELDS))
    return shift


def delete_shift(session: Session, shift: DutyShift, *, actor: User, now: datetime) -> None:
    """Remove a shift that has not started (a running or past shift is history). :raise DutyError:"""
    if shift.starts_at <= now:
        raise DutyError(None, _l("A shift that has started stays on the roster; change its end instead."))
    before = snapshot(shift, AUDIT_FIELDS)
    for note in session.exec(
        select(DutyHandover).where(or_(DutyHandover.to_shift_id == shift.id, DutyHandover.from_shift_id == shift.id))
    ).all():
        note.to_shift_id = None if note.to_shift_id == shift.id else note.to_shift_id
        note.from_shift_id = None if note.from_shift_id == shift.id else note.from_shift_id
        session.add(note)
    _audit(session, "duty.shift_delete", shift, actor, now, before=before)
    session.delete(shift)
    session.flush()


def _audit(session, action, shift, actor, now, *, before=None, after=None) -> None:
    record(
        session,
        actor=actor,
        action=action,
        object_type="duty_shift",
        object_id=shift.id,
        now=now,
        before=before,
        after=after,
        region_code=shift.region_code,
    )


def on_duty(session: Session, agency: str, region_code: str, now: datetime) -> list[DutyShift]:
    """Who of ``agency`` is on duty now for ``region_code``: the nearest roster that has someone (a kecamatan
    post before the kabupaten desk), else an empty list."""
    codes = chain(region_code)
    rows = session.exec(
        select(DutyShift).where(
            DutyShift.agency == agency,
            DutyShift.region_code.in_(codes),
            DutyShift.starts_at <= now,
            DutyShift.ends_at > now,
        )
    ).all()
    for code in codes:
        nearest = sorted((s for s in rows if s.region_code == code), key=lambda s: (s.starts_at, s.id))
        if nearest:
            return nearest
    return []


def on_duty_user_ids(session: Session, agency: str, region_code: str, now: datetime) -> list[int]:
    """Accounts on duty now (provider ``"duty_on_duty"``: escalations alert them)."""
    return sorted({s.user_id for s in on_duty(session, agency, region_code, now) if s.user_id})


def visible_shifts(session: Session, user: User, start: datetime, end: datetime, agency: str | None = None):
    """Shifts overlapping ``[start, end)`` in regions related to the user's scope, by agency and start."""
    codes = chain(user.region_code)
    query = select(DutyShift).where(
        or_(
            DutyShift.region_code.in_(codes),
            DutyShift.region_code.startswith(user.region_code + ".", autoescape=True),
        ),
        DutyShift.starts_at < end,
        DutyShift.ends_at > start,
    )
    if agency:
        query = query.where(DutyShift.agency == agency)
    return list(session.exec(query.order_by(DutyShift.agency, DutyShift.starts_at, DutyShift.id)).all())


def day_bounds(day: date, region_code: str) -> tuple[datetime, datetime]:
    tz = zone(region_code)
    return datetime.combine(day, time.min, tz), datetime.combine(day + timedelta(days=1), time.min, tz)
