"""``/hari-h/penugasan``: an agency's operators and heads post their officers to TPS (the check-in form then
offers each officer their own TPS first)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.authz import get_or_404, permission_required
from app.clock import utcnow
from app.db import get_session
from app.forms import attach_error
from app.htmx import refused
from app.idempotency.decorators import idempotent
from app.regions.services import in_scope
from app.votingday import assignments
from app.votingday.choices import tps_options, tps_villages
from app.votingday.forms import AssignmentForm
from app.votingday.models import TpsAssignment
from app.votingday.routes import bp


def _page(db, form: AssignmentForm) -> str:
    people = assignments.officers(db, current_user)
    form.officer.choices = [SelectChoice(str(u.id), f"{u.name} — {u.position or u.role.label}") for u in people]
    if request.method == "GET":
        form.officer.data = request.args.get("petugas", "")  # the officer just posted, to post them again
    options = tps_options(db, current_user)
    villages = tps_villages(db, current_user)
    regions = {str(u.id): u.region_code for u in people}  # the page narrows the TPS to the chosen officer's area
    if request.method == "GET" and people:
        area = regions.get(form.officer.data or "", people[0].region_code)
        form.tps_id.data = next((v for v, _label in options if in_scope(villages.get(v), area)), "")
    labels = dict(options)
    by_officer: dict[int, list[tuple[TpsAssignment, str]]] = {}
    for posting in assignments.posted(db, current_user):
        by_officer.setdefault(posting.user_id, []).append((posting, labels.get(str(posting.tps_id), "")))
    return render_template(
        "votingday/assignments.html",
        form=form,
        people=people,
        by_officer=by_officer,
        tps_options=options,
        tps_villages=villages,
        officer_regions=regions,
    )


@bp.get("/hari-h/penugasan")
@permission_required("votingday.assign")
def assignment_list():
    """The agency's officers in scope and the TPS each is posted to, with the form to post one more."""
    return _page(get_session(), AssignmentForm())


@bp.post("/hari-h/penugasan")
@permission_required("votingday.assign")
@idempotent
def assignment_add():
    """Post an officer to a TPS; refused with the message next to the field at fault (422)."""
    db = get_session()
    form = AssignmentForm()
    if form.validate_on_submit():
        officer, tps = (form.officer.data or "").strip(), (form.tps_id.data or "").strip()
        try:
            if not (officer.isdigit() and len(officer) < 10):
                raise assignments.AssignmentError("officer", _("Choose an officer."))
            if not (tps.isdigit() and len(tps) < 10):
                raise assignments.AssignmentError("tps_id", _("Choose a TPS of your area."))
            posting = assignments.assign(db, tps_id=int(tps), officer_id=int(officer), actor=current_user, now=utcnow())
        except assignments.AssignmentError as exc:
            db.rollback()
            attach_error(form, exc, fallback="tps_id")
        else:
            db.commit()
            flash(_("The officer was posted to the TPS."), "success")
            return redirect(url_for("votingday.assignment_list", petugas=posting.user_id), 303)
    return refused(_page(db, form), "#vd-assign-form")


@bp.post("/hari-h/penugasan/<int:assignment_id>/hapus")
@permission_required("votingday.assign")
@idempotent
def assignment_remove(assignment_id: int):
    """End a posting (the officer's check-ins stay)."""
    db = get_session()
    posting = get_or_404(db, TpsAssignment, assignment_id, user=current_user, action="votingday.assign")
    officer_id = posting.user_id
    assignments.unassign(db, posting, actor=current_user, now=utcnow())
    db.commit()
    flash(_("The posting was ended."), "success")
    return redirect(url_for("votingday.assignment_list", petugas=officer_id), 303)
