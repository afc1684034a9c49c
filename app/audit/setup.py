"""Register the audit log view and its menu entry."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, registry_of


def register(app: Flask) -> None:
    from app.audit.policies import policies
    from app.audit.routes import bp

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    reg.add_nav(NavItem("audit.index", _l("Audit log"), "users", 95, permission="audit.view", in_bottom_bar=False))
