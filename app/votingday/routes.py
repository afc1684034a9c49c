"""``/hari-h``: the TPS status board, the one-tap check-in, a late opening to the timeline, the live stream and
the wall view (``/hari-h/layar``)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import generate_csrf
from sqlmodel import select
from wtforms import SelectChoice

from app.authz import can, get_or_404, permission_required
from app.clock import utcnow
from app.db import get_session
from app.exports import upload_response
from app.forms import attach_error
from app.htmx import refused
from app.i18n import format_time, local
from app.idempotency.decorators import idempotent
from app.regions.models import TPS
from app.sse import LoginWatch, release_request_session, sse_response
from app.votingday import assignments, live_board, photos, services
from app.votingday.choices import tps_options
from app.votingday.forms import CheckinForm
from app.votingday.models import Checkin
from app.votingday.policies import steps_for
from app.votingday.settings import settings
from app.votingday.vocab import Step

bp = Blueprint("votingday", __name__)


def _tps_choices(db, form: CheckinForm, posted: list[int]) -> list[tuple[str, str]]:
    """The TPS of the user's scope: the TPS they are ``posted`` to first (marked), then those they reported from
    before (the last one on top), then the rest; and the steps they record."""
    reported = db.exec(
        select(Checkin.tps_id).where(Checkin.user_id == current_user.id).order_by(Checkin.recorded_at.desc())
    ).all()
    form.step.choices = [SelectChoice(s.value, s.lazy_label) for s in Step if s.value in steps_for(current_user)]
    return tps_options(db, current_user, first=[*posted, *reported], marked=set(posted))


def _first_open(db, posted: list[int]) -> str:
    """The first TPS the user is posted to that still has a step of theirs to record ("" when none)."""
    mine = steps_for(current_user)
    for tps_id in posted:
        if any(step not in services.existing(db, tps_id) for step in mine):
            return str(tps_id)
    return ""


def _form_defaults(db, form: CheckinForm, options: list[tuple[str, str]], posted: list[int], now) -> None:
    wanted = request.args.get("tps", "")
    ids = {value for value, _label in options}
    posted = [tid for tid in posted if str(tid) in ids]
    form.tps_id.data = wanted if wanted in ids else (_first_open(db, posted) or (options[0][0] if options else ""))
    done = services.existing(db, int(form.tps_id.data)) if form.tps_id.data else {}
    mine = steps_for(current_user)
    form.step.data = next((s for s in mine if s not in done), mine[0] if mine else "")
    tps = db.get(TPS, int(form.tps_id.data)) if form.tps_id.data else None
    form.clock.data = local(now, tps.village_code if tps else current_user.region_code).strftime("%H:%M")


def _page(db, form: CheckinForm | None, now, options=()) -> str:
    return render_template(
        "votingday/index.html", form=form, tps_options=options, now=now, **live_board.request_context(db, now)
    )


@bp.get("/hari-h")
@permission_required("votingday.view")
def index():
    """The board (``?kecamatan=``, ``?langkah=``) and, for those who record steps, the one-tap check-in."""
    db = get_session()
    now = utcnow()
    form, options = None, []
    if can(current_user, "votingday.checkin"):
        form = CheckinForm()
        posted = assignments.tps_of(db, current_user)
        options = _tps_choices(db, form, posted)
        _form_defaults(db, form, options, posted, now)
    return _page(db, form, now, options)


@bp.get("/hari-h/papan")
@permission_required("votingday.view")
def fragment():
    """The board alone (every two minutes, every minute on the wall, besides what the stream sends)."""
    ctx = live_board.request_context(get_session(), utcnow())
    response = current_app.make_response(live_board.render(live_board.template_of(request.args), ctx, generate_csrf()))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/hari-h/stream")
@permission_required("votingday.view")
def stream():
    """Server-sent events: the viewer's board, sent whenever it changes (``live_board.events``)."""
    user = current_user._get_current_object()
    token = generate_csrf()  # now, while the request's session can still be written
    ident = LoginWatch.ident()
    release_request_session()
    app = current_app._get_current_object()
    return sse_response(live_board.events(app, user, request.args.copy(), token, ident))


@bp.get("/hari-h/layar")
@permission_required("votingday.view")
def wall():
    """The desk's wall screen: the board full screen, live, re-fetching itself (which keeps the login alive)."""
    db = get_session()
    now = utcnow()
    return render_template(
        "votingday/wall.html", now=now, refresh=settings().wall_refresh_seconds, **live_board.request_context(db, now)
    )


@bp.post("/hari-h/lapor")
@permission_required("votingday.checkin")
@idempotent
def checkin():
    """Record a step; refused with the message next to the field (422), a TPS outside the scope 403/404."""
    db = get_session()
    now = utcnow()
    raw = (request.form.get("tps_id") or "").strip()
    if raw.isdigit() and len(raw) < 10:
        get_or_404(db, TPS, int(raw), user=current_user, action="votingday.checkin")
    form = CheckinForm()
    options = _tps_choices(db, form, assignments.tps_of(db, current_user))
    if form.validate_on_submit():
        try:
            photo_name = photos.store(request.files.get("photo"))
        except services.CheckinError as exc:
            attach_error(form, exc)
            return refused(_page(db, form, now, options), "#vd-checkin")
        data = services.CheckinInput(
            tps_id=int(raw) if raw.isdigit() and len(raw) < 10 else 0,
            step=form.step.data or "",
            occurred_at=form.occurred_at.data or None,
            sent_at=form.sent_at.data or None,
            clock=form.clock.data or None,
            note=form.note.data or "",
            photo_name=photo_name,
        )
        try:
            item = services.record_checkin(db, data, actor=current_user, now=now)
        except services.CheckinError as exc:
            db.rollback()
            photos.discard(photo_name)
            attach_error(form, exc, fallback="step")
        else:
            tps = db.get(TPS, item.tps_id)
            db.commit()
            flash(
                _(
                    "Recorded: %(step)s, %(tps)s at %(time)s.",
                    step=Step(item.step).label,
                    tps=tps.label,
                    time=format_time(item.occurred_at, tps.village_code),
                ),
                "success",
            )
            return redirect(url_for("votingday.index", tps=tps.id), 303)
    return refused(_page(db, form, now, options), "#vd-checkin")


@bp.get("/hari-h/foto/<int:checkin_id>")
@permission_required("votingday.view")
def photo(checkin_id: int):
    """A check-in's photo, for those who may read the board of its TPS."""
    db = get_session()
    item = db.get(Checkin, checkin_id)
    if item is None or not item.photo_name:
        abort(404)
    get_or_404(db, TPS, item.tps_id, user=current_user, action="votingday.view")
    return upload_response(item.photo_name, "image/jpeg", cache_seconds=3600)


@bp.post("/hari-h/tps/<int:tps_id>/terlambat")
@permission_required("votingday.report_late")
@idempotent
def report_late(tps_id: int):
    """One tap: the TPS opened late → a *TPS terlambat dibuka* incident on the timeline."""
    db = get_session()
    tps = get_or_404(db, TPS, tps_id, user=current_user, action="votingday.report_late")
    try:
        entry = services.report_late(db, tps, actor=current_user, now=utcnow())
    except services.CheckinError as exc:
        db.rollback()
        flash(str(exc.message), "error")
        return refused(_page(db, None, utcnow()))
    db.commit()
    flash(_("The late opening is on the timeline as an incident."), "success")
    return redirect(url_for("timeline.incident", entry_id=entry.id), 303)


@bp.get("/hari-h/hidup")
@login_required
def alive():
    """The wall view's keep-alive (204): each request renews the login's cookie (docs/features/votingday.md)."""
    return "", 204
