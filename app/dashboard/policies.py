"""Who may open the home page: every active account (what it shows is filtered per agency and scope)."""

from __future__ import annotations

from app.auth.models import User
from app.authz import Policies

policies = Policies()


@policies.rule("dashboard.view")
def view_dashboard(user: User, _obj: None) -> bool:
    return True
