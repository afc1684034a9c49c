"""Who may see and handle complaints. Reporter identity: the handling Bawaslu's operator/pimpinan (the
complaint's own desk, ``at_its_desk``) and the officers of its Sentra Gakkumdu case only."""

from __future__ import annotations

from sqlalchemy.orm import object_session
from sqlmodel import select

from app.auth.models import Agency, Role, User
from app.authz import Policies, is_agency, is_role, sees_region
from app.complaints.models import Complaint, GakkumduCase
from app.regions.services import desk_of

policies = Policies()

FOLLOWER_AGENCIES = {Agency.POLRI, Agency.KEJAKSAAN, Agency.KPU, Agency.TNI, Agency.PEMDA}
FOLLOWER_ROLES = (Role.OPERATOR, Role.PIMPINAN, Role.SEKRETARIAT)


def is_bawaslu_handler(user: User) -> bool:
    return is_agency(user, Agency.BAWASLU) and is_role(user, Role.OPERATOR, Role.PIMPINAN)


def at_its_desk(user: User, complaint) -> bool:
    """The user sits at the level that handles the complaint: the Bawaslu (and the Sentra Gakkumdu) of the
    complaint's kabupaten/kota, or of the province for a province complaint. The level above supervises and sees
    the case, but not who reported it (need to know); a case it takes over is handed to it (``dilimpahkan``)."""
    return complaint.region_code is not None and user.region_code == desk_of(complaint.region_code)


def is_bawaslu_staff(user: User | None) -> bool:
    """Any Bawaslu account but the administrator: records findings (temuan) and receives signed report forms."""
    return user is not None and is_agency(user, Agency.BAWASLU) and not is_role(user, Role.ADMIN)


def may_list(user: User) -> bool:
    if is_agency(user, Agency.BAWASLU):
        return True
    return is_agency(user, *FOLLOWER_AGENCIES) and is_role(user, *FOLLOWER_ROLES)


@policies.rule("complaints.list")
def list_complaints(user: User, _obj) -> bool:
    return may_list(user)


@policies.rule("complaints.staff_intake")
def staff_intake(user: User, _obj) -> bool:
    return not is_role(user, Role.ADMIN)


@policies.rule("complaints.temuan")
def record_temuan(user: User, _obj) -> bool:
    return is_bawaslu_staff(user)


@policies.rule("complaints.receive_signed_form")
def receive_signed_form(user: User, _obj) -> bool:
    """At staff intake: the reporter signed the A.1/B.1 in front of this (Bawaslu) officer."""
    return is_bawaslu_staff(user)


@policies.rule("complaint.view")
def view(user: User, complaint) -> bool:
    if not sees_region(user, complaint.region_code):
        return False
    if is_agency(user, Agency.BAWASLU):
        return True
    return may_list(user) and f",{user.agency}," in (complaint.routed_agencies or "")


def is_gakkumdu_member(user: User, complaint) -> bool:
    """A Polri or Kejaksaan officer (operator/pimpinan) on the complaint's Sentra Gakkumdu case: investigators
    and prosecutors examine the reporter as a witness, so they may see who it is (every view is audited).
    The centre sits at the desk's level (``at_its_desk``): a Polda officer above a Polres case is not on it."""
    if not (is_agency(user, Agency.POLRI, Agency.KEJAKSAAN) and is_role(user, Role.OPERATOR, Role.PIMPINAN)):
        return False
    if not at_its_desk(user, complaint):
        return False
    session = object_session(complaint)
    if session is None or complaint.id is None:
        return False
    return session.exec(select(GakkumduCase.id).where(GakkumduCase.complaint_id == complaint.id)).first() is not None


@policies.rule("complaint.view_identity")
def view_identity(user: User, complaint) -> bool:
    if not sees_region(user, complaint.region_code):
        return False
    return handle(user, complaint) or is_gakkumdu_member(user, complaint)


@policies.rule("complaint.handle")
def handle(user: User, complaint) -> bool:
    return is_bawaslu_handler(user) and at_its_desk(user, complaint)


@policies.rule("gakkumdu.view")
def gakkumdu_view(user: User, case) -> bool:
    return is_agency(user, Agency.BAWASLU, Agency.POLRI, Agency.KEJAKSAAN) and sees_region(user, case.region_code)


@policies.rule("gakkumdu.advance")
def gakkumdu_advance(user: User, case) -> bool:
    return gakkumdu_view(user, case) and is_role(user, Role.OPERATOR, Role.PIMPINAN)


@policies.rule("complaint.reporter_messages")
def reporter_messages(user: User, complaint) -> bool:
    """Messages between Bawaslu and the reporter may name them: the handling Bawaslu's operator/pimpinan only."""
    return handle(user, complaint)


# The audit log and notifications name complaints and cases by id: they show them by these same rules.
policies.viewable("complaint", Complaint, "complaint.view")
policies.viewable("gakkumdu_case", GakkumduCase, "gakkumdu.view")
