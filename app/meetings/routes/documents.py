"""Documents: notula (draft or a finalised version's exact bytes), undangan, blank daftar hadir, actions CSV;
finalising and correcting; the public verification page."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import clock
from app.auth.models import Agency
from app.db import get_session
from app.i18n import format_day
from app.meetings import documents, versions
from app.meetings import minutes as minute_services
from app.meetings.forms import FinaliseForm
from app.meetings.models import Meeting, MeetingStatus
from app.meetings.routes import bp
from app.meetings.routes.common import load
from app.meetings.services import MeetingError
from app.params import int_arg
from app.registry import Verification


def _pdf(data: bytes, filename: str, *, cache: bool = False) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, max-age=3600" if cache else "private, no-store"
    return response


@bp.get("/<int:meeting_id>/notula.pdf")
@login_required
def notula(meeting_id: int):
    """The final version's stored bytes (its hash is the recorded one); a draft is rendered on the spot."""
    meeting = load(meeting_id)
    db = get_session()
    number = int_arg("versi")
    if number is not None or meeting.status == MeetingStatus.FINAL.value:
        stored = versions.version(db, meeting.id, number)
        if stored is None:
            abort(404)
        # a numbered version never changes; the plain URL may move to a corrected version
        return _pdf(stored.pdf, f"notula-rapat-{meeting.id}-v{stored.version}.pdf", cache=number is not None)
    return _pdf(documents.notula_pdf(db, meeting), f"notula-rapat-{meeting.id}-draf.pdf")


@bp.get("/<int:meeting_id>/undangan.pdf")
@login_required
def invitation(meeting_id: int):
    meeting = load(meeting_id)
    return _pdf(documents.invitation_pdf(get_session(), meeting), f"undangan-rapat-{meeting.id}.pdf")


@bp.get("/<int:meeting_id>/daftar-hadir.pdf")
@login_required
def attendance_sheet(meeting_id: int):
    """The daftar hadir alone: blank for printing (default) or filled with who came (``?isi=1``)."""
    meeting = load(meeting_id)
    blank = request.args.get("isi") != "1"
    return _pdf(documents.attendance_pdf(get_session(), meeting, blank=blank), f"daftar-hadir-rapat-{meeting.id}.pdf")


@bp.get("/<int:meeting_id>/tindak-lanjut.csv")
@login_required
def actions_csv(meeting_id: int):
    meeting = load(meeting_id)
    db = get_session()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("No"),
            _("Follow-up action"),
            _("Agency responsible"),
            _("Person in charge"),
            _("Due date"),
            _("Status"),
            _("Closed at"),
        ]
    )
    for number, action in enumerate(minute_services.actions(db, meeting.id), 1):
        writer.writerow(
            [
                number,
                _safe(action.what),
                Agency(action.owner_agency).label,
                _safe(action.person),
                action.due_date.isoformat() if action.due_date else "",
                _("Done") if action.status == "done" else _("Still open"),
                action.closed_at.isoformat() if action.closed_at else "",
            ]
        )
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="tindak-lanjut-rapat-{meeting.id}.csv"'
    return response


def _safe(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@bp.post("/<int:meeting_id>/final")
@login_required
def finalise(meeting_id: int):
    meeting = load(meeting_id, "meeting.finalise")
    db = get_session()
    form = FinaliseForm()
    if not form.validate_on_submit():
        flash(_("The minutes could not be finalised."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)

    def render(m: Meeting, number: int, code: str) -> bytes:
        return documents.notula_pdf(db, m, version=number, code=code)

    try:
        version = versions.finalise(
            db, meeting, render=render, reason=form.reason.data or "", actor=current_user, now=clock.utcnow()
        )
    except MeetingError as exc:
        db.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)
    db.commit()
    flash(_("The minutes are final (version %(n)d, code %(code)s).", n=version.version, code=version.code), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)


@bp.post("/<int:meeting_id>/koreksi")
@login_required
def correct(meeting_id: int):
    meeting = load(meeting_id, "meeting.correct")
    db = get_session()
    versions.reopen(db, meeting, actor=current_user, now=clock.utcnow())
    db.commit()
    flash(_("The minutes are open for a correction. Finalising again makes a new version."), "info")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)


def verification(db, code: str) -> Verification | None:
    """``/verifikasi/<code>`` for a notula: which meeting, date, version and SHA-256 the code belongs to."""
    found = versions.by_code(db, code)
    if found is None:
        return None
    meeting = db.get(Meeting, found.meeting_id)
    latest = versions.version(db, meeting.id, None)
    return Verification(
        "meetings/verify.html",
        {
            "found": found,
            "meeting": meeting,
            "superseded": latest is not None and latest.version != found.version,
            "day": format_day(meeting.starts_at, meeting.region_code),
        },
    )
