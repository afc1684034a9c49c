"""Posting field officers to TPS for voting day (``/hari-h/penugasan``).

An agency's operators and heads post their own agency's officers who record voting-day steps to TPS of their
scope (and of the officer's). The check-in form then offers the officer's own TPS first and opens on the first
one with a step still to record. Services take ``(session, ..., actor=, now=)``, flush but never commit, and
audit every change against the TPS (``votingday.assign`` / ``votingday.unassign``).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.audit.services import record as audit
from app.auth import services as accounts
from app.auth.models import User
from app.authz import can
from app.errors import DomainError
from app.regions.models import TPS
from app.regions.services import in_scope, scope_clause
from app.votingday.models import TpsAssignment
from app.votingday.policies import steps_for

MAX_PER_OFFICER = 30  # [U] a field officer covers a few TPS of a village or two; more is a typing slip


class AssignmentError(DomainError):
    """A posting refused; ``field`` names the form field."""


def officers(session: Session, actor: User) -> list[User]:
    """The active officers ``actor`` may post: own agency, in ``actor``'s scope, recording voting-day steps."""
    return [person for person in accounts.colleagues(session, actor) if steps_for(person)]


def posted(session: Session, actor: User) -> list[TpsAssignment]:
    """The postings of ``actor``'s agency in ``actor``'s scope, by officer then TPS."""
    return list(
        session.exec(
            select(TpsAssignment)
            .where(TpsAssignment.agency == actor.agency, scope_clause(TpsAssignment.region_code, actor.region_code))
            .order_by(TpsAssignment.user_id, TpsAssignment.tps_id)
        ).all()
    )


def tps_of(session: Session, user: User) -> list[int]:
    """The ids of the TPS ``user`` is posted to that are still in their scope, in the order they were posted."""
    rows = session.exec(
        select(TpsAssignment.tps_id, TpsAssignment.region_code)
        .where(TpsAssignment.user_id == user.id)
        .order_by(TpsAssignment.assigned_at, TpsAssignment.id)
    ).all()
    return [tps_id for tps_id, code in rows if in_scope(code, user.region_code)]


def assign(session: Session, *, tps_id: int, officer_id: int, actor: User, now: datetime) -> TpsAssignment:
    """Post one officer to one TPS; refused with a message for the field at fault."""
    officer = session.get(User, officer_id)
    if officer is None or officer not in officers(session, actor):
        raise AssignmentError("officer", _l("Choose an officer of your agency who records voting-day steps."))
    tps = session.get(TPS, tps_id)
    if tps is None or not in_scope(tps.village_code, actor.region_code):
        raise AssignmentError("tps_id", _l("Choose a TPS of your area."))
    if not in_scope(tps.village_code, officer.region_code):
        raise AssignmentError("tps_id", _l("This TPS is outside the officer's area: they could not report from it."))
    draft = TpsAssignment(
        tps_id=tps.id,
        user_id=officer.id,
        agency=officer.agency,
        region_code=tps.village_code,
        assigned_by_id=actor.id,
        assigned_at=now,
    )
    if not can(actor, "votingday.assign", draft):
        raise AssignmentError("tps_id", _l("Choose a TPS of your area."))
    mine = session.exec(select(TpsAssignment.tps_id).where(TpsAssignment.user_id == officer.id)).all()
    if tps.id in mine:
        raise AssignmentError("tps_id", _l("%(name)s is already posted to this TPS.", name=officer.name))
    if len(mine) >= MAX_PER_OFFICER:
        raise AssignmentError(
            "tps_id", _l("%(name)s is already posted to %(count)s TPS.", name=officer.name, count=len(mine))
        )
    session.add(draft)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # the same posting at the same moment from another desk
        raise AssignmentError("tps_id", _l("%(name)s is already posted to this TPS.", name=officer.name)) from None
    audit(
        session,
        actor=actor,
        action="votingday.assign",
        object_type="tps",
        object_id=tps.id,
        now=now,
        after={"officer": officer.name, "agency": str(officer.agency)},
        region_code=tps.village_code,
    )
    return draft


def unassign(session: Session, posting: TpsAssignment, *, actor: User, now: datetime) -> None:
    """End a posting (the officer keeps every check-in they made there)."""
    officer = session.get(User, posting.user_id)
    audit(
        session,
        actor=actor,
        action="votingday.unassign",
        object_type="tps",
        object_id=posting.tps_id,
        now=now,
        before={"officer": officer.name if officer else "", "agency": str(posting.agency)},
        region_code=posting.region_code,
    )
    session.delete(posting)
    session.flush()
