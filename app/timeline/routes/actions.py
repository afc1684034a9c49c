"""Actions on one entry: follow-up, incident status, handling agency, acknowledgement, promotion.

Each is a plain form POST (works without JS, boosted by htmx), idempotent, and redirects to the entry page.
Refused input re-renders the entry page with 422 and what the user typed; htmx swaps only the refused form's
section (``app.htmx.refused``). Follow-ups and status changes carry the phone's time (``event_time``).
"""

from __future__ import annotations

from flask import redirect, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import get_or_404
from app.clock import utcnow
from app.db import get_session
from app.forms import attach_error, confirm
from app.htmx import refused
from app.idempotency.decorators import idempotent
from app.timeline import services
from app.timeline.forms import AssignForm, FollowupForm, StatusForm
from app.timeline.models import Entry
from app.timeline.routes import bp
from app.timeline.routes.common import entry_url
from app.timeline.routes.entries import render_entry
from app.timeline.services import event_time
from app.timeline.settings import settings

STEPS = "#incident-steps"


def _load(entry_id: int, action: str) -> tuple:
    db = get_session()
    return db, get_or_404(db, Entry, entry_id, user=current_user, action=action)


def _refused(db, entry: Entry, target: str, **forms):
    """The entry page as it was before the refused change, with the user's form and its message."""
    db.rollback()
    db.refresh(entry)
    return refused(render_entry(db, entry, **forms), target)


def _done(db, entry: Entry, message: str | None = None):
    db.commit()
    if message:
        confirm(message)
    return redirect(entry_url(entry), 303)


def _apply(db, entry: Entry, form, change, *, target: str, form_name: str, fallback: str, done: str | None = None):
    """When ``form`` is valid, ``change(now, occurred)`` (the phone's time of the tap, ``event_time``): done →
    back to the entry; refused (``EntryError``) → the entry page with ``form`` and its message, in place."""
    if form.validate_on_submit():
        now = utcnow()
        try:
            change(now, event_time.from_form(request.form, now, settings()))
        except services.EntryError as exc:
            attach_error(form, exc, fallback=fallback)
        else:
            return _done(db, entry, done)
    return _refused(db, entry, target, **{form_name: form})


@bp.post("/linimasa/<int:entry_id>/tindak-lanjut")
@login_required
@idempotent
def followup(entry_id: int):
    """Add a follow-up to a post or an incident."""
    db, entry = _load(entry_id, "timeline.followup")
    form = FollowupForm()

    def change(now, occurred):
        services.add_followup(db, entry, author=current_user, text=form.text.data, now=now, occurred=occurred)

    done, target = _("Follow-up added."), "#followup-form"
    return _apply(db, entry, form, change, target=target, form_name="followup_form", fallback="text", done=done)


@bp.post("/kerawanan/<int:entry_id>/status")
@login_required
@idempotent
def status(entry_id: int):
    """Move an incident to "being handled" or "resolved" (with its note)."""
    db, entry = _load(entry_id, "timeline.status")
    form = StatusForm()

    def change(now, occurred):
        note = form.note.data or ""
        services.change_status(db, entry, form.status.data, actor=current_user, now=now, note=note, occurred=occurred)

    done = _("Incident status updated.")
    return _apply(db, entry, form, change, target=STEPS, form_name="status_form", fallback="note", done=done)


@bp.post("/kerawanan/<int:entry_id>/penanganan")
@login_required
@idempotent
def assign(entry_id: int):
    """Set or change the agency that handles an incident."""
    db, entry = _load(entry_id, "timeline.assign")
    form = AssignForm()

    def change(now, _occurred):
        services.assign(db, entry, form.handling_agency.data or "", actor=current_user, now=now)

    done = _("Handling agency updated.")
    return _apply(db, entry, form, change, target=STEPS, form_name="assign_form", fallback="handling_agency", done=done)


@bp.post("/linimasa/<int:entry_id>/diterima")
@login_required
@idempotent
def acknowledge(entry_id: int):
    """The user's agency has seen the entry and takes it up (once per agency)."""
    db, entry = _load(entry_id, "timeline.ack")
    services.acknowledge(db, entry, actor=current_user, now=utcnow())
    return _done(db, entry, _("Marked as received by %(agency)s.", agency=current_user.agency.label))


@bp.post("/linimasa/<int:entry_id>/penting")
@login_required
@idempotent
def promote(entry_id: int):
    """Mark the entry important for everyone."""
    db, entry = _load(entry_id, "timeline.promote")
    services.promote(db, entry, actor=current_user, now=utcnow())
    return _done(db, entry, _("Marked as important for everyone."))
