"""Who reads the board and who records a step.

Everyone reads the board of their scope (the TPS of their region and below). A step is recorded by the agencies
the settings name for it (issue 15: security arrival by Polri/TNI, the voting steps by KPU or Bawaslu), by their
field officers and by desk operators who take the report by phone; only at a TPS of their scope.
"""

from __future__ import annotations

from app.auth.models import Role, User
from app.authz import Policies, is_role
from app.regions.services import in_scope
from app.votingday.settings import VotingDaySettings, recorders, settings

policies = Policies()


def steps_for(user: User, s: VotingDaySettings | None = None) -> list[str]:
    """The steps ``user`` may record (empty: none); ``s`` defaults to the settings of the regime of the user's
    region (no database look-up unless ``VOTINGDAY_REGIMES`` is set)."""
    s = s or _settings_of(user)
    if user.role not in set(s.recorder_roles):
        return []
    return [step for step, agencies in recorders(s).items() if user.agency in agencies]


@policies.rule("votingday.view")
def view(user: User, tps) -> bool:
    return tps is None or in_scope(tps.village_code, user.region_code)


@policies.rule("votingday.checkin")
def checkin(user: User, tps) -> bool:
    """``tps``: the TPS to record at (None: may this user record anything at all)."""
    if not steps_for(user):
        return False
    return tps is None or in_scope(tps.village_code, user.region_code)


@policies.rule("votingday.report_late")
def report_late(user: User, tps) -> bool:
    """Turn a late opening into an incident: who records the voting steps, and the desk's operators and heads."""
    if not (steps_for(user) or is_role(user, Role.OPERATOR, Role.PIMPINAN)):
        return False
    return tps is None or in_scope(tps.village_code, user.region_code)


@policies.rule("votingday.assign")
def assign(user: User, obj) -> bool:
    """Post officers to TPS: the operators and heads of an agency, for their own agency's officers at TPS of
    their scope. ``obj``: an assignment (or a draft with ``agency`` and ``region_code``) or None."""
    if not is_role(user, Role.OPERATOR, Role.PIMPINAN):
        return False
    return obj is None or (obj.agency == user.agency and in_scope(obj.region_code, user.region_code))


def _settings_of(user: User) -> VotingDaySettings:
    s = settings()
    if not s.regimes:
        return s
    from app.clock import utcnow
    from app.db import get_session
    from app.votingday.regimes import settings_for

    return settings_for(get_session(), user.region_code, utcnow())
