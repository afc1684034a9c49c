"""Register the dashboard, its menu entry and the template helpers for permission-checked navigation."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.registry import NavItem, bottom_bar, registry


def _can(action: str, obj: Any = None) -> bool:
    """``can(...)`` in templates: the current user against the policy registry (one idiom for menus and pages)."""
    from app.authz import can

    return can(current_user, action, obj)


def _bottom_bar(items: list[NavItem]) -> list[NavItem]:
    return bottom_bar(items, current_user) if current_user.is_authenticated else []


def register(app: Flask) -> None:
    from app.dashboard import policies  # noqa: F401  (registers dashboard.view)
    from app.dashboard.routes import bp
    from app.dashboard.seed import seed_today

    app.register_blueprint(bp)
    app.jinja_env.globals.update(can=_can, bottom_bar=_bottom_bar)
    registry.add_nav(NavItem("dashboard.index", _l("Home"), "home", 0))
    registry.add_seeder(90, "today", seed_today)
