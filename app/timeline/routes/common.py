"""Helpers shared by the timeline views."""

from __future__ import annotations

from flask import make_response, render_template, request
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


def refused(body: str, target: str):
    """A refused form: 422 with the page; htmx swaps only ``target`` (taken from that page) in place, so the
    scroll position, the focus and the address bar stay (the form's POST-only URL is never pushed)."""
    response = make_response(body, 422)
    if request.headers.get("HX-Request") == "true":
        response.headers.update({"HX-Retarget": target, "HX-Reselect": target, "HX-Reswap": "outerHTML",
                                 "HX-Push-Url": "false"})
    return response


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


def place_data(session: Session) -> dict:
    """Every kecamatan, village and TPS the current user may choose, for the place pickers to work offline
    (one kabupaten is a few hundred rows). ``start`` is the kecamatan a user scoped to one starts in."""
    scope = current_user.region_code
    kecamatans = kecamatan_options(session)
    kec_codes = [k.code for k in kecamatans]
    villages = list(session.exec(select(Region).where(Region.parent_code.in_(kec_codes), Region.level == 4,
                                                      scope_clause(Region.code, scope) | (Region.code == scope))
                                 .order_by(Region.name)).all()) if kec_codes else []
    tps = list(session.exec(select(TPS).where(scope_clause(TPS.village_code, scope))
                            .order_by(TPS.village_code, TPS.number)).all())
    return {
        "start": kec_codes[0] if scope.count(".") >= 2 and kec_codes else "",
        "kecamatan": [{"code": k.code, "name": k.name} for k in kecamatans],
        "villages": [{"code": v.code, "name": v.name, "kec": v.parent_code} for v in villages],
        "tps": [{"id": t.id, "label": t.label, "village": t.village_code} for t in tps],
    }
