"""Register the audit log view and its menu entry."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, registry


def register(app: Flask) -> None:
    from app.audit import policies  # noqa: F401  (registers audit.view)
    from app.audit.routes import bp

    app.register_blueprint(bp)
    registry.add_nav(NavItem("audit.index", _l("Audit log"), "users", 95, permission="audit.view",
                             in_bottom_bar=False))
