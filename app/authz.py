"""Authorisation in one place: "may this user do this (to this object)?".

Features register a policy per action name (``"timeline.post"``, ``"complaint.view_identity"``); routes ask
``can``/``require``, and ``get_or_404`` turns an unknown id into 404 and a refusal into 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlmodel import Session

from app.auth.models import Agency, Role, User
from app.regions.services import in_scope

Policy = Callable[[User, Any], bool]
_policies: dict[str, Policy] = {}
T = TypeVar("T")


@dataclass(frozen=True)
class ObjectKind:
    """How an object named by ``(object_type, object_id)`` is loaded and which policy says who may see it."""

    model: type
    action: str


_object_kinds: dict[str, ObjectKind] = {}


def policy(action: str) -> Callable[[Policy], Policy]:
    """Register the rule for ``action``; the rule gets the (active) user and the object or None."""

    def register(rule: Policy) -> Policy:
        if action in _policies and _policies[action] is not rule:
            raise RuntimeError(f"policy {action!r} registered twice")
        _policies[action] = rule
        return rule

    return register


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True when ``user`` may do ``action`` (to ``obj``). Unknown actions are refused, never allowed."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
        return False
    rule = _policies.get(action)
    if rule is None:
        raise LookupError(f"no policy registered for {action!r}")
    return bool(rule(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """:raise 403: when ``can`` says no."""
    if not can(user, action, obj):
        abort(403)


def get_or_404(session: Session, model: type[T], ident: Any, *, user: Any, action: str) -> T:
    """Load ``model`` by primary key for ``action``.

    :raise 404: when no such row exists.
    :raise 403: when it exists but ``user`` may not do ``action`` to it.
    """
    obj = session.get(model, ident)
    if obj is None:
        abort(404)
    require(user, action, obj)
    return obj


def permission_required(action: str) -> Callable:
    """View decorator: log in first, then ``action`` must be allowed (without an object)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            require(current_user, action)
            return view(*args, **kwargs)

        return wrapper

    return decorator


# ---- one rule for objects named by reference (audit log, notifications, push) ---------------------------


def viewable(object_type: str, model: type, action: str) -> None:
    """Declare that ``object_type`` rows are confidential per object: channels that name them by reference
    (the audit log, notifications and their push payloads) show them only to users ``action`` allows."""
    known = _object_kinds.get(object_type)
    if known is not None and known != ObjectKind(model, action):
        raise RuntimeError(f"object type {object_type!r} declared twice")
    _object_kinds[object_type] = ObjectKind(model, action)


def is_confidential(object_type: str | None) -> bool:
    return object_type in _object_kinds


def may_see(session: Session, user: Any, object_type: str | None, object_id: Any, obj: Any = None) -> bool:
    """The viewing rule of the named object, for channels that only hold a reference to it.

    Undeclared object types carry nothing confidential (the channel's own scope rule applies); a declared
    object that no longer exists, or whose id is not a number, is shown to nobody.
    """
    kind = _object_kinds.get(object_type or "")
    if kind is None:
        return True
    if obj is None:
        try:
            ident = int(object_id)
        except (TypeError, ValueError):
            return False
        if not 0 < ident < 2**31:  # the ids are INTEGER columns: PostgreSQL refuses larger ones
            return False
        obj = session.get(kind.model, ident)
    return obj is not None and can(user, kind.action, obj)


# ---- helpers every policy uses -------------------------------------------------------------------------


def sees_region(user: User, region_code: str | None) -> bool:
    """The user's scope covers this region (the region is theirs or lies below it)."""
    return region_code is not None and in_scope(region_code, user.region_code)


def is_role(user: User, *roles: Role) -> bool:
    return user.role in {r.value for r in roles}


def is_agency(user: User, *agencies: Agency) -> bool:
    return user.agency in {a.value for a in agencies}
