"""Register the dashboard and its menu entry."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, registry


def register(app: Flask) -> None:
    from app.dashboard.routes import bp

    app.register_blueprint(bp)
    registry.add_nav(NavItem("dashboard.index", _l("Home"), "home", 0))
