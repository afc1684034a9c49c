"""Who reads the audit trail: admins and heads (pimpinan), inside their scope."""

from __future__ import annotations

from app.auth.models import Role, User
from app.authz import Policies, is_role

policies = Policies()


@policies.rule("audit.view")
def view_audit(user: User, _obj: None) -> bool:
    return is_role(user, Role.ADMIN, Role.PIMPINAN)
