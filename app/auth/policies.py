"""Who may manage accounts: admins, inside their own scope."""

from __future__ import annotations

from app.auth.models import Role, User
from app.authz import Policies, is_role, sees_region

policies = Policies()


@policies.rule("users.manage")
def manage_users(user: User, _obj: None) -> bool:
    return is_role(user, Role.ADMIN)


@policies.rule("user.edit")
def edit_user(user: User, target: User) -> bool:
    return is_role(user, Role.ADMIN) and sees_region(user, target.region_code)


@policies.rule("region.view")
def view_region(user: User, region) -> bool:
    return sees_region(user, region.code)
