"""Who may see and handle complaints. Reporter identity: Bawaslu operator/pimpinan in scope only."""

from __future__ import annotations

from sqlalchemy.orm import object_session
from sqlmodel import select

from app.auth.models import Agency, Role, User
from app.authz import is_agency, is_role, policy, sees_region, viewable
from app.complaints.models import Complaint, GakkumduCase

FOLLOWER_AGENCIES = {Agency.POLRI, Agency.KEJAKSAAN, Agency.KPU, Agency.TNI, Agency.PEMDA}
FOLLOWER_ROLES = (Role.OPERATOR, Role.PIMPINAN, Role.SEKRETARIAT)


def is_bawaslu_handler(user: User) -> bool:
    return is_agency(user, Agency.BAWASLU) and is_role(user, Role.OPERATOR, Role.PIMPINAN)


def may_list(user: User) -> bool:
    if is_agency(user, Agency.BAWASLU):
        return True
    return is_agency(user, *FOLLOWER_AGENCIES) and is_role(user, *FOLLOWER_ROLES)


@policy("complaints.list")
def list_complaints(user: User, _obj) -> bool:
    return may_list(user)


@policy("complaints.staff_intake")
def staff_intake(user: User, _obj) -> bool:
    return not is_role(user, Role.ADMIN)


@policy("complaints.temuan")
def record_temuan(user: User, _obj) -> bool:
    return is_agency(user, Agency.BAWASLU) and not is_role(user, Role.ADMIN)


@policy("complaint.view")
def view(user: User, complaint) -> bool:
    if not sees_region(user, complaint.region_code):
        return False
    if is_agency(user, Agency.BAWASLU):
        return True
    return may_list(user) and f",{user.agency}," in (complaint.routed_agencies or "")


def is_gakkumdu_member(user: User, complaint) -> bool:
    """A Polri or Kejaksaan officer (operator/pimpinan) on the complaint's Sentra Gakkumdu case: investigators
    and prosecutors examine the reporter as a witness, so they may see who it is (every view is audited)."""
    if not (is_agency(user, Agency.POLRI, Agency.KEJAKSAAN) and is_role(user, Role.OPERATOR, Role.PIMPINAN)):
        return False
    session = object_session(complaint)
    if session is None or complaint.id is None:
        return False
    from app.complaints.models import GakkumduCase

    return session.exec(select(GakkumduCase.id).where(GakkumduCase.complaint_id == complaint.id)).first() is not None


@policy("complaint.view_identity")
def view_identity(user: User, complaint) -> bool:
    if not sees_region(user, complaint.region_code):
        return False
    return is_bawaslu_handler(user) or is_gakkumdu_member(user, complaint)


@policy("complaint.handle")
def handle(user: User, complaint) -> bool:
    return is_bawaslu_handler(user) and sees_region(user, complaint.region_code)


@policy("gakkumdu.view")
def gakkumdu_view(user: User, case) -> bool:
    return is_agency(user, Agency.BAWASLU, Agency.POLRI, Agency.KEJAKSAAN) and sees_region(user, case.region_code)


@policy("gakkumdu.advance")
def gakkumdu_advance(user: User, case) -> bool:
    return gakkumdu_view(user, case) and is_role(user, Role.OPERATOR, Role.PIMPINAN)


@policy("complaint.reporter_messages")
def reporter_messages(user: User, complaint) -> bool:
    """Messages between Bawaslu and the reporter may name them: Bawaslu operator/pimpinan in scope only."""
    return is_bawaslu_handler(user) and sees_region(user, complaint.region_code)


# The audit log and notifications name complaints and cases by id: they show them by these same rules.
viewable("complaint", Complaint, "complaint.view")
viewable("gakkumdu_case", GakkumduCase, "gakkumdu.view")
