"""The place pickers of the posting form: the options htmx swaps into the village and TPS selects, and the
place data the phone keeps for choosing offline."""

from __future__ import annotations

from flask import abort, jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.db import get_session
from app.timeline import places as place_queries
from app.timeline.routes import bp


@bp.get("/linimasa/tempat")
@login_required
def places():
    """Options for the place pickers, within the user's scope: ``?kecamatan=K`` → the villages of K (grouped by
    kecamatan for the whole region when K is empty); ``?village_code=V`` (or ``?desa=V``) → the TPS of V."""
    db = get_session()
    scope = current_user.region_code
    village = request.args.get("village_code", request.args.get("desa"))
    if village is not None:
        tps = place_queries.tps_options(db, village, scope) if village else []
        groups = [("", [(str(t.id), t.label) for t in tps])]
        return render_template("timeline/_options.html", groups=groups, empty=_("No particular TPS"))
    kecamatan = request.args.get("kecamatan")
    if kecamatan is None:
        abort(400)
    if kecamatan:
        groups = [("", [(r.code, r.name) for r in place_queries.village_options(db, [kecamatan], scope)])]
    else:
        groups = _villages_by_kecamatan(db, scope)
    return render_template("timeline/_options.html", groups=groups, empty=_("Whole kecamatan"))


def _villages_by_kecamatan(db, scope: str) -> list[tuple[str, list[tuple[str, str]]]]:
    kecamatans = place_queries.kecamatan_options(db, scope)
    villages = place_queries.village_options(db, [k.code for k in kecamatans], scope)
    return [(k.name, [(v.code, v.name) for v in villages if v.parent_code == k.code]) for k in kecamatans]


@bp.get("/linimasa/tempat.json")
@login_required
def places_data():
    """The user's kecamatan, villages and TPS at once; the service worker keeps it for offline pickers."""
    response = jsonify(place_queries.place_data(get_session(), current_user.region_code))
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-SW-Cache"] = "1"  # the service worker keeps the newest copy (static/js/sw.js)
    response.vary.add("Cookie")
    return response
