"""Personnel deployment: the operation and its staffing pattern, categories and postings per TPS."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlmodel import select

from app.authz import can, require
from app.clock import utcnow
from app.db import get_session
from app.idempotency.decorators import idempotent
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
def deployment_index(**typed):
    """The operation's page; ``typed`` (``pattern_typed``, ``pattern_errors``) re-shows a refused pattern."""
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
    summary = (
        rollup.build(db, current_user.region_code, operation=operation, voting_day=None, now=now) if operation else None
    )
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
        "readiness/deployment.html",
        operation=operation,
        rows=rows,
        summary=summary,
        patterns=deployment.patterns(db, operation) if operation else {},
        categories=CATEGORIES,
        category_labels=CATEGORY_LABELS,
        village=village,
        villages=villages,
        more=more,
        suggested={t.id: vulnerability.suggested_category(present.get(t.id, set())) for t in tps_list},
        places=describe_place(db, {t.village_code for t in tps_list}),
        form=OperationForm(),
        can_deploy=can(current_user, "readiness.edit_deployment"),
        can_linmas=can(current_user, "readiness.edit_linmas"),
        pattern_typed=typed.get("pattern_typed") or {},
        pattern_errors=typed.get("pattern_errors") or {},
    )


@bp.post("/kesiapan/pengamanan/operasi")
@login_required
@idempotent
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


def _save(permission: str, change, done: str):
    """The deployment forms' one shape: entitled to ``permission`` on the chosen operation, ``change(db,
    operation, now)`` run, the service's refusal shown as the form's message, one commit, ``done`` flashed."""
    require(current_user, permission)
    db = get_session()
    operation = _operation(db)
    if operation is None:
        return _back()
    require(current_user, permission, operation)
    try:
        change(db, operation, utcnow())
    except ReadinessError as exc:
        db.rollback()
        return _fail(exc.message)
    db.commit()
    flash(done, "success")
    return _back()


def _pattern_errors(typed: dict[str, str]) -> dict[str, str]:
    """Each refused number of the pattern table, by its input's name, with what is wrong with it."""
    errors = {}
    for name, raw in typed.items():
        least = 1 if name.endswith("-tps") else 0
        value = form_int(name)
        if raw == "":
            errors[name] = _("Enter a number; 0 when there is none.") if least == 0 else _("Enter at least 1.")
        elif value is None:
            errors[name] = _("Enter a whole number.")
        elif value < least:
            errors[name] = _("Enter at least 1.") if least else _("Numbers cannot be negative.")
    return errors


@bp.post("/kesiapan/pengamanan/pola")
@login_required
def pattern_save():
    typed = {
        f"{category}-{f}": (request.form.get(f"{category}-{f}") or "").strip()
        for category, _label in CATEGORIES
        for f in ("personnel", "tps", "linmas")
    }
    errors = _pattern_errors(typed)
    if errors:  # next to each number, with what was typed (the table was redrawn from the saved pattern)
        require(current_user, "readiness.edit_deployment")
        get_session().rollback()
        return deployment_index(pattern_typed=typed, pattern_errors=errors), 422
    values = {
        category: (form_int(f"{category}-personnel"), form_int(f"{category}-tps"), form_int(f"{category}-linmas", 0))
        for category, _label in CATEGORIES
    }
    return _save(
        "readiness.edit_deployment",
        lambda db, op, now: deployment.set_patterns(db, op, values, actor=current_user, now=now),
        _("Staffing pattern saved."),
    )


@bp.post("/kesiapan/pengamanan/kategori")
@login_required
def category_save():
    def change(db, op, now):
        chosen = _selected_tps(db, "readiness.edit_deployment")
        deployment.set_category(db, op, chosen, request.form.get("category", ""), actor=current_user, now=now)

    return _save("readiness.edit_deployment", change, _("Category saved."))


@bp.post("/kesiapan/pengamanan/penugasan")
@login_required
def assignment_save():
    def change(db, op, now):
        chosen = _selected_tps(db, "readiness.edit_deployment")
        polri, tni, label = form_int("polri", 0), form_int("tni", 0), request.form.get("group_label", "")
        deployment.assign(db, op, chosen, polri, tni, label, actor=current_user, now=now)

    return _save("readiness.edit_deployment", change, _("Personnel assigned."))


@bp.post("/kesiapan/pengamanan/linmas")
@login_required
def linmas_save():
    def change(db, op, now):
        chosen = _selected_tps(db, "readiness.edit_linmas")
        if not chosen:
            raise ReadinessError("tps", _("Choose at least one TPS."))
        for tps in chosen:
            deployment.set_linmas(db, op, tps, form_int("linmas"), actor=current_user, now=now)

    return _save("readiness.edit_linmas", change, _("Linmas count saved."))
