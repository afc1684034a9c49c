"""``/instruksi``: the list, sending, one instruction with its live read receipts, and *Dimengerti*."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlmodel import select
from wtforms import SelectChoice

from app.auth.models import User
from app.authz import can, get_or_404, permission_required, require
from app.clock import utcnow
from app.db import get_session
from app.forms import attach_error, confirm
from app.htmx import is_htmx, refused
from app.idempotency.decorators import idempotent
from app.instructions import queries, services
from app.instructions.forms import SendForm
from app.instructions.models import Instruction
from app.live import hub
from app.redirects import local_target
from app.regions.models import Region
from app.regions.services import scope_clause
from app.sse import PING, release_request_session, retry, sse_message, sse_response

bp = Blueprint("instructions", __name__)
HEARTBEAT = 15.0
STREAM_SECONDS = 30 * 60


@bp.get("/instruksi")
@permission_required("instructions.list")
def index():
    """What was sent to me (unread first) and what I sent or follow, with read counts."""
    db = get_session()
    received = queries.received(db, current_user)
    received.sort(key=lambda pair: pair[1].read_at is not None)
    followed = queries.followed(db, current_user)
    return render_template(
        "instructions/index.html",
        received=received,
        followed=followed,
        counts=queries.counts(db, [i.id for i in followed]),
        audience=lambda i: queries.audience(db, i),
    )


def _regions(db) -> list[SelectChoice]:
    """The sender's region and the kecamatan below it."""
    rows = db.exec(
        select(Region)
        .where(scope_clause(Region.code, current_user.region_code), Region.level <= 3)
        .order_by(Region.level, Region.name)
        .limit(200)
    ).all()
    return [SelectChoice(r.code, r.label) for r in rows]


def _incident_arg() -> int | None:
    raw = (request.values.get("incident_id") or request.args.get("kerawanan") or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@bp.route("/instruksi/baru", methods=["GET", "POST"])
@permission_required("instructions.send")
@idempotent
def new():
    """Send an instruction; a refused one comes back with what was typed and the message next to the field."""
    db = get_session()
    form = SendForm()
    form.region_code.choices = _regions(db)
    incident_id = _incident_arg()
    if request.method == "GET":
        form.region_code.data = current_user.region_code
        form.incident_id.data = str(incident_id or "")
    elif form.validate_on_submit():
        try:
            instruction = services.send(
                db,
                actor=current_user,
                text=form.text.data,
                audience=services.Audience(form.agencies.data or [], form.roles.data or [], form.region_code.data),
                now=utcnow(),
                incident_id=incident_id,
                remind_after=int(form.remind_after.data) if form.remind_after.data else 0,
            )
        except services.InstructionError as exc:
            attach_error(form, exc, fallback="text")
        else:
            db.commit()
            n = instruction.recipient_count
            confirm(ngettext("Instruction sent to %(num)d recipient.", "Instruction sent to %(num)d recipients.", n))
            return redirect(url_for("instructions.detail", instruction_id=instruction.id), 303)
    page = render_template("instructions/new.html", form=form, incident_id=incident_id)
    return refused(page, "#in-send-form") if request.method == "POST" else page


def _load(instruction_id: int) -> Instruction:
    return get_or_404(get_session(), Instruction, instruction_id, user=current_user, action="instructions.view")


@bp.get("/instruksi/<int:instruction_id>")
@permission_required("instructions.list")
def detail(instruction_id: int):
    """The instruction; for its sender and the heads concerned, who has read it and when (live)."""
    db = get_session()
    instruction = _load(instruction_id)
    return render_template(
        "instructions/detail.html",
        instruction=instruction,
        author=db.get(User, instruction.author_id),
        audience=queries.audience(db, instruction),
        receipt=queries.receipt_of(db, instruction, current_user),
        rows=queries.receipts(db, instruction) if can(current_user, "instructions.receipts", instruction) else None,
    )


@bp.get("/instruksi/<int:instruction_id>/penerima")
@permission_required("instructions.list")
def receipts(instruction_id: int):
    """The receipts block alone (re-fetched when the stream says something changed)."""
    db = get_session()
    instruction = _load(instruction_id)
    require(current_user, "instructions.receipts", instruction)
    response = current_app.make_response(
        render_template("instructions/_receipts.html", instruction=instruction, rows=queries.receipts(db, instruction))
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/instruksi/<int:instruction_id>/stream")
@permission_required("instructions.list")
def stream(instruction_id: int):
    """Server-sent events: ``changed`` whenever a recipient reads it (the page then re-fetches the receipts)."""
    instruction = _load(instruction_id)
    require(current_user, "instructions.receipts", instruction)
    channel = services.channel(instruction.id)
    release_request_session()
    heartbeat = float(current_app.config.get("INSTRUCTIONS_HEARTBEAT", HEARTBEAT))
    the_hub = hub()

    def events():
        with the_hub.subscribe(channel) as sub:
            yield retry()
            deadline = time.monotonic() + STREAM_SECONDS
            while time.monotonic() < deadline:
                payload = sub.get(timeout=heartbeat)
                if payload is None:
                    yield PING
                    continue
                sub.drain()  # several reads at once: one re-fetch is enough
                yield sse_message("-", event="changed")

    return sse_response(events())


@bp.post("/instruksi/<int:instruction_id>/dimengerti")
@login_required
@idempotent
def acknowledge(instruction_id: int):
    """*Dimengerti*: from the banner (htmx: the banners come back without it) or from the instruction page."""
    db = get_session()
    instruction = _load(instruction_id)
    try:
        services.acknowledge(db, instruction, actor=current_user, now=utcnow())
    except services.InstructionError as exc:
        db.rollback()
        return render_template("errors/_error.html", code=403, title=_("Access denied"), text=exc.message), 403
    db.commit()
    if is_htmx():
        return render_template("_partials/_banners.html")
    fallback = url_for("instructions.detail", instruction_id=instruction.id)
    return redirect(local_target(request.form.get("next"), fallback), 303)
