"""Linking and unlinking duplicate incidents from the incident page (plain form posts, boosted by htmx)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.authz import get_or_404
from app.clock import utcnow
from app.db import get_session
from app.errors import MESSAGES
from app.htmx import refused
from app.timeline import duplicates
from app.timeline.models import Entry

bp = Blueprint("duplicates", __name__)


def _refuse(db, entry: Entry, message: str):
    db.rollback()
    if request.htmx:  # boosted form: swap the duplicates block alone, with the message in it
        context = duplicates.section(db, current_user, entry, utcnow()) or {"entry": entry}
        body = render_template("timeline/_duplicates.html", ctx={**context, "error": message})
        return refused(body, "#incident-duplicates")
    # Without JavaScript: the message on a page of its own (the browser's Back returns to the incident).
    return render_template("errors/error.html", code=422, title=MESSAGES[422][0], text=message), 422


@bp.post("/kerawanan/<int:entry_id>/duplikat")
@login_required
def link(entry_id: int):
    """Mark this incident a duplicate of the one named in ``asli``."""
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.duplicate")
    raw = request.form.get("asli", "")
    original = db.get(Entry, int(raw)) if raw.isdigit() and len(raw) < 10 else None
    try:
        if original is None:
            raise duplicates.DuplicateError("original", _("Choose an incident you can see."))
        linked = duplicates.link(db, entry, original, actor=current_user, now=utcnow())
    except duplicates.DuplicateError as exc:
        return _refuse(db, entry, str(exc.message))
    db.commit()
    flash(_("Incident #%(id)s is marked as a duplicate of #%(other)s.", id=entry.id, other=linked.id), "success")
    return redirect(url_for("timeline.incident", entry_id=entry.id), 303)


@bp.post("/kerawanan/<int:entry_id>/bukan-duplikat")
@login_required
def unlink(entry_id: int):
    """Undo: the incident counts on its own again."""
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.duplicate")
    try:
        duplicates.unlink(db, entry, actor=current_user, now=utcnow())
    except duplicates.DuplicateError as exc:
        return _refuse(db, entry, str(exc.message))
    db.commit()
    flash(_("Incident #%(id)s counts on its own again.", id=entry.id), "success")
    return redirect(url_for("timeline.incident", entry_id=entry.id), 303)
