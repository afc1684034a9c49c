"""Sentra Gakkumdu stage changes, by Bawaslu, Polri or Kejaksaan in scope."""

from __future__ import annotations

from datetime import UTC

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlmodel import select

from app.authz import get_or_404
from app.clock import utcnow
from app.complaints.handling_forms import FirstDiscussionForm, StageForm
from app.complaints.models import Complaint, GakkumduCase
from app.complaints.routes import bp
from app.complaints.routes.detail import render_detail
from app.complaints.services import ComplaintError
from app.complaints.services import gakkumdu as gk
from app.db import get_session
from app.forms import attach_error
from app.i18n import zone
from app.idempotency.decorators import idempotent


@bp.post("/pengaduan/<int:complaint_id>/gakkumdu")
@login_required
@idempotent
def stage(complaint_id: int):
    """Record the next stage of the Gakkumdu case."""
    db = get_session()
    complaint = get_or_404(db, Complaint, complaint_id, user=current_user, action="complaint.view")
    case = db.exec(select(GakkumduCase).where(GakkumduCase.complaint_id == complaint.id)).first()
    if case is None:
        abort(404)
    case = get_or_404(db, GakkumduCase, case.id, user=current_user, action="gakkumdu.advance")
    form = StageForm()
    if not form.validate_on_submit():
        return render_detail(db, complaint, 422, stage_form=form)
    typed = form.occurred_at.data
    at = typed.replace(tzinfo=zone(complaint.region_code)).astimezone(UTC) if typed else None
    try:
        gk.advance(db, case, form.stage.data, actor=current_user, now=utcnow(), at=at, note=form.note.data or "")
    except ComplaintError as exc:
        db.rollback()
        attach_error(form, exc, fallback="stage")
        return render_detail(db, db.get(Complaint, complaint_id), 422, stage_form=form)
    db.commit()
    flash(_("Stage recorded."), "success")
    return redirect(url_for("complaints.detail", complaint_id=complaint.id) + "#gakkumdu", 303)


@bp.post("/pengaduan/<int:complaint_id>/gakkumdu/pembahasan-pertama")
@login_required
@idempotent
def first_discussion(complaint_id: int):
    """Record the first Sentra Gakkumdu discussion during kajian awal (the complaint keeps its status)."""
    db = get_session()
    complaint = get_or_404(db, Complaint, complaint_id, user=current_user, action="complaint.handle")
    form = FirstDiscussionForm()
    if not form.validate_on_submit():
        return render_detail(db, complaint, 422, first_discussion_form=form)
    try:
        gk.open_first_discussion(
            db, complaint, actor=current_user, now=utcnow(), article=form.article.data or "", note=form.note.data or ""
        )
    except ComplaintError as exc:
        db.rollback()
        attach_error(form, exc, fallback="article")
        return render_detail(db, db.get(Complaint, complaint_id), 422, first_discussion_form=form)
    db.commit()
    flash(_("First Sentra Gakkumdu discussion recorded."), "success")
    return redirect(url_for("complaints.detail", complaint_id=complaint.id) + "#gakkumdu", 303)
