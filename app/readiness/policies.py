"""Who may read and write which part of readiness. Everyone reads what is in scope; each agency writes its
own part (SPEC.md §2): KPU the TPS master data, logistics and turnout; Polri/TNI the deployment (Pemda the
Linmas counts); Bawaslu the TPS-rawan indicators; Kejaksaan the AGHT entries."""

from __future__ import annotations

from typing import Any

from app.auth.models import Agency, Role, User
from app.authz import Policies, is_agency, is_role, sees_region
from app.readiness.models import AghtEntry

policies = Policies()

WRITERS = (Role.OPERATOR, Role.PIMPINAN, Role.ADMIN)


def _region_of(obj: Any) -> str | None:
    if obj is None:
        return None
    for attr in ("village_code", "region_code", "code"):
        value = getattr(obj, attr, None)
        if value:
            return value
    return None


def _in_scope(user: User, obj: Any) -> bool:
    return obj is None or sees_region(user, _region_of(obj))


def _writer(user: User, *agencies: Agency) -> bool:
    return is_agency(user, *agencies) and is_role(user, *WRITERS)


@policies.rule("readiness.view")
def view(user: User, obj: Any) -> bool:
    return _in_scope(user, obj)


@policies.rule("readiness.edit_tps")
def edit_tps(user: User, obj: Any) -> bool:
    return _writer(user, Agency.KPU) and _in_scope(user, obj)


@policies.rule("readiness.edit_logistics")
def edit_logistics(user: User, obj: Any) -> bool:
    return _writer(user, Agency.KPU) and _in_scope(user, obj)


@policies.rule("readiness.edit_turnout")
def edit_turnout(user: User, obj: Any) -> bool:
    return _writer(user, Agency.KPU) and _in_scope(user, obj)


@policies.rule("readiness.edit_deployment")
def edit_deployment(user: User, obj: Any) -> bool:
    """Polri and TNI post personnel and set categories."""
    return _writer(user, Agency.POLRI, Agency.TNI) and _in_scope(user, obj)


@policies.rule("readiness.edit_linmas")
def edit_linmas(user: User, obj: Any) -> bool:
    """Pemda (Satpol PP/Linmas) enters the Linmas counts; Polri/TNI may too."""
    return (
        is_agency(user, Agency.PEMDA, Agency.POLRI, Agency.TNI)
        and is_role(user, *WRITERS, Role.SEKRETARIAT)
        and _in_scope(user, obj)
    )


@policies.rule("readiness.edit_rawan")
def edit_rawan(user: User, obj: Any) -> bool:
    return _writer(user, Agency.BAWASLU) and _in_scope(user, obj)


@policies.rule("readiness.edit_aght")
def edit_aght(user: User, obj: Any) -> bool:
    return _writer(user, Agency.KEJAKSAAN) and _in_scope(user, obj)


@policies.rule("readiness.view_aght")
def view_aght(user: User, entry: Any) -> bool:
    """AGHT entries are shown to Kejaksaan and to the agencies chosen on the entry, in scope."""
    if entry is None:
        return True
    if not sees_region(user, entry.region_code):
        return False
    return is_agency(user, Agency.KEJAKSAAN) or user.agency in (entry.visible_to or [])


# The audit log and notifications name AGHT entries by id: they show them by this same rule.
policies.viewable("aght", AghtEntry, "readiness.view_aght")
