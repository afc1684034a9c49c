"""Bawaslu's actions on one complaint: status moves, checklist, routing, outcomes, messages to the reporter."""

from __future__ import annotations

from datetime import UTC

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import get_or_404
from app.clock import utcnow
from app.complaints.handling_forms import MessageForm, OutcomeForm, RoutingForm, SignatureForm, TransitionForm
from app.complaints.models import Complaint, ComplaintRouting
from app.complaints.routes import bp
from app.complaints.routes.detail import render_detail
from app.complaints.services import ComplaintError, handling, routing
from app.complaints.vocab import Status
from app.db import get_session
from app.forms import attach_error
from app.i18n import zone
from app.idempotency.decorators import idempotent


def _load(complaint_id: int) -> Complaint:
    return get_or_404(get_session(), Complaint, complaint_id, user=current_user, action="complaint.handle")


def _done(complaint: Complaint, message: str):
    flash(message, "success")
    return redirect(url_for("complaints.detail", complaint_id=complaint.id) + "#handling", 303)


def _invalid(db, complaint, **forms):
    """Re-render the page with the form's errors (422); commit the identity-view audit of that page."""
    page, status = render_detail(db, complaint, 422, **forms)
    db.commit()
    return page, status


def _refused(db, complaint, form, exc: ComplaintError, key: str, fallback: str | None = None):
    """The page again (422) with the service's refusal by its field (or as a message when the form has none)."""
    db.rollback()
    complaint = db.get(Complaint, complaint.id)
    if form is not None and (getattr(form, exc.field or "", None) is not None or fallback):
        attach_error(form, exc, fallback)
    else:
        flash(str(exc.message), "error")
    page, _status = render_detail(db, complaint, 422, **({key: form} if form is not None else {}))
    db.commit()  # the identity-view audit of the re-rendered page
    return page, 422


@bp.post("/pengaduan/<int:complaint_id>/status")
@login_required
@idempotent
def move(complaint_id: int):
    """Move the complaint to the next status (registration needs the checklist)."""
    db = get_session()
    complaint = _load(complaint_id)
    form = TransitionForm()
    if not form.validate_on_submit():
        return _invalid(db, complaint, transition_form=form)
    try:
        handling.transition(
            db,
            complaint,
            form.to.data,
            actor=current_user,
            now=utcnow(),
            note=form.note.data or "",
            public_message=form.public_message.data or "",
            late_override=form.late_override.data or "",
        )
    except ComplaintError as exc:  # shown above the buttons ("to") unless it names a field of the form
        return _refused(db, complaint, form, exc, "transition_form", fallback="to")
    db.commit()
    if complaint.status == Status.DIREGISTRASI:
        return _done(complaint, _("Registered with number %(number)s.", number=complaint.register_number))
    return _done(complaint, _("Status changed to %(status)s.", status=Status(complaint.status).label))


@bp.post("/pengaduan/<int:complaint_id>/tanda-tangan")
@login_required
@idempotent
def signature(complaint_id: int):
    """Bawaslu received the signed A.1/B.1: from then it is a laporan and its clocks run."""
    db = get_session()
    complaint = _load(complaint_id)
    form = SignatureForm()
    if not form.validate_on_submit():
        return _invalid(db, complaint, signature_form=form)
    signed_at = form.signed_at.data.replace(tzinfo=zone(complaint.region_code)).astimezone(UTC)
    try:
        handling.record_signature(db, complaint, signed_at, form.how.data, actor=current_user, now=utcnow())
    except ComplaintError as exc:
        return _refused(db, complaint, form, exc, "signature_form")
    db.commit()
    return _done(complaint, _("Signed form recorded: it is now a laporan."))


@bp.post("/pengaduan/<int:complaint_id>/syarat")
@login_required
def checklist(complaint_id: int):
    """Save the formal and material checklist."""
    db = get_session()
    complaint = _load(complaint_id)
    try:
        handling.set_checklist(db, complaint, set(request.form.getlist("item")), actor=current_user, now=utcnow())
    except ComplaintError as exc:
        return _refused(db, complaint, None, exc, "transition_form")
    db.commit()
    return _done(complaint, _("Checklist saved."))


@bp.post("/pengaduan/<int:complaint_id>/teruskan")
@login_required
@idempotent
def forward(complaint_id: int):
    """Forward to the competent body (routing table) with the letter number and date."""
    db = get_session()
    complaint = _load(complaint_id)
    form = RoutingForm()
    if not form.validate_on_submit():
        return _invalid(db, complaint, routing_form=form)
    try:
        routing.route(
            db,
            complaint,
            form.recipient.data,
            form.letter_number.data,
            form.letter_date.data,
            actor=current_user,
            now=utcnow(),
            article=form.article.data or "",
        )
    except ComplaintError as exc:
        return _refused(db, complaint, form, exc, "routing_form")
    db.commit()
    return _done(complaint, _("Forwarded."))


@bp.post("/pengaduan/<int:complaint_id>/hasil")
@login_required
def outcome(complaint_id: int):
    """Record the outcome a recipient sent back (sanction level)."""
    db = get_session()
    complaint = _load(complaint_id)
    form = OutcomeForm()
    forwarded = (
        db.get(ComplaintRouting, int(form.routing_id.data or 0)) if (form.routing_id.data or "").isdigit() else None
    )
    if forwarded is None or forwarded.complaint_id != complaint.id:
        return _invalid(db, complaint, outcome_form=form)
    if not form.validate_on_submit():
        return _invalid(db, complaint, outcome_form=form)
    try:
        routing.record_outcome(
            db,
            forwarded,
            complaint,
            form.outcome.data,
            form.sanction_level.data or "",
            actor=current_user,
            now=utcnow(),
        )
    except ComplaintError as exc:
        return _refused(db, complaint, form, exc, "outcome_form")
    db.commit()
    return _done(complaint, _("Outcome recorded."))


@bp.post("/pengaduan/<int:complaint_id>/pesan")
@login_required
@idempotent
def message(complaint_id: int):
    """A message the reporter sees on the status page."""
    db = get_session()
    complaint = _load(complaint_id)
    form = MessageForm()
    if not form.validate_on_submit():
        return _invalid(db, complaint, message_form=form)
    handling.send_message(db, complaint, form.message.data, actor=current_user, now=utcnow())
    db.commit()
    return _done(complaint, _("Message sent to the reporter."))
