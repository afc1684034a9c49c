"""Register the complaints feature: pages, menu entry, dashboard panels, reminders, demo data."""

from __future__ import annotations

from flask import Flask, g
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, Panel, registry


def _labels() -> dict:
    from app.complaints import constants as k
    from app.db import get_session
    from app.regions.models import Region

    def lookup(table, value, fallback=""):
        for key, label in table.items():
            if str(getattr(key, "value", key)) == str(value):
                return label
        return fallback or value

    def user_name(user_id):
        if user_id is None:
            return _l("Reporter (public)")
        cache = g.setdefault("complaint_user_names", {})
        if user_id not in cache:
            from app.auth.models import User

            user = get_session().get(User, user_id)
            cache[user_id] = user.name if user else str(user_id)
        return cache[user_id]

    def region_label(code):
        region = get_session().get(Region, code) if code else None
        return region.label if region else (code or "")

    from app.complaints.queries import TAB_LABELS as tabs
    moves = {"kajian_awal": _l("Start the initial review"), "perlu_perbaikan": _l("Ask the reporter to complete"),
             "diregistrasi": _l("Register"), "tidak_diregistrasi": _l("Do not register"),
             "klarifikasi": _l("Summon for clarification"), "kajian": _l("Start the review"),
             "terbukti": _l("Pleno: violation proven"), "tidak_terbukti": _l("Pleno: not proven"),
             "dilimpahkan": _l("Hand to another Bawaslu"), "selesai": _l("Close and announce")}
    return {
        "status_label": lambda v: lookup(k.STATUS_LABELS, v), "kind_label": lambda v: lookup(k.KIND_LABELS, v),
        "subject_label": lambda v: lookup(k.SUBJECT_LABELS, v),
        "violation_label": lambda v: k.VIOLATIONS.get(v, (v,))[0],
        "channel_label": lambda v: lookup(k.CHANNEL_LABELS, v),
        "recipient_label": lambda v: lookup(k.RECIPIENT_LABELS, v),
        "sanction_label": lambda v: lookup(k.SANCTION_LEVELS, v), "stage_label": lambda v: lookup(k.STAGE_LABELS, v),
        "tab_label": lambda v: tabs.get(v, v), "move_label": lambda v: moves.get(str(getattr(v, "value", v)), v),
        "user_name": user_name, "region_label": region_label,
    }


# Texts of static/js/complaints.js, read with SinergiText("complaints").
JS_MESSAGES = {"tooLarge": _l("Too large (max %(mb)s MB): %(names)s")}


def register(app: Flask) -> None:
    from app.complaints import policies  # noqa: F401  (registers the rules)
    from app.complaints.cli import holidays_cli
    from app.complaints.dashboard import bawaslu_panel, gakkumdu_panel, leads_bawaslu, leads_gakkumdu, reminders
    from app.complaints.routes import bp
    from app.complaints.seed import seed_complaints

    app.register_blueprint(bp)
    app.cli.add_command(holidays_cli)
    app.context_processor(_labels)
    registry.add_js_messages("complaints", JS_MESSAGES)
    registry.add_nav(NavItem("complaints.index", _l("Complaints"), "complaint", 30, permission="complaints.list",
                             core=lambda u: u.agency == "BAWASLU"))  # Bawaslu works the queue
    registry.add_panel(Panel("complaints", "complaints/_panel.html", 20, bawaslu_panel, leads=leads_bawaslu))
    registry.add_panel(Panel("gakkumdu", "complaints/_gakkumdu_panel.html", 25, gakkumdu_panel, leads=leads_gakkumdu))
    registry.add_reminder_source(reminders)
    registry.add_seeder(30, "complaints", seed_complaints)
