"""Register the admin pages and their menu entry."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, registry_of


def register(app: Flask) -> None:
    from app.admin.routes import bp

    reg = registry_of(app)
    app.register_blueprint(bp)
    reg.add_nav(NavItem("admin.users", _l("Users"), "users", 90, permission="users.manage", in_bottom_bar=False))
