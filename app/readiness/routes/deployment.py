"""Personnel deployment: the operation and its staffing pattern, categories and postings per TPS."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlmodel import select

from app.authz import can, require
from app.clock import utcnow
from app.db import get_session
from app.params import id_list
from app.readiness.constants import CATEGORIES, CATEGORY_LABELS
from app.readiness.forms import OperationForm
from app.readiness.routes import bp
from app.readiness.routes.common import context_now, form_int
from app.readiness.services import ReadinessError, deployment, rollup, vulnerability
from app.regions.models import TPS, Region
from app.regions.services import describe_place, scope_clause

PAGE = 150


def _selected_tps(db, action: str) -> list[TPS]:
    ids = id_list("tps_ids")
    rows = db.exec(select(TPS).where(TPS.id.in_(ids))).all() if ids else []
    for tps in rows:
        require(current_user, action, tps)
    return list(rows)


def _fail(message: str):
    """Bad input: the page again with the message, status 422 (nothing saved)."""
    get_session().rollback()
    flash(message, "error")
    return deployment_index(), 422


def _back():
    desa = (request.form.get("desa") or request.args.get("desa") or "").strip()[:13]
    return redirect(url_for("readiness.deployment_index", desa=desa or None), 303)


@bp.get("/kesiapan/pengamanan")
@login_required
def deployment_index():
    require(current_user, "readiness.view")
    db = get_session()
    now, election, operation = context_now(db)
    village = (request.args.get("desa") or "").strip()[:13]
    query = select(TPS).where(scope_clause(TPS.village_code, current_user.region_code))
    if village:
        query = query.where(TPS.village_code == village)
    tps_list = list(db.exec(query.order_by(TPS.village_code, TPS.number).limit(PAGE + 1)).all())
    more = len(tps_list) > PAGE
    tps_list = tps_list[:PAGE]
    rows = deployment.deployment_rows(db, operation, tps_list) if operation else []
    present = vulnerability.present_indicators(db, [t.id for t in tps_list])
    summary = rollup.build(db, current_user.region_code, operation=operation, voting_day=None, now=now) \
        if operation else None
    villages = db.exec(select(Region).where(scope_clause(Region.code, current_user.region_code), Region.level == 4,
                                            Region.code.in_(select(TPS.village_code).distinct()))
                       .order_by(Region.code)).all()
    return render_template(
        "readiness/deployment.html", operation=operation, rows=rows, summary=summary,
        patterns=deployment.patterns(db, operation) if operation else {}, categories=CATEGORIES,
        category_labels=CATEGORY_LABELS, village=village, villages=villages, more=more,
        suggested={t.id: deployment.suggested_category(present.get(t.id, set())) for t in tps_list},
        places=describe_place(db, {t.village_code for t in tps_list}), form=OperationForm(),
        can_deploy=can(current_user, "readiness.edit_deployment"),
        can_linmas=can(current_user, "readiness.edit_linmas"))


@bp.post("/kesiapan/pengamanan/operasi")
@login_required
def operation_new():
    require(current_user, "readiness.edit_deployment")
    db = get_session()
    form = OperationForm()
    if not form.validate_on_submit():
        return _fail(_("Enter the operation name."))
    deployment.create_operation(db, form.name.data, current_user.region_code, actor=current_user, now=utcnow())
    db.commit()
    flash(_("Operation created with the default staffing pattern."), "success")
    return _back()


def _operation(db):
    _now, _election, operation = context_now(db)
    if operation is None:
        flash(_("Create the operation first."), "error")
    return operation


@bp.post("/kesiapan/pengamanan/pola")
@login_required
def pattern_save():
    require(current_user, "readiness.edit_deployment")
    db = get_session()
    operation = _operation(db)
    if operation is None:
        return _back()
    require(current_user, "readiness.edit_deployment", operation)
    try:
        for category, _label in CATEGORIES:
            deployment.set_pattern(db, operation, category, form_int(f"{category}-personnel"),
                                   form_int(f"{category}-tps"), form_int(f"{category}-linmas", 0),
                                   actor=current_user, now=utcnow())
    except ReadinessError as exc:
        return _fail(exc.message)
    db.commit()
    flash(_("Staffing pattern saved."), "success")
    return _back()


@bp.post("/kesiapan/pengamanan/kategori")
@login_required
def category_save():
    require(current_user, "readiness.edit_deployment")
    db = get_session()
    operation = _operation(db)
    if operation is None:
        return _back()
    try:
        deployment.set_category(db, operation, _selected_tps(db, "readiness.edit_deployment"),
                                request.form.get("category", ""), actor=current_user, now=utcnow())
    except ReadinessError as exc:
        return _fail(exc.message)
    db.commit()
    flash(_("Category saved."), "success")
    return _back()


@bp.post("/kesiapan/pengamanan/penugasan")
@login_required
def assignment_save():
    require(current_user, "readiness.edit_deployment")
    db = get_session()
    operation = _operation(db)
    if operation is None:
        return _back()
    try:
        deployment.assign(db, operation, _selected_tps(db, "readiness.edit_deployment"), form_int("polri", 0),
                          form_int("tni", 0), request.form.get("group_label", ""), actor=current_user, now=utcnow())
    except ReadinessError as exc:
        return _fail(exc.message)
    db.commit()
    flash(_("Personnel assigned."), "success")
    return _back()


@bp.post("/kesiapan/pengamanan/linmas")
@login_required
def linmas_save():
    require(current_user, "readiness.edit_linmas")
    db = get_session()
    operation = _operation(db)
    if operation is None:
        return _back()
    selected = _selected_tps(db, "readiness.edit_linmas")
    if not selected:
        return _fail(_("Choose at least one TPS."))
    try:
        for tps in selected:
            deployment.set_linmas(db, operation, tps, form_int("linmas"), actor=current_user, now=utcnow())
    except ReadinessError as exc:
        return _fail(exc.message)
    db.commit()
    flash(_("Linmas count saved."), "success")
    return _back()
