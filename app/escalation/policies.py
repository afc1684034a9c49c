"""Who sees escalations and who sets the desk's rules."""

from __future__ import annotations

from app.auth.models import Role, User
from app.authz import Policies, is_role

policies = Policies()


@policies.rule("escalation.view")
def view(user: User, _obj) -> bool:
    """The list of escalations in progress: desk staff and heads (each sees only incidents they may see)."""
    return is_role(user, Role.OPERATOR, Role.PIMPINAN, Role.SEKRETARIAT, Role.ADMIN)


@policies.rule("escalation.rules")
def rules(user: User, _obj) -> bool:
    """The desk's escalation rules are set by its administrator (issue 15: "rules per desk (admin)")."""
    return is_role(user, Role.ADMIN)
