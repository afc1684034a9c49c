"""The overview (/kesiapan), its CSV and live turnout fragment, and the card of one TPS (/tps/<id>)."""

from __future__ import annotations

import math

from flask import make_response, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.authz import require
from app.db import get_session
from app.exports import csv_response
from app.htmx import is_htmx, vary_on_htmx
from app.i18n import local
from app.readiness import charts
from app.readiness.constants import (
    CATEGORY_LABELS,
    ELECTION_TYPE_LABELS,
    INDICATOR_LABELS,
    ITEM_LABELS,
    ITEMS,
    STAGE_LABELS,
)
from app.readiness.models import Turnout
from app.readiness.routes import bp
from app.readiness.routes.common import context_now, load_tps
from app.readiness.services import deployment, logistics, rollup, vulnerability
from app.readiness.services import turnout as turnout_service
from app.readiness.services.areas import item_average
from app.readiness.services.common import regime_for
from app.regions.elections import same_day_elections
from app.regions.services import ancestors
from app.registry import current_registry


def _overview(db):
    now, election, operation = context_now(db)
    data = rollup.build(
        db, current_user.region_code, operation=operation, voting_day=election.voting_day if election else None, now=now
    )
    voting_day = bool(election and local(now, current_user.region_code).date() == election.voting_day)
    return data, election, now, voting_day


def _turnout_types(db) -> dict:
    """Turnout per election type (the KPU reports each election separately; PKPU 17/2024)."""
    return {"turnout_types": turnout_service.by_type(db, current_user.region_code), "type_labels": ELECTION_TYPE_LABELS}


@bp.get("/kesiapan")
@login_required
def overview():
    """Readiness of everything in the user's scope, ranked by gaps, with charts and tables."""
    require(current_user, "readiness.view")
    db = get_session()
    data, election, now, voting_day = _overview(db)
    item_bars = charts.bars([(str(ITEM_LABELS[k]), r / n if n else None) for k, (n, r) in data.items.items()])
    region_bars = charts.bars([(a.name, a.logistics_pct) for a in data.kecamatan])
    turnout_bars = charts.bars([(a.name, a.turnout_pct) for a in data.kecamatan])
    return render_template(
        "readiness/overview.html",
        data=data,
        election=election,
        same_day=len(same_day_elections(db, current_user.region_code, election)) if election else 0,
        now=now,
        voting_day=voting_day,
        item_bars=item_bars,
        region_bars=region_bars,
        turnout_bars=turnout_bars,
        item_labels=ITEM_LABELS,
        category_labels=CATEGORY_LABELS,
        items=ITEMS,
        **_turnout_types(db),
    )


@bp.get("/kesiapan/partisipasi")
@login_required
def turnout_live():
    """The turnout block alone: polled every 30 s on voting day."""
    require(current_user, "readiness.view")
    if not is_htmx():
        return redirect(url_for("readiness.overview") + "#turnout", 303)
    db = get_session()
    data, _election, now, voting_day = _overview(db)
    turnout_bars = charts.bars([(a.name, a.turnout_pct) for a in data.kecamatan])
    response = make_response(
        render_template(
            "readiness/_turnout.html",
            data=data,
            now=now,
            voting_day=voting_day,
            turnout_bars=turnout_bars,
            **_turnout_types(db),
        )
    )
    return vary_on_htmx(response)


@bp.get("/kesiapan/ringkasan.csv")
@login_required
def overview_csv():
    """The overview's numbers per kecamatan and village, for spreadsheets (only what the user may see)."""
    require(current_user, "readiness.view")
    db = get_session()
    data, *_ = _overview(db)
    rows = [
        _csv_row(level, a)
        for level, areas in (("kabupaten", [data.total]), ("kecamatan", data.kecamatan), ("desa", data.villages))
        for a in areas
    ]
    return csv_response("kesiapan.csv", CSV_HEADER, rows)


# Column names for spreadsheets: Indonesian, one word each (decimals with a point, as spreadsheets import them).
CSV_HEADER = [
    "tingkat",
    "kode",
    "nama",
    "tps",
    "dpt",
    "logistik_dibutuhkan",
    "logistik_siap",
    "logistik_persen",
    "tps_logistik_sampai",
    "personel_dibutuhkan",
    "personel_ditugaskan",
    "tps_kurang_personel",
    "tps_rawan",
    "tps_melapor",
    "pengguna_hak_pilih",
    "partisipasi_persen",
]


def _csv_row(level: str, a) -> list:
    return [
        level,
        a.code,
        a.name,
        a.tps,
        a.dpt,
        a.needed,
        a.ready,
        f"{a.logistics_pct * 100:.2f}" if a.logistics_pct is not None else "",
        a.delivered,
        math.ceil(a.required - 1e-9),  # whole people, as the page prints them
        round(a.assigned),
        a.gap_tps,
        a.rawan_tps,
        a.reported,
        a.voted,
        f"{a.turnout_pct * 100:.2f}" if a.turnout_pct is not None else "",
    ]


@bp.get("/tps/<int:tps_id>")
@login_required
def card(tps_id: int):
    """Everything about one TPS on one phone screen."""
    db = get_session()
    tps = load_tps(db, tps_id)
    now, election, operation = context_now(db, tps.village_code)
    stocks = logistics.stocks_for(db, tps)
    defaults = logistics.default_needed(tps.dpt, regime=regime_for(db, tps.village_code))
    lines = []
    for key, label, group in ITEMS:
        s = stocks.get(key)
        needed = s.needed if s else defaults[key]
        usable = logistics.usable(s) if s else 0
        lines.append(
            {
                "key": key,
                "label": label,
                "group": group,
                "needed": needed,
                "received": s.received if s else 0,
                "light": s.damaged_light if s else 0,
                "heavy": s.damaged_heavy if s else 0,
                "pct": min(usable, needed) / needed if needed else None,
            }
        )
    pct = item_average([(line["needed"], max(0, line["received"] - line["heavy"])) for line in lines])
    delivery = logistics.delivery_for(db, tps)
    present = vulnerability.present_indicators(db, [tps.id]).get(tps.id, set())
    deploy = deployment.deployment_rows(db, operation, [tps])[0] if operation else None
    provider = current_registry().provider("tps_incidents")
    incidents = provider(db, current_user, [tps.id]) if provider else None
    turnout = db.get(Turnout, tps.id)
    h1 = rollup.h1_deadline(election.voting_day, tps.village_code) if election else None
    return render_template(
        "readiness/card.html",
        tps=tps,
        place=ancestors(db, tps.village_code),
        lines=lines,
        pct=pct,
        delivery=delivery,
        stage_labels=STAGE_LABELS,
        present=[(n, INDICATOR_LABELS[n]) for n in sorted(present) if n in INDICATOR_LABELS],
        suggested=vulnerability.suggested_category(present),
        deploy=deploy,
        operation=operation,
        category_labels=CATEGORY_LABELS,
        incidents=incidents,
        turnout=turnout,
        turnout_pct=turnout.voted / turnout.eligible if turnout and turnout.eligible else None,
        counts=turnout_service.counts_for(db, tps),
        type_labels=ELECTION_TYPE_LABELS,
        h1=h1,
        now=now,
        behind=bool(h1 and now >= h1 and (delivery is None or delivery.kpps_at is None)),
    )
