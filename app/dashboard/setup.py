"""Register the dashboard, its menu entry and the template helpers for permission-checked navigation."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.registry import NavItem, bottom_bar, registry_of


def _can(action: str, obj: Any = None) -> bool:
    """``can(...)`` in templates: the current user against the policy registry (one idiom for menus and pages)."""
    from app.authz import can

    return can(current_user, action, obj)


def _bottom_bar(items: list[NavItem]) -> list[NavItem]:
    return bottom_bar(items, current_user) if current_user.is_authenticated else []


def register(app: Flask) -> None:
    from app.dashboard.policies import policies
    from app.dashboard.routes import bp
    from app.dashboard.seed import seed_today

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(can=_can, bottom_bar=_bottom_bar)
    reg.add_nav(NavItem("dashboard.index", _l("Home"), "home", 0))
    reg.add_offline_page("dashboard.index")
    reg.add_seeder(90, "today", seed_today)
