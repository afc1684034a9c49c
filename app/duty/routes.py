"""``/piket``: who is on duty now and the day's rosters; adding and changing shifts (own agency)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlmodel import select
from wtforms import SelectChoice

from app.auth import services as accounts
from app.auth.models import Agency
from app.authz import can, get_or_404, permission_required
from app.clock import utcnow
from app.db import get_session
from app.duty import services
from app.duty.forms import ShiftForm
from app.duty.models import DutyShift
from app.duty.settings import settings
from app.forms import attach_error
from app.htmx import refused
from app.i18n import local, local_date
from app.idempotency.decorators import idempotent
from app.params import date_arg
from app.regions.models import Region
from app.regions.services import scope_clause

bp = Blueprint("duty", __name__)


def _index_page(db, day: date | None = None) -> str:
    now = utcnow()
    today = local_date(now, current_user.region_code)
    day = day or date_arg("tanggal", today)  # any day 2000–2100: the roster is the desk's history (issue 15.3)
    agency = request.args.get("instansi", "")
    agency = agency if agency in {a.value for a in Agency} else ""
    start, end = services.day_bounds(day, current_user.region_code)
    shifts = services.visible_shifts(db, current_user, start, end, agency or None)
    on_duty = services.visible_shifts(db, current_user, now, now + timedelta(seconds=1), agency or None)
    order = [a.value for a in Agency]
    on_duty.sort(key=lambda s: (s.agency != current_user.agency, order.index(s.agency), s.starts_at))
    by_agency: dict[str, list[DutyShift]] = {}
    for shift in shifts:
        by_agency.setdefault(str(shift.agency), []).append(shift)
    return render_template(
        "duty/index.html",
        now=now,
        day=day,
        today=today,
        agency=agency,
        on_duty=on_duty,
        by_agency=by_agency,
        agencies=sorted(Agency, key=lambda a: a.value != current_user.agency),
        places=_places(db, {s.region_code for s in [*shifts, *on_duty]}),
        may_edit=can(current_user, "duty.edit"),
        prev_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
    )


@bp.get("/piket")
@permission_required("duty.view")
def index():
    """On duty now (every agency in scope, tap to call) and the rosters of one day (``?tanggal=``)."""
    return _index_page(get_session())


def _places(db, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    return {r.code: r.label for r in db.exec(select(Region).where(Region.code.in_(codes))).all()}


def _choices(db, form: ShiftForm) -> None:
    regions = db.exec(
        select(Region)
        .where(scope_clause(Region.code, current_user.region_code), Region.level <= 3)
        .order_by(Region.level, Region.name)
        .limit(200)
    ).all()
    form.region_code.choices = [SelectChoice(r.code, r.label) for r in regions]
    people = accounts.colleagues(db, current_user)
    form.user_id.choices = [SelectChoice("", _("Someone without an account (write the name)"))] + [
        SelectChoice(str(u.id), f"{u.name} — {u.position or u.role.label}") for u in people
    ]


def _defaults(form: ShiftForm, now: datetime) -> None:
    """The next block of the three-shift day (07–15, 15–23, 23–07) in the user's zone."""
    hours = settings().shift_hours
    here = local(now, current_user.region_code)
    first = here.replace(hour=settings().first_shift_hour, minute=0, second=0, microsecond=0)
    while first > here:
        first -= timedelta(hours=hours)
    while first + timedelta(hours=hours) <= here:
        first += timedelta(hours=hours)
    start = first + timedelta(hours=hours)
    form.region_code.data = current_user.region_code
    form.day.data = date_arg("tanggal", start.date())
    form.start.data, form.end.data = start.time(), (start + timedelta(hours=hours)).time()
    form.user_id.data = str(current_user.id)


def _input(form: ShiftForm) -> services.ShiftInput:
    starts, ends = services.local_span(form.day.data, form.start.data, form.end.data, form.region_code.data)
    raw_user = form.user_id.data or ""
    return services.ShiftInput(
        agency=current_user.agency,
        region_code=form.region_code.data,
        starts_at=starts,
        ends_at=ends,
        user_id=int(raw_user) if raw_user.isdigit() else None,
        name=form.name.data or "",
        phone=form.phone.data or "",
        post=form.post.data or "",
    )


def _save(db, form: ShiftForm, shift: DutyShift | None):
    now = utcnow()
    try:
        data = _input(form)  # own agency and scope: the service's rule, refused with a message (422)
        if shift is None:
            shift = services.add_shift(db, data, actor=current_user, now=now)
        else:
            services.update_shift(db, shift, data, actor=current_user, now=now)
    except services.DutyError as exc:
        db.rollback()
        attach_error(form, exc, fallback="day")
        return None
    db.commit()
    flash(_("The roster was saved."), "success")
    return redirect(url_for("duty.index", tanggal=local_date(shift.starts_at, shift.region_code).isoformat()), 303)


@bp.route("/piket/baru", methods=["GET", "POST"])
@permission_required("duty.edit")
@idempotent
def new():
    """Put someone of one's own agency on the roster."""
    db = get_session()
    form = ShiftForm()
    _choices(db, form)
    if request.method == "GET":
        _defaults(form, utcnow())
    elif form.validate_on_submit() and (done := _save(db, form, None)) is not None:
        return done
    page = render_template("duty/shift_form.html", form=form, shift=None, now=utcnow())
    return refused(page, "#dt-shift-form") if request.method == "POST" else page


@bp.route("/piket/<int:shift_id>/ubah", methods=["GET", "POST"])
@permission_required("duty.edit")
def edit(shift_id: int):
    """Change a shift that has not ended (past shifts are history)."""
    db = get_session()
    shift = get_or_404(db, DutyShift, shift_id, user=current_user, action="duty.edit")
    form = ShiftForm(obj=None)
    _choices(db, form)
    if request.method == "GET":
        here = local(shift.starts_at, shift.region_code)
        form.region_code.data, form.day.data = shift.region_code, here.date()
        form.start.data, form.end.data = here.time(), local(shift.ends_at, shift.region_code).time()
        form.user_id.data = str(shift.user_id or "")
        form.name.data = "" if shift.user_id else shift.name
        form.phone.data, form.post.data = shift.phone or "", shift.post
    elif form.validate_on_submit() and (done := _save(db, form, shift)) is not None:
        return done
    page = render_template("duty/shift_form.html", form=form, shift=shift, now=utcnow())
    return refused(page, "#dt-shift-form") if request.method == "POST" else page


@bp.post("/piket/<int:shift_id>/hapus")
@permission_required("duty.edit")
def delete(shift_id: int):
    """Remove a shift that has not started."""
    db = get_session()
    shift = get_or_404(db, DutyShift, shift_id, user=current_user, action="duty.edit")
    day = local_date(shift.starts_at, shift.region_code).isoformat()
    try:
        services.delete_shift(db, shift, actor=current_user, now=utcnow())
    except services.DutyError as exc:
        db.rollback()
        flash(str(exc.message), "error")
        return refused(_index_page(db, local_date(shift.starts_at, shift.region_code)))
    db.commit()
    flash(_("The shift was removed from the roster."), "success")
    return redirect(url_for("duty.index", tanggal=day), 303)
