"""Register instructions: pages, menu entry, the page banner, reminders, providers and demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import Banner, NavItem, add_banner, registry_of


def register(app: Flask) -> None:
    from app.instructions import queries
    from app.instructions.policies import policies
    from app.instructions.routes import bp
    from app.instructions.seed import seed_instructions

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    reg.add_nav(
        NavItem(
            "instructions.index",
            _l("Instructions"),
            "instruction",
            35,
            permission="instructions.list",
            in_bottom_bar=False,
        )
    )
    add_banner(app, Banner("instructions.unread", "instructions/_banner.html", 10, queries.banner))
    reg.add_reminder_source(queries.due_reminders)
    reg.provide("instructions_issued", queries.issued)
    reg.provide("instructions_unread", queries.unread_by_agency)
    reg.provide("instructions_by_id", queries.by_id)
    reg.add_offline_page("instructions.index", "instructions.detail")
    reg.add_seeder(70, "instructions", seed_instructions)
