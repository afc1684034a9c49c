"""Turnout per TPS: entered on voting day or imported from a CSV."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.authz import require
from app.clock import utcnow
from app.db import get_session
from app.exports import csv_response
from app.readiness.constants import ELECTION_TYPE_LABELS
from app.readiness.forms import ImportForm
from app.readiness.routes import bp
from app.readiness.routes.common import form_int, load_tps
from app.readiness.services import ReadinessError, csv_columns, turnout, turnout_csv
from app.readiness.services.common import election_type_keys, regime_for
from app.readiness.services.tps import max_import_bytes
from app.regions.services import describe_place

FIELD_LABELS = {
    "registered_dpt": _l("Voters on the DPT"),
    "registered_dptb": _l("Voters on the DPTb (moved in)"),
    "voted_dpt": _l("DPT voters who voted"),
    "voted_dptb": _l("DPTb voters who voted"),
    "voted_dpk": _l("DPK voters who voted (not on any list)"),
}


@bp.route("/kesiapan/tps/<int:tps_id>/partisipasi", methods=["GET", "POST"])
@login_required
def turnout_edit(tps_id: int):
    """The C.HASIL figures per election type: pemilih and pengguna hak pilih DPT / DPTb / DPK."""
    db = get_session()
    tps = load_tps(db, tps_id, "readiness.edit_turnout")
    types = election_type_keys(regime_for(db, tps.village_code))
    saved = turnout.counts_for(db, tps)
    values = {
        t: {
            n: getattr(saved[t], n) if t in saved else (tps.dpt if n == "registered_dpt" else 0)
            for n in turnout.COUNT_FIELDS
        }
        for t in types
    }
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {t: {n: form_int(f"{t}-{n}") for n in turnout.COUNT_FIELDS} for t in types}
        try:
            turnout.record_counts(
                db, tps, {t: turnout.TurnoutFigures(**values[t]) for t in types}, actor=current_user, now=utcnow()
            )
        except ReadinessError as exc:
            db.rollback()
            errors[exc.field] = exc.message
            status = 422
        else:
            db.commit()
            flash(_("Turnout of %(tps)s saved.", tps=tps.label), "success")
            return redirect(url_for("readiness.card", tps_id=tps.id), 303)
    caps = {t: turnout.ballot_cap(db, tps, t) for t in types}
    return render_template(
        "readiness/turnout_edit.html",
        tps=tps,
        types=types,
        type_labels=ELECTION_TYPE_LABELS,
        values=values,
        errors=errors,
        field_labels=FIELD_LABELS,
        caps=caps,
        place=describe_place(db, [tps.village_code]),
    ), status


@bp.route("/kesiapan/partisipasi/impor", methods=["GET", "POST"])
@login_required
def turnout_import():
    """CSV ``village_code,number,voted`` or the C.HASIL breakdown (``turnout_csv.COUNTS_HEADER``); nothing is saved
    when a row is wrong."""
    require(current_user, "readiness.edit_turnout")
    db = get_session()
    form = ImportForm()
    errors: list[str] = []
    status = 200
    if form.validate_on_submit() and form.file.data:
        data = form.file.data.read(max_import_bytes() + 1)
        form.file.data.close()
        if len(data) > max_import_bytes():
            errors = [_("The file is larger than %(max)s MB.", max=max_import_bytes() // 1048576)]
        else:
            saved, errors = turnout_csv.import_turnout(
                db, data, current_user.region_code, actor=current_user, now=utcnow()
            )
        if not errors:
            db.commit()
            flash(_("Turnout of %(n)s TPS imported.", n=saved), "success")
            return redirect(url_for("readiness.overview"), 303)
        db.rollback()
        status = 422
    elif request.method == "POST":
        errors = [_("Choose a CSV file.")]
        status = 422
    types = election_type_keys(regime_for(db, current_user.region_code))
    columns = {
        "short": csv_columns.names(turnout_csv.SHORT_HEADER),
        "full": csv_columns.names(turnout_csv.COUNTS_HEADER),
        "type": csv_columns.name("election_type"),
    }
    return (
        render_template(
            "readiness/turnout_import.html", form=form, errors=errors, election_types=types, columns=columns
        ),
        status,
    )


@bp.get("/kesiapan/partisipasi/contoh.csv")
@login_required
def turnout_sheet():
    """The C.HASIL sheet of the user's TPS with the figures empty: filled in a spreadsheet, it imports as it is."""
    require(current_user, "readiness.edit_turnout")
    rows = turnout_csv.blank_sheet(get_session(), current_user.region_code)
    return csv_response("partisipasi.csv", [csv_columns.name(k) for k in turnout_csv.COUNTS_HEADER], rows)
