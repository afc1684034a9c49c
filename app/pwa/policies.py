"""Who may open the outbox page: every active account (the outbox itself lives in the phone)."""

from __future__ import annotations

from app.auth.models import User
from app.authz import Policies

policies = Policies()


@policies.rule("pwa.outbox")
def view_outbox(user: User, _obj: None) -> bool:
    return user.active
