"""Staff intake on one page: a report received in person, by phone or by letter, or a finding of Bawaslu's own
supervisors (temuan). Same form, checks and service as the public steps."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.authz import can, permission_required, require
from app.clock import utcnow
from app.complaints import wizard
from app.complaints.forms import ComplaintForm
from app.complaints.routes import bp
from app.complaints.rules import violations_for
from app.complaints.services import ComplaintError
from app.complaints.services.intake import Created, create_complaint
from app.complaints.vocab import Channel, Subject, Violation
from app.db import get_session
from app.forms import attach_error
from app.idempotency.decorators import idempotent

STAFF_ITEM_ROWS = 3


def _save(db, form: ComplaintForm, temuan: bool) -> Created | None:
    """The complaint recorded from a valid form (None, with the errors on the form, otherwise)."""
    steps = ["terlapor", "peristiwa", "saksi", "bukti"] + ([] if temuan else ["pelapor"])
    ok = all([wizard.validate_step(db, form, s) for s in steps])
    wizard.store_uploads(form, request.files.getlist("evidence_files"))
    if not ok or form.evidence_files.errors:
        return None
    try:
        data = wizard.to_create(
            form,
            channel=form.channel.data or Channel.LANGSUNG,
            temuan=temuan,
            a1_signed=bool(form.a1_signed.data),  # the service takes it only from a Bawaslu officer
        )
        return create_complaint(db, data, actor=current_user, now=utcnow())
    except ComplaintError as exc:
        attach_error(form, exc, fallback="description")
        return None


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
    wizard.fill_choices(db, form, current_user.region_code)
    if request.method == "GET":
        while len(form.evidence_items.entries) < STAFF_ITEM_ROWS:  # one page: a few rows, no "add" round trip
            form.evidence_items.append_entry()
    if request.method == "POST":
        created = _save(db, form, temuan)
        if created is not None:
            db.commit()
            c = created.complaint
            flash(
                _(
                    "Recorded as %(code)s. Secret for the reporter: %(secret)s",
                    code=c.tracking_code,
                    secret=created.secret,
                ),
                "success",
            )
            if can(current_user, "complaint.view", c):
                return redirect(url_for("complaints.detail", complaint_id=c.id), 303)
            return redirect(url_for("complaints.staff_new"), 303)
    status = 422 if request.method == "POST" else 200
    files = wizard.load_tokens(form.evidence_tokens.data)
    return render_template(
        "complaints/staff_new.html", form=form, temuan=temuan, files=files, violation_map=_violation_map()
    ), status


def _violation_map() -> dict:
    """Which violations fit each reported person, for the one-page form's list to follow the choice at once
    (static/js/complaints.js; the wizard has a step in between and fills it on the server)."""
    return {
        "labels": {v.value: str(v.label) for v in Violation},
        "bySubject": {s.value: [v.value for v in violations_for(s.value)] for s in Subject},
    }
