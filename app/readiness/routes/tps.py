"""TPS master data: list per village, edit one TPS, CSV import with preview, progress and report."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import select

from app.authz import can, require
from app.clock import utcnow
from app.db import get_session
from app.exports import csv_response
from app.forms import attach_error
from app.htmx import is_htmx, render_page_or_partial
from app.offload import Deadline, yield_to_loop
from app.params import int_arg
from app.readiness.forms import ImportForm, TpsForm
from app.readiness.models import ImportJob
from app.readiness.routes import bp
from app.readiness.routes.common import load_tps
from app.readiness.services import ReadinessError, csv_columns
from app.readiness.services import tps as tps_service
from app.regions.models import TPS, Region
from app.regions.services import describe_place, scope_clause

PAGE = 200
IMPORT_SLICE_SECONDS = 5


def _matching(query, text: str):
    """ "12", "TPS 012", "membalong 3": numbers are TPS numbers, words part of the village's name (any case)."""
    words = [w for w in text.lower().replace("tps", " ").split() if w]
    numbers = [int(w) for w in words if w.isdigit() and len(w) <= 4]
    if numbers:
        query = query.where(TPS.number.in_(numbers))
    for word in (w for w in words if not w.isdigit()):
        names = select(Region.code).where(Region.level == 4, func.lower(Region.name).contains(word, autoescape=True))
        query = query.where(TPS.village_code.in_(names))
    return query


@bp.get("/kesiapan/tps")
@login_required
def tps_list():
    """TPS in scope, optionally of one village."""
    require(current_user, "readiness.view")
    db = get_session()
    village = (request.args.get("desa") or "").strip()[:13]
    text = " ".join((request.args.get("cari") or "").split())[:60]
    query = select(TPS).where(scope_clause(TPS.village_code, current_user.region_code))
    if village:
        query = query.where(TPS.village_code == village)
    if text:
        query = _matching(query, text)
    rows = db.exec(query.order_by(TPS.village_code, TPS.number).limit(PAGE + 1)).all()
    villages = db.exec(
        select(Region)
        .where(
            scope_clause(Region.code, current_user.region_code),
            Region.level == 4,
            Region.code.in_(select(TPS.village_code).distinct()),
        )
        .order_by(Region.code)
    ).all()
    return render_template(
        "readiness/tps_list.html",
        rows=rows[:PAGE],
        more=len(rows) > PAGE,
        village=village,
        text=text,
        villages=villages,
        places=describe_place(db, {t.village_code for t in rows}),
        can_edit=can(current_user, "readiness.edit_tps"),
    )


@bp.route("/kesiapan/tps/<int:tps_id>/ubah", methods=["GET", "POST"])
@login_required
def tps_edit(tps_id: int):
    db = get_session()
    tps = load_tps(db, tps_id, "readiness.edit_tps")
    form = TpsForm(obj=tps)
    status = 200
    if form.validate_on_submit():
        try:
            tps_service.update_tps(
                db,
                tps,
                address=form.address.data or "",
                dpt=form.dpt.data,
                latitude=float(form.latitude.data) if form.latitude.data is not None else None,
                longitude=float(form.longitude.data) if form.longitude.data is not None else None,
                actor=current_user,
                now=utcnow(),
            )
        except ReadinessError as exc:
            attach_error(form, exc, fallback="dpt")
            status = 422
        else:
            db.commit()
            flash(_("%(tps)s saved.", tps=tps.label), "success")
            return redirect(url_for("readiness.card", tps_id=tps.id), 303)
    elif request.method == "POST":
        status = 422
    return render_template(
        "readiness/tps_edit.html", form=form, tps=tps, place=describe_place(db, [tps.village_code])
    ), status


@bp.route("/kesiapan/tps/impor", methods=["GET", "POST"])
@login_required
def tps_import():
    """Upload a CSV: every row is checked and shown before anything is saved."""
    require(current_user, "readiness.edit_tps")
    db = get_session()
    form = ImportForm()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not getattr(upload, "filename", ""):
            form.file.errors.append(_("Choose a CSV file."))
            status = 422
        else:
            data = upload.read(tps_service.max_import_bytes() + 1)
            upload.close()  # large uploads are spooled to a temporary file
            try:
                job = tps_service.create_job(
                    db, upload.filename, data, current_user.region_code, actor=current_user, now=utcnow()
                )
            except ReadinessError as exc:
                attach_error(form, exc, fallback="file")
                status = 422
            else:
                db.commit()
                return redirect(url_for("readiness.import_job", job_id=job.id), 303)
    elif request.method == "POST":
        status = 422
    columns = {
        "required": csv_columns.names(tps_service.REQUIRED_COLUMNS),
        "optional": csv_columns.names(tps_service.OPTIONAL_COLUMNS),
    }
    return render_template("readiness/tps_import.html", form=form, columns=columns), status


def _job(db, job_id: int) -> ImportJob:
    # The rows (20,000 of them are ~3 MB of JSON) are read only when used: the preview and saving a chunk, not the
    # progress and report pages every htmx step shows (issue 12: each decode held the event loop).
    job = db.get(ImportJob, job_id, options=[defer(ImportJob.rows)])
    if job is None:
        abort(404)
    if job.created_by != current_user.id:
        abort(403)
    return job


@bp.get("/kesiapan/impor/<int:job_id>")
@login_required
def import_job(job_id: int):
    """Preview (rows with their errors), progress, or the final report of an import."""
    require(current_user, "readiness.edit_tps")
    db = get_session()
    job = _job(db, job_id)
    return render_page_or_partial("readiness/import_job.html", "readiness/_import_progress.html", job=job)


@bp.post("/kesiapan/impor/<int:job_id>/simpan")
@login_required
def import_apply(job_id: int):
    """Save the rows: one chunk per htmx request (the fragment asks for the next), all at once otherwise."""
    require(current_user, "readiness.edit_tps")
    db = get_session()
    job = _job(db, job_id)
    size = int_arg("size", 500, hi=5000)
    deadline = Deadline(IMPORT_SLICE_SECONDS)  # one request never holds the worker for long
    try:
        while True:
            tps_service.apply_chunk(db, job, actor=current_user, now=utcnow(), size=size)
            db.commit()
            if job.status == "done" or is_htmx():
                break
            if deadline.passed():  # the progress page continues where this stopped
                return redirect(url_for("readiness.import_job", job_id=job.id), 303)
            yield_to_loop()
    except ReadinessError as exc:
        flash(exc.message, "error")
        return redirect(url_for("readiness.import_job", job_id=job.id), 303)
    if is_htmx():
        return render_template("readiness/_import_progress.html", job=job)
    flash(
        _("Import finished: %(created)s TPS added, %(updated)s updated.", created=job.created, updated=job.updated),
        "success",
    )
    return redirect(url_for("readiness.import_job", job_id=job.id), 303)


@bp.get("/kesiapan/impor/contoh.csv")
@login_required
def import_template():
    require(current_user, "readiness.view")
    header = [csv_columns.name(k) for k in tps_service.TPS_FIELDS]
    return csv_response("tps.csv", header, [["19.02.02.2001", 1, "Balai Desa, Jl. Merdeka", 412, "", ""]])
