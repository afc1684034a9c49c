"""Register the complaints feature: pages, menu entry, dashboard panels, reminders, demo data."""

from __future__ import annotations

import importlib

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.models import Agency
from app.authz import is_agency
from app.registry import NavItem, Panel, registry_of

# Texts of static/js/complaints.js, read with SinergiText("complaints").
JS_MESSAGES = {"tooLarge": _l("Too large (max %(mb)s MB): %(names)s")}


def register(app: Flask) -> None:
    from app.complaints import vocab
    from app.complaints.cli import holidays_cli
    from app.complaints.panels import bawaslu_panel, gakkumdu_panel, leads_bawaslu, leads_gakkumdu, reminders
    from app.complaints.policies import policies
    from app.complaints.routes import VIEW_MODULES, bp
    from app.complaints.seed import seed_complaints

    reg = registry_of(app)
    reg.add_policies(policies)
    for name in VIEW_MODULES:  # each adds its views to bp
        importlib.import_module(f"app.complaints.routes.{name}")
    app.register_blueprint(bp)
    app.cli.add_command(holidays_cli)
    # Templates label values with ``value.label`` or ``value|label(complaint_vocab.Subject)`` (app/enums.py).
    app.jinja_env.globals["complaint_vocab"] = vocab
    reg.add_js_messages("complaints", JS_MESSAGES)
    reg.add_nav(
        NavItem(
            "complaints.index",
            _l("Complaints"),
            "complaint",
            30,
            permission="complaints.list",
            core=lambda u: is_agency(u, Agency.BAWASLU),
            short_label=_l("Violations"),  # "Laporan pelanggaran" does not fit the bottom bar
        )
    )  # Bawaslu works the queue
    reg.add_panel(Panel("complaints", "complaints/_panel.html", 20, bawaslu_panel, leads=leads_bawaslu))
    reg.add_panel(Panel("gakkumdu", "complaints/_gakkumdu_panel.html", 25, gakkumdu_panel, leads=leads_gakkumdu))
    reg.add_reminder_source(reminders)
    reg.add_seeder(30, "complaints", seed_complaints)
