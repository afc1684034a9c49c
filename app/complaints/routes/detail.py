"""Staff: one complaint (page and printed report form) and its evidence files, with what the viewer may see."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user, login_required

from app.audit.services import present
from app.auth.models import User
from app.authz import can, get_or_404
from app.clock import utcnow
from app.complaints import deadlines, queries, reception
from app.complaints.handling_forms import (
    FirstDiscussionForm,
    MessageForm,
    OutcomeForm,
    RoutingForm,
    SignatureForm,
    StageForm,
    TransitionForm,
)
from app.complaints.identity import audit_identity_views, history_for, reporter_view
from app.complaints.models import Complaint, ComplaintEvidence
from app.complaints.routes import bp
from app.complaints.rules import ROUTABLE, suggested_route
from app.complaints.services import gakkumdu as gk
from app.complaints.services import handling
from app.complaints.settings import settings
from app.db import get_session, writes
from app.exports import pdf_response, upload_response
from app.i18n import local, local_date
from app.pdf import render_pdf
from app.regions.models import Region


def local_now(region_code: str):
    """Now on the region's wall clock, naive and to the minute (a datetime-local input's value)."""
    return local(utcnow(), region_code).replace(tzinfo=None, second=0, microsecond=0)


def _case_context(db, complaint: Complaint, case, today, cfg) -> dict:
    advance = case is not None and can(current_user, "gakkumdu.advance", case)
    return {
        "case_clock": (
            deadlines.stage_clock(case, today, cfg, registered_at=complaint.registered_at, now=utcnow())
            if case
            else None
        ),
        "case_visible": case is not None and can(current_user, "gakkumdu.view", case),
        "stage_moves": gk.next_stages(case, current_user) if advance else [],
        "first_discussion": gk.can_open_first_discussion(db, complaint, current_user),
    }


def detail_context(db, complaint: Complaint) -> dict:
    """What the page and the printed form show this viewer (identity, history and handling as allowed)."""
    cfg = settings()
    rel = queries.related(db, complaint)
    today = local_date(utcnow(), complaint.region_code)
    handler = can(current_user, "complaint.handle", complaint)
    rel["updates"] = history_for(current_user, complaint, rel["updates"])
    election = reception.election_of(complaint)
    return {
        "c": complaint,
        "reporter": reporter_view(current_user, complaint),
        **rel,
        **_case_context(db, complaint, rel["case"], today, cfg),
        "clock": reception.complaint_clock(complaint, today, cfg),
        "filing_rule": deadlines.filing_rule(complaint.regime, cfg),
        # A working-day filing window (Pemilu) through a year without a holiday calendar says so (issue 11).
        "filing_unknown_years": deadlines.due_by_rule(
            deadlines.filing_rule(complaint.regime, cfg), complaint.known_on, cfg
        ).unknown_years
        if complaint.known_on
        else (),
        "awaiting_signature": reception.awaiting_signature(complaint),
        "form_name": reception.form_name(complaint.regime),
        "last_reception": reception.last_reception(complaint.filing_deadline, complaint.region_code, election, cfg),
        "election": election,
        "handler": handler,
        "moves": handling.allowed_moves(complaint, current_user) if handler else [],
        "checklist": [(k, bool(complaint.checklist.get(k))) for k in handling.checklist_keys(complaint)],
        "checklist_done": handling.checklist_complete(complaint),
        "routable": handler and complaint.status in ROUTABLE,
        "audit": present(db, current_user, queries.audit_trail(db, complaint, rel["case"])),
        "suggested": suggested_route(complaint.subject_type, complaint.violation_type),
    }


def render_detail(db, complaint: Complaint, status: int = 200, **forms):
    ctx = detail_context(db, complaint)
    forms.setdefault("transition_form", TransitionForm(formdata=None))
    forms.setdefault("routing_form", RoutingForm(formdata=None, recipient=ctx["suggested"] or ""))
    forms.setdefault("message_form", MessageForm(formdata=None))
    forms.setdefault("outcome_form", OutcomeForm(formdata=None))
    forms.setdefault("stage_form", StageForm(formdata=None, occurred_at=local_now(complaint.region_code)))
    forms.setdefault("first_discussion_form", FirstDiscussionForm(formdata=None))
    forms.setdefault("signature_form", SignatureForm(formdata=None, signed_at=local_now(complaint.region_code)))
    if ctx["reporter"].full:
        audit_identity_views(db, current_user, [complaint], now=utcnow(), where="page")
    return render_template("complaints/detail.html", **ctx, **forms), status


@bp.get("/pengaduan/<int:complaint_id>")
@login_required
@writes
def detail(complaint_id: int):
    """One complaint: identity only for Bawaslu operator/pimpinan in scope (and every view of it audited)."""
    db = get_session()
    complaint = get_or_404(db, Complaint, complaint_id, user=current_user, action="complaint.view")
    page = render_detail(db, complaint)
    db.commit()
    return page


@bp.get("/pengaduan/<int:complaint_id>/laporan.pdf")
@login_required
@writes
def report_pdf(complaint_id: int):
    """The complaint on the report form's layout, with what this viewer may see."""
    db = get_session()
    complaint = get_or_404(db, Complaint, complaint_id, user=current_user, action="complaint.view")
    ctx = detail_context(db, complaint)
    if ctx["reporter"].full:
        audit_identity_views(db, current_user, [complaint], now=utcnow(), where="pdf")
    pdf = render_pdf(
        "complaints/pdf/report.html",
        **ctx,
        printed_at=utcnow(),
        viewer=current_user,
        office=db.get(Region, complaint.region_code),
        reported_at=complaint.a1_signed_at or complaint.received_at,
        officer=db.get(User, complaint.a1_signed_by_id or complaint.received_by_id or 0),
    )
    db.commit()
    return pdf_response(pdf, f"pengaduan-{complaint.tracking_code}.pdf")


@bp.get("/pengaduan/<int:complaint_id>/bukti/<int:evidence_id>")
@login_required
def evidence(complaint_id: int, evidence_id: int):
    """An evidence file, for those who may see the complaint. :raise 404: unknown, another case's, or erased."""
    db = get_session()
    complaint = get_or_404(db, Complaint, complaint_id, user=current_user, action="complaint.view")
    item = db.get(ComplaintEvidence, evidence_id)
    if item is None or item.complaint_id != complaint.id or not item.file_name:
        abort(404)
    return upload_response(item.file_name, item.content_type, download=item.content_type == "application/pdf")
