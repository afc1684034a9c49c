"""Authorisation in one place: "may this user do this (to this object)?".

Each feature declares its rules in its ``policies.py``::

    policies = Policies()

    @policies.rule("timeline.post")
    def post(user, obj): ...

    policies.viewable("timeline_entry", Entry, "timeline.view")

and installs them in its ``register(app)`` with ``registry_of(app).add_policies(policies)``. Routes, services
and templates ask ``can``/``require`` (templates: the ``can(...)`` global), and ``get_or_404`` turns an unknown
id into 404 and a refusal into 403. The table lives on the app (``app.registry``), never in a module global.
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
T = TypeVar("T")


@dataclass(frozen=True)
class ObjectKind:
    """How an object named by ``(object_type, object_id)`` is loaded and which policy says who may see it."""

    model: type
    action: str


class Policies:
    """One feature's rules, collected where they are written and installed on the app by ``register(app)``."""

    def __init__(self) -> None:
        self.rules: dict[str, Policy] = {}
        self.kinds: dict[str, ObjectKind] = {}

    def rule(self, action: str) -> Callable[[Policy], Policy]:
        """The rule for ``action``: it gets the (active) user and the object or None."""

        def add(rule: Policy) -> Policy:
            if action in self.rules:
                raise RuntimeError(f"policy {action!r} written twice")
            self.rules[action] = rule
            return rule

        return add

    def viewable(self, object_type: str, model: type, action: str) -> None:
        """Declare that ``object_type`` rows are confidential per object: channels that name them by reference
        (the audit log, notifications and their push payloads) show them only to users ``action`` allows."""
        if object_type in self.kinds:
            raise RuntimeError(f"object type {object_type!r} declared twice")
        self.kinds[object_type] = ObjectKind(model, action)


def _registry():
    from app.registry import current_registry

    return current_registry()


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True when ``user`` may do ``action`` (to ``obj``). Unknown actions are refused, never allowed."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "active", False):
        return False
    rule = _registry().policies.get(action)
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


def is_confidential(object_type: str | None) -> bool:
    """``object_type`` was declared with ``Policies.viewable``: who sees it is decided per object."""
    return object_type is not None and object_type in _registry().object_kinds


def may_see(session: Session, user: Any, object_type: str | None, object_id: Any, obj: Any = None) -> bool:
    """The viewing rule of the named object, for channels that only hold a reference to it.

    Undeclared object types carry nothing confidential (the channel's own scope rule applies); a declared
    object that no longer exists, or whose id is not a number, is shown to nobody.
    """
    kind = _registry().object_kinds.get(object_type) if object_type else None
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
