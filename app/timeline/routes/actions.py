"""Actions on one entry: follow-up, incident status, handling agency, acknowledgement, promotion.

Each is a plain form POST (works without JS, boosted by htmx), idempotent, and redirects to the entry page.
Refused input re-renders the entry page with 422 and what the user typed; htmx swaps only the refused form's
section (``common.refused``). Follow-ups and status changes carry the phone's time (``event_time``).
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import get_or_404
from app.clock import utcnow
from app.db import get_session
from app.idempotency.services import idempotent
from app.timeline import event_time, queries, services
from app.timeline.forms import FollowupForm, StatusForm
from app.timeline.models import Entry
from app.timeline.routes import bp
from app.timeline.routes.common import entry_url, refused

STEPS = "#incident-steps"


def _rerender(db, entry: Entry, target: str, *, followup_form=None, status_form=None, assign_error=None):
    db.rollback()
    db.refresh(entry)
    thread = queries.followups(db, entry)
    return refused(render_template("timeline/entry.html", entry=entry, thread=thread,
                                   cd=queries.card_data(db, [entry, *thread]),
                                   followup_form=followup_form or FollowupForm(formdata=None),
                                   status_form=status_form or StatusForm(formdata=None),
                                   assign_error=assign_error), target)


@bp.post("/linimasa/<int:entry_id>/tindak-lanjut")
@login_required
@idempotent
def followup(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.followup")
    form = FollowupForm()
    if form.validate_on_submit():
        try:
            now = utcnow()
            services.add_followup(db, entry, author=current_user, text=form.text.data, now=now,
                                  occurred=event_time.from_form(request.form, now))
        except services.EntryError as exc:
            form.text.errors = [str(exc.message)]
        else:
            db.commit()
            return redirect(entry_url(entry), 303)
    return _rerender(db, entry, "#followup-form", followup_form=form)


@bp.post("/kerawanan/<int:entry_id>/status")
@login_required
@idempotent
def status(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.status")
    form = StatusForm()
    if form.validate_on_submit():
        try:
            now = utcnow()
            services.change_status(db, entry, form.status.data, actor=current_user, now=now,
                                   note=form.note.data or "", occurred=event_time.from_form(request.form, now))
        except services.EntryError as exc:
            form.note.errors = [str(exc.message)]
        else:
            db.commit()
            flash(_("Incident status updated."), "success")
            return redirect(entry_url(entry), 303)
    return _rerender(db, entry, STEPS, status_form=form)


@bp.post("/kerawanan/<int:entry_id>/penanganan")
@login_required
@idempotent
def assign(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.assign")
    try:
        services.assign(db, entry, request.form.get("handling_agency", ""), actor=current_user, now=utcnow())
    except services.EntryError as exc:
        return _rerender(db, entry, STEPS, assign_error=str(exc.message))
    db.commit()
    return redirect(entry_url(entry), 303)


@bp.post("/linimasa/<int:entry_id>/diterima")
@login_required
@idempotent
def acknowledge(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.ack")
    services.acknowledge(db, entry, actor=current_user, now=utcnow())
    db.commit()
    return redirect(entry_url(entry), 303)


@bp.post("/linimasa/<int:entry_id>/penting")
@login_required
@idempotent
def promote(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.promote")
    services.promote(db, entry, actor=current_user, now=utcnow())
    db.commit()
    return redirect(entry_url(entry), 303)
