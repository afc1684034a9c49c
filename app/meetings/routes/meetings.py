"""List, create, edit and show meetings; the live stream of one meeting."""

from __future__ import annotations

import time

from flask import Response, flash, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlmodel import select
from wtforms import SelectChoice

from app import clock
from app.auth.models import Role
from app.authz import permission_required
from app.db import get_session
from app.forms import attach_error
from app.i18n import local
from app.idempotency.decorators import idempotent
from app.live import hub
from app.meetings import attendance, refs, services, versions
from app.meetings import minutes as minute_services
from app.meetings.documents import checkin_url, minutes_context, qr_data_uri
from app.meetings.forms import ActionForm, FinaliseForm, GuestForm, MeetingForm, MinuteForm, minute_prefix
from app.meetings.models import Meeting
from app.meetings.routes import bp
from app.meetings.routes.common import load, rights

HEARTBEAT_SECONDS = 15
STREAM_SECONDS = 300  # a stream ends after 5 minutes; hx-sse reconnects (frees gevent greenlets of dead peers)


@bp.get("")
@permission_required("meetings.list")
def index():
    """Upcoming and past meetings the user may see."""
    db = get_session()
    now = clock.utcnow()
    rows = db.exec(
        select(Meeting).where(services.visible_clause(current_user)).order_by(Meeting.starts_at.desc()).limit(200)
    ).all()
    upcoming = sorted([m for m in rows if m.ends_at >= now], key=lambda m: m.starts_at)
    past = [m for m in rows if m.ends_at < now]
    return render_template(
        "meetings/index.html",
        upcoming=upcoming,
        past=past,
        now=now,
        may_create=current_user.role in (Role.SEKRETARIAT.value, Role.PIMPINAN.value, Role.ADMIN.value),
    )


def _fill_choices(form: MeetingForm, region_code: str) -> None:
    db = get_session()
    users = services.invitable_users(db, region_code)
    # Grouped by agency (the form shows one group per agency): a 19-name list is found by where people work.
    form.participants.choices = [
        SelectChoice(str(u.id), f"{u.name} — {u.position or u.agency.label}", optgroup=str(u.agency.label))
        for u in sorted(users, key=lambda u: (str(u.agency.label), u.name))
    ]
    form.chair_user.choices = [SelectChoice("", _("— not a user —"))] + [
        SelectChoice(str(u.id), f"{u.name} — {u.position or u.agency.label}")
        for u in users
        if u.role in (Role.PIMPINAN.value, Role.SEKRETARIAT.value)
    ]
    if current_user.role != Role.ADMIN.value:
        form.organiser_agency.choices = [c for c in form.organiser_agency.choices if c.value == current_user.agency]


def _input(form: MeetingForm, region_code: str) -> services.MeetingInput:
    ids = []
    for raw in form.participants.data or []:
        if not str(raw).isdigit():
            raise services.MeetingError("participants", _("Unknown participant: choose participants from the list."))
        ids.append(int(raw))
    chair = form.chair_user.data
    return services.MeetingInput(
        title=form.title.data,
        kind=form.kind.data,
        organiser_agency=form.organiser_agency.data,
        region_code=region_code,
        day=form.day.data,
        start=form.start.data,
        end=form.end.data,
        place=form.place.data,
        chair_name=form.chair_name.data,
        chair_position=form.chair_position.data or "",
        chair_rank=form.chair_rank.data or "",
        minute_name=form.minute_name.data,
        minute_position=form.minute_position.data or "",
        minute_rank=form.minute_rank.data or "",
        series=form.series.data or "",
        opening=form.opening.data or "",
        agenda=(form.agenda.data or "").splitlines(),
        participant_ids=ids,
        chair_user_id=int(chair) if chair and str(chair).isdigit() else None,
    )


def _save(form: MeetingForm, meeting: Meeting | None):
    """Validate and save; returns (meeting or None, status)."""
    db = get_session()
    region_code = meeting.region_code if meeting else current_user.region_code
    if not form.validate_on_submit():
        return None, 422 if request.method == "POST" else 200
    try:
        data = _input(form, region_code)
        if meeting is None:
            meeting = services.create_meeting(db, data, actor=current_user, now=clock.utcnow())
        else:
            services.update_meeting(db, meeting, data, actor=current_user, now=clock.utcnow())
    except services.MeetingError as exc:
        attach_error(form, exc, fallback="title")
        db.rollback()
        return None, 422
    db.commit()
    return meeting, 303


@bp.route("/baru", methods=["GET", "POST"])
@permission_required("meetings.create")
@idempotent
def new():
    form = MeetingForm()
    _fill_choices(form, current_user.region_code)
    if request.method == "GET":
        form.organiser_agency.data = current_user.agency
        form.minute_name.data = current_user.name
        form.minute_position.data = current_user.position
        form.minute_rank.data = current_user.rank_id
    meeting, status = _save(form, None)
    if meeting is not None:
        flash(_("Meeting created."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)
    return render_template("meetings/form.html", form=form, meeting=None), status


@bp.route("/<int:meeting_id>/ubah", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    meeting = load(meeting_id, "meeting.edit")
    db = get_session()
    form = MeetingForm(obj=meeting if request.method == "GET" else None)
    _fill_choices(form, meeting.region_code)
    if request.method == "GET":
        start, end = local(meeting.starts_at, meeting.region_code), local(meeting.ends_at, meeting.region_code)
        form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
        form.agenda.data = "\n".join(i.title for i in services.agenda_items(db, meeting.id))
        form.participants.data = [str(p.user_id) for p in services.participants(db, meeting.id) if p.user_id]
        form.chair_user.data = str(meeting.chair_user_id or "")
    saved, status = _save(form, meeting)
    if saved is not None:
        flash(_("Meeting updated."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id), 303)
    return render_template("meetings/form.html", form=form, meeting=meeting), status


@bp.get("/<int:meeting_id>")
@login_required
def detail(meeting_id: int):
    """The meeting page: details, check-in code, carried-over actions, attendance, minutes per item."""
    meeting = load(meeting_id)
    db = get_session()
    now = clock.utcnow()
    context = minutes_context(db, meeting)
    return render_template(
        "meetings/detail.html",
        meeting=meeting,
        now=now,
        today=local(now, meeting.region_code).date(),
        rights=rights(meeting),
        carried=minute_services.carried_over(db, meeting),
        versions=versions.versions(db, meeting.id),
        checkin_open=attendance.checkin_open(meeting, now),
        checkin_qr=qr_data_uri(checkin_url(meeting), 4),
        checkin_link=checkin_url(meeting),
        refs=refs.references(db, meeting.id),
        me=next((p for p in context["participants"] if p.user_id == current_user.id), None),
        ref_candidates=refs.candidates(db, meeting, current_user) if rights(meeting)["minutes"] else None,
        minute_form_for=lambda item_id: MinuteForm(formdata=None, prefix=minute_prefix(item_id)),
        action_form=ActionForm(formdata=None),
        guest_form=GuestForm(formdata=None),
        finalise_form=FinaliseForm(formdata=None),
        unlisted=minute_services.unlisted_speakers(db, meeting.id, minute_services.entries(db, meeting.id)),
        **context,
    )


@bp.get("/<int:meeting_id>/stream")
@login_required
def stream(meeting_id: int):
    """Server-sent events: a named ``changed`` event whenever the meeting changes (pages then re-fetch)."""
    meeting = load(meeting_id)
    channel = services.channel(meeting.id)
    get_session().close()  # do not hold a connection (or a snapshot) for the stream's lifetime

    def events():
        with hub().subscribe(channel) as sub:
            yield "retry: 3000\n\n"
            deadline = time.monotonic() + STREAM_SECONDS
            while time.monotonic() < deadline:
                payload = sub.get(timeout=HEARTBEAT_SECONDS)
                if payload is None:
                    yield "event: ping\ndata: -\n\n"
                    continue
                sub.drain()  # several changes at once: one re-fetch is enough
                yield f"event: changed\ndata: {payload}\n\n"

    response = Response(stream_with_context(events()), mimetype="text/event-stream")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Accel-Buffering"] = "no"
    return response
