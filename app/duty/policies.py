"""Who reads and edits the duty roster and its hand-over notes.

Everyone reads the rosters of their scope (the desk of their kabupaten above them, the kecamatan posts below):
knowing whom to call is the point. Operators and heads edit their own agency's roster within their scope; the
hand-over notes are the agency's own (its people in scope read them; its operators, heads and whoever is on duty
write them).
"""

from __future__ import annotations

from app.auth.models import Role, User
from app.authz import Policies, is_role
from app.duty.models import DutyHandover
from app.regions.services import in_scope

policies = Policies()


def related(user: User, region_code: str) -> bool:
    """The region is in the user's scope, or contains it (the kabupaten desk for a kecamatan officer)."""
    return in_scope(region_code, user.region_code) or in_scope(user.region_code, region_code)


@policies.rule("duty.view")
def view(user: User, obj) -> bool:
    return obj is None or related(user, obj.region_code)


@policies.rule("duty.edit")
def edit(user: User, obj) -> bool:
    """``obj``: a shift, or anything with ``agency`` and ``region_code`` (the roster being added to)."""
    if not is_role(user, Role.OPERATOR, Role.PIMPINAN):
        return False
    return obj is None or (obj.agency == user.agency and in_scope(obj.region_code, user.region_code))


@policies.rule("duty.handover")
def handover(user: User, obj) -> bool:
    """Write a hand-over note: anyone of the agency in the roster's scope (the officer on duty is often a field
    officer). ``obj`` is the draft (``agency``, ``region_code``) or None."""
    return obj is None or (obj.agency == user.agency and related(user, obj.region_code))


@policies.rule("duty.handover_view")
def handover_view(user: User, note: DutyHandover | None) -> bool:
    return note is None or (note.agency == user.agency and related(user, note.region_code))


policies.viewable("duty_handover", DutyHandover, "duty.handover_view")
