"""The reporter's side after sending (no login): the status look-up by code and secret, adding information and
files while the case is open, and the receipt PDF."""

from __future__ import annotations

from flask import abort, current_app, flash, make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlmodel import select

from app.clock import utcnow
from app.complaints import reception
from app.complaints.forms import ReporterInfoForm, StatusLookupForm
from app.complaints.models import ComplaintEvidence
from app.complaints.routes import bp
from app.complaints.services import ComplaintError, reporter
from app.complaints.services import intake as svc
from app.complaints.services.evidence import store_evidence
from app.complaints.settings import settings
from app.db import get_session
from app.exports import pdf_response
from app.extensions import client_ip, limiter
from app.forms import attach_error
from app.i18n import local_date
from app.idempotency.decorators import idempotent
from app.pdf import render_pdf
from app.regions.models import Region

THROTTLED = _l("Too many attempts. Try again in an hour.")
NO_MATCH = _l("The tracking code or the secret does not match.")


def _lookup(form):
    """(the complaint, 200) for the form's code and secret, or (None, 422 / 429) with the same refusal for an
    unknown code and a wrong secret (the refusal is put on the form's secret)."""
    db = get_session()
    try:
        complaint = reporter.lookup(db, form.code.data, form.secret.data, client=client_ip(), now=utcnow())
    except reporter.LookupThrottled:
        attach_error(form, ComplaintError("secret", THROTTLED))
        return None, 429
    if complaint is None:
        db.commit()  # keep the failure count
        attach_error(form, ComplaintError("secret", NO_MATCH))
        return None, 422
    return complaint, 200


def _status_page(form, complaint=None, status=200, info_form=None):
    db = get_session()
    context = {"form": form, "complaint": complaint}
    if complaint is not None:
        info_form = info_form or ReporterInfoForm(formdata=None, code=complaint.tracking_code, secret=form.secret.data)
        step, clock = reception.next_step(complaint, local_date(utcnow(), complaint.region_code), settings())
        context.update(
            next_step=step,
            clock=clock,
            a1=reception.instruction_for(db, complaint, utcnow(), settings()),
            history=reporter.public_history(db, complaint),
            can_add=reporter.reporter_can_add(complaint),
            info_form=info_form,
            files=db.exec(select(ComplaintEvidence).where(ComplaintEvidence.complaint_id == complaint.id)).all(),
        )
    response = make_response(render_template("complaints/status.html", **context), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/pengaduan/status", methods=["GET", "POST"])
@limiter.limit("30 per minute", key_func=client_ip, methods=["POST"])
def status():
    """Look up a complaint by tracking code and secret."""
    form = StatusLookupForm()
    if request.method == "GET" or not form.validate_on_submit():
        return _status_page(form, status=422 if request.method == "POST" else 200)
    complaint, code = _lookup(form)
    return _status_page(form, complaint, status=code)


@bp.post("/pengaduan/status/tambah")
@limiter.limit("30 per minute", key_func=client_ip)
@idempotent
def add_info():
    """The reporter adds information or files while the complaint is open."""
    form = ReporterInfoForm()
    if not form.validate_on_submit():
        return _status_page(StatusLookupForm(), status=422)
    complaint, code = _lookup(form)
    if complaint is None:
        lookup_form = StatusLookupForm(formdata=None)
        lookup_form.secret.errors = list(form.secret.errors)
        return _status_page(lookup_form, status=code)
    db = get_session()
    files, refused = store_evidence(current_app.config["UPLOAD_DIR"], request.files.getlist("files"))
    if refused:
        form.files.errors = [*form.files.errors, *refused]
        return _status_page(form, complaint, 422, info_form=form)
    try:
        reporter.add_reporter_info(db, complaint, form.text.data, evidence=files, now=utcnow())
    except ComplaintError as exc:
        attach_error(form, exc, fallback="text")
        return _status_page(form, complaint, 422, info_form=form)
    db.commit()
    flash(_("Your additional information was received by Bawaslu."), "success")
    fresh = ReporterInfoForm(formdata=None, code=complaint.tracking_code, secret=form.secret.data)
    return _status_page(form, complaint, info_form=fresh)


@bp.post("/pengaduan/tanda-terima.pdf")
@limiter.limit("30 per minute", key_func=client_ip)
def receipt_pdf():
    """One-page receipt with the code and secret (the reporter keeps it)."""
    form = StatusLookupForm()
    if not form.validate_on_submit():
        abort(422)
    complaint, code = _lookup(form)
    if complaint is None:
        abort(code)
    db = get_session()
    office = db.get(Region, complaint.region_code)
    pdf = render_pdf(
        "complaints/pdf/receipt.html",
        complaint=complaint,
        secret=svc.normalise_secret(form.secret.data),
        a1=reception.instruction_for(db, complaint, utcnow(), settings()),
        office=f"Bawaslu {office.label}" if office else "Bawaslu",
        form_name=reception.form_name(complaint.regime),
    )
    return pdf_response(pdf, f"tanda-terima-{complaint.tracking_code}.pdf", inline=False)
