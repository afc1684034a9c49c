"""Helpers shared by the readiness views."""

from __future__ import annotations

from flask import request
from flask_login import current_user
from sqlmodel import select
from wtforms import SelectChoice

from app.authz import get_or_404
from app.clock import utcnow
from app.i18n import local
from app.params import MAX_INT, parse_int
from app.readiness.services.deployment import current_operation
from app.regions.elections import current_election
from app.regions.models import TPS
from app.regions.services import describe_place, scope_clause


def load_tps(db, tps_id: int, action: str = "readiness.view") -> TPS:
    return get_or_404(db, TPS, tps_id, user=current_user, action=action)


def form_int(name: str, default: int | None = None) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if raw == "":
        return default
    try:
        return parse_int(raw, lo=-MAX_INT, hi=MAX_INT)
    except ValueError:
        return None


def tps_label(tps: TPS, places: dict) -> str:
    village = places.get(tps.village_code)
    return f"{tps.label} · {village.label if village else tps.village_code}"


def tps_choices(db) -> list[SelectChoice]:
    rows = db.exec(
        select(TPS)
        .where(scope_clause(TPS.village_code, current_user.region_code))
        .order_by(TPS.village_code, TPS.number)
    ).all()
    places = describe_place(db, {t.village_code for t in rows})
    return [SelectChoice(t.id, tps_label(t, places)) for t in rows]


def context_now(db, scope: str | None = None):
    """(now, election, operation) for ``scope``, by default the current user's. A page about one TPS passes the
    TPS's village: a province user's own scope would give the newest operation of any of its regencies."""
    now = utcnow()
    scope = scope or current_user.region_code
    election = current_election(db, scope, local(now, scope).date())
    return now, election, current_operation(db, scope)


def register_template_helpers(bp) -> None:
    from app.authz import can

    @bp.context_processor
    def _helpers():
        return {"may": lambda action, obj=None: can(current_user, action, obj)}
