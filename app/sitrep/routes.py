"""``/laporan-situasi``: the list (with the province roll-up), making a draft, one report, editing its narrative,
signing, correcting, its PDF and its WhatsApp text. Routes are thin: parse, one service, commit, render."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.authz import can, get_or_404, permission_required
from app.clock import utcnow
from app.db import get_session
from app.exports import pdf_response
from app.forms import attach_error
from app.htmx import refused
from app.i18n import local_date
from app.idempotency.decorators import idempotent
from app.sitrep import documents, queries, services, signature
from app.sitrep.forms import CorrectForm, GenerateForm, NarrativeForm, SignForm
from app.sitrep.models import SitrepReport
from app.sitrep.services import SitrepError

bp = Blueprint("sitrep", __name__)


def _index_page(form: GenerateForm, status: int = 200):
    db = get_session()
    now = utcnow()
    rollup = queries.province_rollup(db, current_user, now)
    page = render_template(
        "sitrep/index.html",
        reports=services.reports_for(db, current_user.region_code),
        form=form,
        may_generate=can(current_user, "sitrep.generate", current_user.region_code),
        rollup=rollup,
        combined=queries.combined(rollup) if rollup is not None else None,
        names=queries.region_names(db, current_user.region_code),
    )
    return refused(page, "#sitrep-generate") if status == 422 else page


@bp.get("/laporan-situasi")
@permission_required("sitrep.list")
def index():
    return _index_page(GenerateForm(formdata=None))


@bp.post("/laporan-situasi/buat")
@permission_required("sitrep.list")
@idempotent
def generate():
    """Make (or refresh) the draft of today, or of the period given."""
    if not can(current_user, "sitrep.generate", current_user.region_code):
        abort(403)
    db = get_session()
    form = GenerateForm()
    if not form.validate_on_submit():
        flash(_("The report could not be made. Reload the page and try again."), "error")
        return _index_page(form, 422)
    try:
        start, end = form.period(services.desk_of(current_user.region_code))
        now = utcnow()
        report = services.create_report(db, actor=current_user, now=now, start=start, end=end)
    except SitrepError as exc:
        db.rollback()
        attach_error(form, exc, fallback="start")
        return _index_page(form, 422)
    db.commit()
    if report.created_at == now:
        flash(_("The draft report was made from the current data."), "success")
    else:  # the period's draft already existed: create_report refreshed it instead of making a second one
        flash(_("This period already had a draft: its figures were generated again from the current data."), "success")
    return redirect(url_for("sitrep.detail", report_id=report.id), 303)


def _load(report_id: int) -> SitrepReport:
    return get_or_404(get_session(), SitrepReport, report_id, user=current_user, action="sitrep.view")


def _detail_page(
    report: SitrepReport, *, narrative=None, sign_form=None, status: int = 200, target=None, error: str | None = None
):
    db = get_session()
    narrative = narrative or NarrativeForm(formdata=None, obj=report)
    text = documents.wa_text(db, report)
    page = render_template(
        "sitrep/detail.html",
        report=report,
        ctx=documents.context(db, report),
        narrative=narrative,
        sign_form=sign_form or SignForm(formdata=None),
        correct_form=CorrectForm(formdata=None),
        may_edit=can(current_user, "sitrep.edit", report) and not report.is_signed,
        may_correct=can(current_user, "sitrep.edit", report) and report.is_signed,
        superseded=signature.superseded(db, report),
        wa_text=text,
        error=error,
    )
    return refused(page, target) if status == 422 else page


@bp.get("/laporan-situasi/<int:report_id>")
@permission_required("sitrep.list")
def detail(report_id: int):
    return _detail_page(_load(report_id))


def _refuse_signed(report: SitrepReport, message: str):
    """A refusal about the whole report (already signed…): the message on top of the report, 422, in place."""
    return _detail_page(report, status=422, target="#sitrep-main", error=message)


@bp.post("/laporan-situasi/<int:report_id>/narasi")
@permission_required("sitrep.list")
@idempotent
def edit(report_id: int):
    report = _load(report_id)
    if not can(current_user, "sitrep.edit", report):
        abort(403)
    db = get_session()
    form = NarrativeForm()
    if not form.validate_on_submit():
        return _detail_page(report, narrative=form, status=422, target="#sitrep-narrative")
    try:
        services.edit_narrative(
            db,
            report,
            {name: getattr(form, name).data for name in services.NARRATIVE},
            actor=current_user,
            now=utcnow(),
        )
    except SitrepError as exc:
        db.rollback()
        if exc.field == "status":
            db.refresh(report)
            return _refuse_signed(report, str(exc.message))
        attach_error(form, exc, fallback="situasi_umum")
        return _detail_page(report, narrative=form, status=422, target="#sitrep-narrative")
    db.commit()
    flash(_("The report was saved."), "success")
    return redirect(url_for("sitrep.detail", report_id=report.id), 303)


@bp.post("/laporan-situasi/<int:report_id>/perbarui")
@permission_required("sitrep.list")
@idempotent
def refresh(report_id: int):
    report = _load(report_id)
    if not can(current_user, "sitrep.edit", report):
        abort(403)
    db = get_session()
    try:
        services.refresh(db, report, actor=current_user, now=utcnow())
    except SitrepError as exc:
        db.rollback()
        db.refresh(report)
        return _refuse_signed(report, str(exc.message))
    db.commit()
    flash(_("The figures were generated again from the current data."), "success")
    return redirect(url_for("sitrep.detail", report_id=report.id), 303)


@bp.post("/laporan-situasi/<int:report_id>/tandatangan")
@permission_required("sitrep.list")
@idempotent
def sign(report_id: int):
    report = _load(report_id)
    if not can(current_user, "sitrep.sign", report):
        abort(403)
    db = get_session()
    form = SignForm()
    if not form.validate_on_submit():
        return _detail_page(report, sign_form=form, status=422, target="#sitrep-sign")
    try:
        services.sign(db, report, actor=current_user, now=utcnow(), confirmed=bool(form.confirm.data))
    except SitrepError as exc:
        db.rollback()
        db.refresh(report)
        if exc.field == "status":
            return _refuse_signed(report, str(exc.message))
        attach_error(form, exc, fallback="confirm")
        return _detail_page(report, sign_form=form, status=422, target="#sitrep-sign")
    db.commit()
    flash(_("The report is signed (code %(code)s).", code=report.code), "success")
    return redirect(url_for("sitrep.detail", report_id=report.id), 303)


@bp.post("/laporan-situasi/<int:report_id>/koreksi")
@permission_required("sitrep.list")
@idempotent
def correct(report_id: int):
    report = _load(report_id)
    if not can(current_user, "sitrep.edit", report):
        abort(403)
    db = get_session()
    if not CorrectForm().validate_on_submit():
        return _refuse_signed(report, _("The correction could not be started. Reload the page and try again."))
    try:
        draft = services.correct(db, report, actor=current_user, now=utcnow())
    except SitrepError as exc:
        db.rollback()
        db.refresh(report)
        return _refuse_signed(report, str(exc.message))
    db.commit()
    flash(_("A correction was started as version %(n)s.", n=draft.version), "info")
    return redirect(url_for("sitrep.detail", report_id=draft.id), 303)


@bp.get("/laporan-situasi/<int:report_id>.pdf")
@permission_required("sitrep.list")
def pdf(report_id: int):
    report = _load(report_id)
    data = documents.report_pdf(get_session(), report)
    suffix = f"v{report.version}" if report.is_signed else "draf"
    return pdf_response(data, f"laporan-situasi-{report.id}-{suffix}.pdf")


@bp.get("/laporan-situasi/provinsi.pdf")
@permission_required("sitrep.list")
def province_pdf():
    """The province desk's generated roll-up of today; only for a province-scoped user (404 for the others)."""
    db = get_session()
    now = utcnow()
    rows = queries.province_rollup(db, current_user, now)
    if rows is None:
        abort(404)
    data = documents.province_pdf(db, current_user.region_code, rows, now)
    day = local_date(now, current_user.region_code).isoformat()
    return pdf_response(data, f"rekapitulasi-laporan-situasi-{current_user.region_code}-{day}.pdf")


@bp.get("/laporan-situasi/<int:report_id>/wa")
@permission_required("sitrep.list")
def whatsapp(report_id: int):
    report = _load(report_id)
    response = Response(documents.wa_text(get_session(), report), mimetype="text/plain")
    response.headers["Cache-Control"] = "private, no-store"
    return response
