"""Register the voting-day board: pages, stream, menu entry, dashboard panel, offline page, demo data."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.registry import NavItem, Panel, registry_of


def register(app: Flask) -> None:
    from app.votingday import assignment_routes  # noqa: F401  (its views join the blueprint)
    from app.votingday.panel import build, leads
    from app.votingday.policies import policies
    from app.votingday.routes import bp
    from app.votingday.seed import seed_assignments, seed_checkins
    from app.votingday.settings import check_regimes, settings
    from app.votingday.summary import summary
    from app.votingday.vocab import Step

    check_regimes(settings(app.config))  # a wrong VOTINGDAY_REGIMES stops the start, not the voting day
    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(VotingDayStep=Step)
    reg.add_nav(
        NavItem("votingday.index", _l("Voting day"), "readiness", 8, permission="votingday.view", in_bottom_bar=False)
    )
    reg.add_panel(Panel("votingday.board", "votingday/_panel.html", 8, build, leads=leads))
    reg.add_offline_page("votingday.index")  # the check-in form opens without a signal; the outbox sends it
    reg.add_js_messages("pwa", {"label_hari-h": _l("Voting-day check-in")})  # its outbox entries
    reg.provide("votingday_summary", summary)  # the situation report's Hari-H section
    reg.add_seeder(80, "votingday", seed_checkins)  # after the timeline (20) and the roster (60)
    reg.add_seeder(81, "votingday_assignments", seed_assignments)
