"""Small shared helpers: the TPS of a scope, configuration with defaults, the region of a TPS."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlmodel import Session, select

from app.readiness.constants import DEFAULT_ITEM_RULES
from app.regions.models import TPS
from app.regions.services import scope_clause


def config(name: str, default):
    if has_app_context():
        return current_app.config.get(name, default)
    return default


def election_types() -> int:
    """How many elections are held together (1 box and 1 ballot per type per TPS); Belitung 2024 held the
    governor and the regent elections together: 2. Configurable with READINESS_ELECTION_TYPES."""
    return int(config("READINESS_ELECTION_TYPES", 2))


def item_rules() -> dict[str, tuple[int, bool]]:
    return {**DEFAULT_ITEM_RULES, **config("READINESS_ITEM_DEFAULTS", {})}


def scoped_tps(session: Session, scope: str) -> list[TPS]:
    query = select(TPS).where(scope_clause(TPS.village_code, scope)).order_by(TPS.village_code, TPS.number)
    return list(session.exec(query).all())


def kecamatan_of(code: str) -> str:
    return code[:8]


def kabupaten_of(code: str) -> str:
    return code[:5]
