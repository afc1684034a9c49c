"""``/piket/serah-terima``: write the hand-over note (its lists fill themselves), read one, the history."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlmodel import select

from app.auth.models import User
from app.authz import get_or_404, permission_required, require
from app.clock import utcnow
from app.db import get_session
from app.duty import handover
from app.duty.forms import HandoverForm
from app.duty.models import DutyHandover, DutyShift
from app.duty.routes import bp
from app.duty.services import DutyError
from app.forms import attach_error
from app.htmx import refused
from app.idempotency.decorators import idempotent
from app.params import int_arg


@bp.route("/piket/serah-terima", methods=["GET", "POST"])
@permission_required("duty.view")
@idempotent
def handover_new():
    """The note for the next shift: open incidents and unread instructions as they are now, plus one's text."""
    db = get_session()
    now = utcnow()
    form = HandoverForm()
    draft = handover.draft(db, current_user, now)
    require(current_user, "duty.handover", draft)
    if request.method == "POST" and form.validate_on_submit():
        try:
            note = handover.write(db, actor=current_user, note=form.note.data or "", now=now)
        except DutyError as exc:
            db.rollback()
            attach_error(form, exc, fallback="note")
        else:
            db.commit()
            flash(_("The hand-over note was saved for the next shift."), "success")
            return redirect(url_for("duty.handover_detail", handover_id=note.id), 303)
    page = render_template(
        "duty/handover_form.html", form=form, draft=draft, last=_last(db, draft.agency, draft.region_code)
    )
    return refused(page, "#dt-handover-form") if request.method == "POST" else page


def _last(db, agency: str, region_code: str) -> DutyHandover | None:
    return db.exec(
        select(DutyHandover)
        .where(DutyHandover.agency == agency, DutyHandover.region_code == region_code)
        .order_by(DutyHandover.id.desc())
    ).first()


@bp.get("/piket/serah-terima/<int:handover_id>")
@permission_required("duty.view")
def handover_detail(handover_id: int):
    """One note, with the incidents and instructions it listed (those the reader may see)."""
    db = get_session()
    note = get_or_404(db, DutyHandover, handover_id, user=current_user, action="duty.handover_view")
    return render_template(
        "duty/handover.html",
        note=note,
        author=db.get(User, note.author_id),
        from_shift=db.get(DutyShift, note.from_shift_id) if note.from_shift_id else None,
        to_shift=db.get(DutyShift, note.to_shift_id) if note.to_shift_id else None,
        incidents=handover.listed_incidents(db, current_user, note),
        instructions=handover.listed_instructions(db, current_user, note),
    )


@bp.get("/piket/riwayat")
@permission_required("duty.view")
def handover_history():
    """The agency's hand-over notes, newest first (``?sebelum=<id>`` for older ones)."""
    db = get_session()
    notes = handover.history(db, current_user, before_id=int_arg("sebelum"))
    authors = {u.id: u for u in db.exec(select(User).where(User.id.in_({n.author_id for n in notes}))).all()}
    return render_template("duty/history.html", notes=notes, authors=authors, title=_("Hand-over history"))
