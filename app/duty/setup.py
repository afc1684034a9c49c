"""Register the duty roster: pages, menu entry, the Polri/TNI panel, the provider escalations use, demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, Panel, registry_of


def register(app: Flask) -> None:
    from app.duty import handover_routes  # noqa: F401  (its views join the duty blueprint)
    from app.duty.display import shift_end, shift_span
    from app.duty.panel import build, leads
    from app.duty.policies import policies
    from app.duty.routes import bp
    from app.duty.seed import seed_duty, seed_handovers
    from app.duty.services import on_duty_user_ids

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    reg.add_nav(NavItem("duty.index", _l("Duty roster"), "duty", 36, permission="duty.view", in_bottom_bar=False))
    reg.add_panel(Panel("duty.now", "duty/_panel.html", 12, build, leads=leads))
    reg.provide("duty_on_duty", on_duty_user_ids)
    reg.add_offline_page("duty.index")
    reg.add_seeder(60, "duty", seed_duty)
    app.jinja_env.filters.update(shift_span=shift_span, shift_end=shift_end)
    reg.add_seeder(92, "duty.handovers", seed_handovers)  # after today's incident (90) and the instructions (70)
