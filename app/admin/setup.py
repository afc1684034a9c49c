"""Register the admin pages and their menu entry."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, registry


def register(app: Flask) -> None:
    from app.admin.routes import bp

    app.register_blueprint(bp)
    registry.add_nav(NavItem("admin.users", _l("Users"), "users", 90, permission="users.manage",
                             in_bottom_bar=False))
