"""Helpers shared by the timeline views."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlmodel import Session, select

from app.regions.models import TPS, Region
from app.regions.services import scope_clause
from app.timeline import queries
from app.timeline.models import Entry


def entry_url(entry: Entry) -> str:
    from flask import url_for

    if entry.kind == "kerawanan":
        return url_for("timeline.incident", entry_id=entry.id)
    return url_for("timeline.entry", entry_id=entry.id)


def render_cards(session: Session, cards: list[Entry], **extra) -> str:
    return render_template("timeline/_cards.html", cards=cards, cd=queries.card_data(session, cards), **extra)


def kecamatan_options(session: Session) -> list[Region]:
    """Kecamatan the current user may choose (their own when scoped to one)."""
    scope = current_user.region_code
    if scope.count(".") >= 2:
        code = ".".join(scope.split(".")[:3])
        region = session.get(Region, code)
        return [region] if region else []
    return list(session.exec(select(Region).where(scope_clause(Region.code, scope), Region.level == 3)
                             .order_by(Region.name)).all())


def village_options(session: Session, kecamatan: str) -> list[Region]:
    scope = current_user.region_code
    return list(session.exec(select(Region).where(Region.parent_code == kecamatan, Region.level == 4,
                                                  scope_clause(Region.code, scope) | (Region.code == scope))
                             .order_by(Region.name)).all())


def tps_options(session: Session, village: str) -> list[TPS]:
    return list(session.exec(select(TPS).where(TPS.village_code == village,
                                               scope_clause(TPS.village_code, current_user.region_code))
                             .order_by(TPS.number)).all())
