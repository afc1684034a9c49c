"""Register readiness: pages, navigation entry, dashboard panels and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, registry_of


def _readiness_is_core_work(user) -> bool:
    """Logistics (KPU), deployment (Polri, TNI) and AGHT (Kejaksaan) are these operators' daily work."""
    return user.role == "operator" and user.agency in ("KPU", "POLRI", "TNI", "KEJAKSAAN")


def register(app: Flask) -> None:
    from app.readiness import panels, seed
    from app.readiness.policies import policies
    from app.readiness.routes import bp

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    from app.readiness.formatting import cached_percent

    app.jinja_env.filters.setdefault("rd_percent", cached_percent)
    reg.add_nav(
        NavItem(
            "readiness.overview",
            _l("Readiness"),
            "readiness",
            40,
            permission="readiness.view",
            core=_readiness_is_core_work,
        )
    )
    panels.register(reg)
    reg.add_seeder(50, "readiness", seed.seed_readiness)
