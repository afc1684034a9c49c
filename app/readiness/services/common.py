"""Small shared helpers: the TPS of a scope, configuration with defaults, the region of a TPS."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlmodel import Session, select

from app.readiness.constants import DEFAULT_ITEM_RULES, ELECTION_TYPES
from app.regions.models import TPS
from app.regions.services import scope_clause


def config(name: str, default):
    if has_app_context():
        return current_app.config.get(name, default)
    return default


def election_types(regime: str = "pilkada") -> int:
    """How many elections are held together (1 box and 1 ballot per type per TPS): by default every type of the
    regime (Pilkada: governor + regent/mayor = 2, as Belitung 2024; Pemilu: 5); see ``election_type_keys``."""
    return len(election_type_keys(regime))


def election_type_keys(regime: str = "pilkada") -> list[str]:
    """The election types held at a TPS, in ballot order (the first is the headline of the turnout).

    READINESS_ELECTION_TYPES names them (``bupati_walikota`` where only a regent is elected, as in DIY;
    ``gubernur`` in Jakarta), or gives a number: the first N of the regime (``1`` is the governor's)."""
    keys = [key for key, _label in ELECTION_TYPES.get(regime, ELECTION_TYPES["pilkada"])]
    configured = str(config("READINESS_ELECTION_TYPES", None) or "").strip()
    if not configured:
        return keys
    if configured.isdigit():
        return keys[: max(1, int(configured))]
    named = {part.strip() for part in configured.split(",")}
    return [key for key in keys if key in named] or keys  # no known name: every type, never none


def regime_for(session: Session, region_code: str) -> str:
    """The regime (pilkada/pemilu) of the latest election held over this region; Pilkada when none is known."""
    from app.regions.elections import elections_for_scope  # regions imports nothing of readiness

    elections = elections_for_scope(session, region_code)
    return elections[-1].regime if elections else "pilkada"


def item_rules() -> dict[str, tuple[int, bool]]:
    return {**DEFAULT_ITEM_RULES, **config("READINESS_ITEM_DEFAULTS", {})}


def scoped_tps(session: Session, scope: str) -> list[TPS]:
    query = select(TPS).where(scope_clause(TPS.village_code, scope)).order_by(TPS.village_code, TPS.number)
    return list(session.exec(query).all())


def kecamatan_of(code: str) -> str:
    return code[:8]


def kabupaten_of(code: str) -> str:
    return code[:5]
