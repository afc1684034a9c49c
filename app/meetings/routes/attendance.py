"""Attendance: the secretariat ticks who came, guests are added on the spot, invited users check in."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import clock
from app.authz import can
from app.db import get_session
from app.htmx import is_htmx
from app.idempotency.decorators import idempotent
from app.meetings import attendance as presence
from app.meetings import services
from app.meetings.forms import CheckinForm, GuestForm
from app.meetings.models import Participant
from app.meetings.routes import bp
from app.meetings.routes.common import load, rights


def _attendance(meeting, status: int = 200):
    db = get_session()
    return render_template(
        "meetings/_attendance_list.html",
        meeting=meeting,
        rights=rights(meeting),
        participants=services.participants(db, meeting.id),
    ), status


def _guest_form(meeting, form: GuestForm, status: int):
    db = get_session()
    return render_template(
        "meetings/_guest_form.html",
        meeting=meeting,
        rights=rights(meeting),
        guest_form=form,
        participants=services.participants(db, meeting.id),
        oob=status == 200,
    ), status


@bp.get("/<int:meeting_id>/kehadiran")
@login_required
def attendance(meeting_id: int):
    """The attendance list (partial; re-fetched live)."""
    return _attendance(load(meeting_id))


@bp.post("/<int:meeting_id>/hadir/<int:participant_id>")
@login_required
@idempotent
def tick(meeting_id: int, participant_id: int):
    meeting = load(meeting_id, "meeting.edit")
    db = get_session()
    participant = db.get(Participant, participant_id)
    if participant is None or participant.meeting_id != meeting.id:
        abort(404)
    presence.set_attendance(
        db, meeting, participant, request.form.get("present") == "1", actor=current_user, now=clock.utcnow()
    )
    db.commit()
    if is_htmx():
        return _attendance(meeting)
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="kehadiran"), 303)


@bp.post("/<int:meeting_id>/tamu")
@login_required
@idempotent
def guest(meeting_id: int):
    meeting = load(meeting_id, "meeting.edit")
    db = get_session()
    form = GuestForm()
    if not form.validate_on_submit():
        return _guest_form(meeting, form, 422)
    try:
        presence.add_guest(
            db,
            meeting,
            name=form.name.data,
            position=form.position.data,
            agency=form.agency.data,
            phone=form.phone.data,
            present=form.present.data,
            actor=current_user,
            now=clock.utcnow(),
        )
    except services.MeetingError as exc:
        form.name.errors.append(str(exc.message))
        return _guest_form(meeting, form, 422)
    db.commit()
    flash(_("%(name)s was added to the attendance list.", name=form.name.data.strip()), "success")
    if is_htmx():
        return _guest_form(meeting, GuestForm(formdata=None), 200)
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="kehadiran"), 303)


@bp.route("/hadir", methods=["GET", "POST"])
@login_required
def checkin():
    """Self check-in with the code (or the QR code's link) shown on the room's screen."""
    db = get_session()
    if request.method == "GET":
        form = CheckinForm(formdata=None, kode=(request.args.get("kode") or "")[:12])
        if not form.kode.data:
            return render_template("meetings/checkin.html", form=form)
    else:
        form = CheckinForm()
        if not form.validate_on_submit():
            return render_template("meetings/checkin.html", form=form), 422
    meeting = presence.find_by_code(db, form.kode.data)
    if meeting is None or not can(current_user, "meeting.view", meeting):
        form.kode.errors = [_("No meeting has this code. Check the code shown in the room.")]
        return render_template("meetings/checkin.html", form=form), 422 if request.method == "POST" else 404
    if request.method == "GET":  # the QR code's link: confirm with one tap (a GET never changes anything)
        return render_template("meetings/checkin.html", form=form, meeting=meeting)
    try:
        presence.self_checkin(db, meeting, actor=current_user, now=clock.utcnow())
    except services.MeetingError as exc:
        form.kode.errors = [str(exc.message)]
        return render_template("meetings/checkin.html", form=form, meeting=meeting), 422
    db.commit()
    flash(_("You are checked in. Welcome!"), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)
