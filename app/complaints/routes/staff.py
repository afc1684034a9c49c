"""Staff pages: the queue, one complaint, CSV and PDF exports, evidence files, staff intake."""

from __future__ import annotations

import csv
import io

from flask import abort, current_app, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.audit.services import present
from app.auth.models import User
from app.authz import can, get_or_404, permission_required, require
from app.clock import utcnow
from app.complaints import deadlines, queries, reception, wizard
from app.complaints.constants import (
    CHECKLIST,
    STATUS_LABELS,
    SUBJECT_LABELS,
    VIOLATIONS,
    Channel,
    Kind,
    Status,
    suggested_route,
)
from app.complaints.forms import (
    ComplaintForm,
    MessageForm,
    OutcomeForm,
    RoutingForm,
    SignatureForm,
    StageForm,
    TransitionForm,
)
from app.complaints.gakkumdu_forms import FirstDiscussionForm
from app.complaints.identity import audit_identity_views, history_for, reporter_view
from app.complaints.models import Complaint, ComplaintEvidence
from app.complaints.routes import bp
from app.complaints.services import ComplaintError, handling
from app.complaints.services import gakkumdu as gk
from app.complaints.services.intake import create_complaint
from app.complaints.settings import settings
from app.db import get_session, writes
from app.idempotency.services import idempotent
from app.params import int_arg
from app.pdf import render_pdf
from app.regions.models import Region
from app.regions.services import zoneinfo_for
from app.uploads import upload_path


def today_for(region_code: str):
    return deadlines.local_date(utcnow(), region_code)


def local_now(region_code: str):
    """Now on the region's wall clock, naive and to the minute (a datetime-local input's value)."""
    return utcnow().astimezone(zoneinfo_for(region_code)).replace(tzinfo=None, second=0, microsecond=0)


@bp.get("/pengaduan")
@permission_required("complaints.list")
@writes
def index():
    """The queue: complaints per status with their deadline clocks."""
    db = get_session()
    tab = request.args.get("status") or ""
    q = (request.args.get("q") or "").strip()[:100]
    page = int_arg("page", 1, hi=100000)
    rows = queries.queue(db, current_user, tab=tab or None, q=q, page=page)
    more = len(rows) > queries.PAGE_SIZE
    rows = rows[:queries.PAGE_SIZE]
    cfg = settings()
    items = [(c, reporter_view(current_user, c), reception.complaint_clock(c, today_for(c.region_code), cfg))
             for c in rows]
    audit_identity_views(db, current_user, [c for c, r, _clock in items if r.full], now=utcnow(), where="list")
    db.commit()
    return render_template("complaints/index.html", items=items, tab=tab, q=q, tabs=queries.QUEUE_TABS,
                           counts=queries.counts(db, current_user), page=page, more=more)


@bp.get("/pengaduan.csv")
@permission_required("complaints.list")
@writes
def export_csv():
    """CSV of what the user may see; the reporter column respects confidentiality."""
    db = get_session()
    rows = queries.queue(db, current_user, tab=request.args.get("status") or None, q=request.args.get("q") or "",
                         limit=None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Tracking code"), _("Register number"), _("Type"), _("Status"), _("Received"), _("Reporter"),
                     _("NIK"), _("Reporter phone"), _("Reported person"), _("Subject type"), _("Violation"),
                     _("Place"), _("Late filing")])
    shown = []
    for c in rows:
        r = reporter_view(current_user, c)
        if r.full:
            shown.append(c)
        writer.writerow([c.tracking_code, c.register_number or "", c.kind, STATUS_LABELS[Status(c.status)],
                         c.received_at.isoformat(), _csv_safe(r.label), r.nik, _csv_safe(r.phone),
                         _csv_safe(c.subject_name), str(SUBJECT_LABELS.get(c.subject_type, c.subject_type)),
                         str(VIOLATIONS.get(c.violation_type, ("",))[0]), _csv_safe(c.event_place),
                         _("yes") if c.late_filing else _("no")])
    audit_identity_views(db, current_user, shown, now=utcnow(), where="csv")
    db.commit()
    response = make_response(out.getvalue().encode("utf-8-sig"))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="pengaduan.csv"'
    return response


def _csv_safe(value: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    value = value or ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def detail_context(db, complaint: Complaint) -> dict:
    cfg = settings()
    rel = queries.related(db, complaint)
    case = rel["case"]
    today = today_for(complaint.region_code)
    handler = can(current_user, "complaint.handle", complaint)
    rel["updates"] = history_for(current_user, complaint, rel["updates"])
    return {
        "c": complaint, "reporter": reporter_view(current_user, complaint), **rel,
        "clock": reception.complaint_clock(complaint, today, cfg),
        "filing_rule": deadlines.filing_rule(complaint.regime, cfg),
        "awaiting_signature": reception.awaiting_signature(complaint),
        "form_name": reception.form_name(complaint.regime),
        "last_reception": reception.last_reception(complaint.filing_deadline, complaint.region_code,
                                                   reception.election_of(complaint), cfg),
        "case_clock": deadlines.stage_clock(case, today, cfg) if case else None,
        "case_visible": case is not None and can(current_user, "gakkumdu.view", case),
        "stage_moves": gk.next_stages(case, current_user) if case and can(current_user, "gakkumdu.advance", case)
        else [],
        "first_discussion": gk.can_open_first_discussion(db, complaint, current_user),
        "handler": handler, "moves": handling.allowed_moves(complaint, current_user) if handler else [],
        "checklist": [(k, CHECKLIST[k], bool(complaint.checklist.get(k))) for k in handling.checklist_keys(complaint)],
        "checklist_done": handling.checklist_complete(complaint),
        "routable": handler and Status(complaint.status) in handling.ROUTABLE,
        "audit": present(db, current_user, queries.audit_trail(db, complaint, case)),
        "suggested": suggested_route(complaint.subject_type, complaint.violation_type),
    }


def render_detail(db, complaint: Complaint, status: int = 200, **forms):
    ctx = detail_context(db, complaint)
    forms.setdefault("transition_form", TransitionForm(formdata=None))
    forms.setdefault("routing_form", RoutingForm(formdata=None, recipient=ctx["suggested"] or ""))
    forms.setdefault("message_form", MessageForm(formdata=None))
    forms.setdefault("outcome_form", OutcomeForm(formdata=None))
    forms.setdefault("stage_form", StageForm(formdata=None))
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
    office = db.get(Region, complaint.region_code)
    reported_at = complaint.a1_signed_at or complaint.received_at
    officer = db.get(User, complaint.a1_signed_by_id or complaint.received_by_id or 0)
    pdf = render_pdf("complaints/pdf/report.html", **ctx, printed_at=utcnow(), viewer=current_user,
                     office=office, reported_at=reported_at, officer=officer)
    db.commit()
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="pengaduan-{complaint.tracking_code}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/pengaduan/<int:complaint_id>/bukti/<int:evidence_id>")
@login_required
def evidence(complaint_id: int, evidence_id: int):
    """An evidence file, for those who may see the complaint."""
    db = get_session()
    complaint = get_or_404(db, Complaint, complaint_id, user=current_user, action="complaint.view")
    item = db.get(ComplaintEvidence, evidence_id)
    if item is None or item.complaint_id != complaint.id:
        abort(404)
    try:
        path = upload_path(current_app.config["UPLOAD_DIR"], item.file_name)
    except FileNotFoundError:
        abort(404)
    response = send_file(path, mimetype=item.content_type, download_name=item.file_name,
                         as_attachment=item.content_type == "application/pdf")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/pengaduan/catat", methods=["GET", "POST"])
@permission_required("complaints.staff_intake")
@idempotent
def staff_new():
    """Staff intake: a complaint received in person, by phone or by letter, or a Bawaslu finding (temuan)."""
    db = get_session()
    form = ComplaintForm()
    temuan = request.values.get("jenis") == "temuan"
    if temuan:
        require(current_user, "complaints.temuan")
    wizard.region_choices(db, form, current_user.region_code)
    status = 200
    if request.method == "POST":
        today = today_for(current_user.region_code)
        steps = ["terlapor", "peristiwa", "saksi"] + ([] if temuan else ["pelapor"])
        ok = all([wizard.validate_step(db, form, s, today) for s in steps])
        wizard.store_uploads(form, wizard.request_files())
        if ok and not form.evidence_files.errors:
            try:
                data = wizard.to_input(form, channel=form.channel.data or "langsung", temuan=temuan,
                                       a1_signed=bool(form.a1_signed.data))
                created = create_complaint(db, data, actor=current_user, now=utcnow())
            except ComplaintError as exc:
                wizard.add_error(getattr(form, exc.field, form.description), str(exc.message))
            else:
                db.commit()
                c = created.complaint
                flash(_("Recorded as %(code)s. Secret for the reporter: %(secret)s", code=c.tracking_code,
                        secret=created.secret), "success")
                if can(current_user, "complaint.view", c):
                    return redirect(url_for("complaints.detail", complaint_id=c.id), 303)
                return redirect(url_for("complaints.staff_new"), 303)
        status = 422
    return render_template("complaints/staff_new.html", form=form, temuan=temuan,
                           files=wizard.load_tokens(form.evidence_tokens.data),
                           channels=[c for c in Channel if c not in (Channel.ONLINE, Channel.TEMUAN)],
                           kind_temuan=Kind.TEMUAN), status
