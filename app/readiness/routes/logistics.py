"""Logistics of a TPS (needed/received/damaged, delivery stage) and ballot transfers between TPS."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlmodel import select
from wtforms import SelectChoice

from app.authz import can, require
from app.clock import utcnow
from app.db import get_session
from app.exports import pdf_response
from app.forms import attach_error
from app.i18n import zone
from app.idempotency.decorators import idempotent
from app.params import int_arg
from app.pdf import render_pdf
from app.readiness import documents
from app.readiness.constants import ELECTION_TYPE_LABELS, ITEMS, STAGE_KEYS, STAGES
from app.readiness.forms import TransferForm
from app.readiness.models import BallotTransfer
from app.readiness.routes import bp
from app.readiness.routes.common import form_int, load_tps, tps_choices
from app.readiness.services import ReadinessError, logistics
from app.readiness.services.common import election_type_keys, regime_for
from app.regions.models import TPS
from app.regions.services import describe_place, scope_clause

FIELDS = ("needed", "received", "damaged_light", "damaged_heavy")


@bp.route("/kesiapan/tps/<int:tps_id>/logistik", methods=["GET", "POST"])
@login_required
def logistics_edit(tps_id: int):
    """KPU records what reached this TPS; the needed quantities start from the computed defaults."""
    db = get_session()
    tps = load_tps(db, tps_id, "readiness.edit_logistics")
    stocks = logistics.stocks_for(db, tps)  # missing rows show their defaults; POST creates them
    defaults = logistics.default_needed(tps.dpt, regime=regime_for(db, tps.village_code))
    values = {
        key: {f: getattr(stocks[key], f) if key in stocks else (defaults[key] if f == "needed" else 0) for f in FIELDS}
        for key, _l, _g in ITEMS
    }
    delivery = logistics.delivery_for(db, tps)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        now = utcnow()
        typed = {key: {f: form_int(f"{key}-{f}") for f in FIELDS} for key, _l, _g in ITEMS}
        # What was typed comes back as typed; an emptied field is a question, not a zero (it wiped the
        # computed need and the received count without a word).
        values = {key: {f: request.form.get(f"{key}-{f}", "").strip() for f in FIELDS} for key, _l, _g in ITEMS}
        for key, fields in typed.items():
            for f, v in fields.items():
                if v is None:
                    empty = values[key][f] == ""
                    errors[f"{key}-{f}"] = (
                        _("Enter a number; 0 when there is none.") if empty else _("Enter a whole number.")
                    )
        stage = request.form.get("stage", "")
        if not errors:
            try:
                logistics.record_stock(db, tps, typed, actor=current_user, now=now)
                if stage:
                    at = _parse_local(request.form.get("stage_at", ""), tps.village_code) or now
                    logistics.set_stage(db, tps, stage, at, actor=current_user, now=now)
            except ReadinessError as exc:
                errors[exc.field] = exc.message
        if errors:
            db.rollback()
            status = 422
        else:
            db.commit()
            flash(_("Logistics of %(tps)s saved.", tps=tps.label), "success")
            return redirect(url_for("readiness.card", tps_id=tps.id), 303)
    return render_template(
        "readiness/logistics_edit.html",
        tps=tps,
        items=ITEMS,
        values=values,
        errors=errors,
        stages=STAGES,
        delivery=delivery,
        place=describe_place(db, [tps.village_code]),
    ), status


def _parse_local(raw: str, region_code: str) -> datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=zone(region_code))
    except ValueError as exc:
        raise ReadinessError("stage_at", _("Enter the date and time as shown.")) from exc


@bp.route("/kesiapan/pemindahan-surat-suara", methods=["GET", "POST"])
@login_required
@idempotent
def transfer_new():
    """Berita acara of ballots moved from a TPS with surplus to one that ran short."""
    require(current_user, "readiness.edit_logistics")
    db = get_session()
    form = TransferForm()
    choices = tps_choices(db)
    form.from_tps.choices = choices
    form.to_tps.choices = choices
    types = election_type_keys(regime_for(db, current_user.region_code))
    form.election_type.choices = [SelectChoice(k, ELECTION_TYPE_LABELS[k]) for k in types]
    if request.method == "GET":
        form.from_tps.data = int_arg("dari")
        form.to_tps.data = int_arg("ke")
    status = 200
    if form.validate_on_submit():
        source = load_tps(db, form.from_tps.data, "readiness.edit_logistics")
        target = load_tps(db, form.to_tps.data, "readiness.edit_logistics")
        try:
            transfer = logistics.record_transfer(
                db,
                source,
                target,
                logistics.TransferInput(
                    quantity=form.quantity.data,
                    election_type=form.election_type.data,
                    reason=form.reason.data,
                    witnesses=form.witnesses.data,
                    outside_village_ok=form.outside_village_ok.data,
                ),
                actor=current_user,
                now=utcnow(),
            )
        except ReadinessError as exc:
            attach_error(form, exc, fallback="quantity")
            status = 422
        else:
            db.commit()
            flash(
                _(
                    "Berita acara no. %(id)s recorded: %(n)s ballots from %(a)s to %(b)s.",
                    id=transfer.id,
                    n=transfer.quantity,
                    a=source.label,
                    b=target.label,
                ),
                "success",
            )
            return redirect(url_for("readiness.logistics_index"), 303)
    elif request.method == "POST":
        status = 422
    return render_template("readiness/transfer_new.html", form=form), status


@bp.get("/kesiapan/pemindahan-surat-suara/<int:transfer_id>/berita-acara.pdf")
@login_required
def transfer_pdf(transfer_id: int):
    """The berita acara to print and sign at the TPS: KPPS of both TPS, the PTPS and the witnesses."""
    db = get_session()
    transfer = db.get(BallotTransfer, transfer_id)
    if transfer is None:
        abort(404)
    source = load_tps(db, transfer.from_tps_id)
    target = load_tps(db, transfer.to_tps_id)
    data = render_pdf("readiness/pdf/berita_acara.html", **documents.transfer_context(db, transfer, source, target))
    return pdf_response(data, f"berita-acara-surat-suara-{transfer.id}.pdf")


@bp.get("/kesiapan/logistik")
@login_required
def logistics_index():
    """Ballot transfers in scope (newest first) and the link to each TPS's logistics."""
    require(current_user, "readiness.view")
    db = get_session()
    scoped = select(TPS.id).where(scope_clause(TPS.village_code, current_user.region_code))
    transfers = db.exec(
        select(BallotTransfer)
        .where(BallotTransfer.from_tps_id.in_(scoped))
        .order_by(BallotTransfer.created_at.desc(), BallotTransfer.id.desc())
        .limit(100)
    ).all()
    tps_ids = {t.from_tps_id for t in transfers} | {t.to_tps_id for t in transfers}
    tps = {t.id: t for t in db.exec(select(TPS).where(TPS.id.in_(tps_ids))).all()} if tps_ids else {}
    return render_template(
        "readiness/logistics_index.html",
        transfers=transfers,
        tps=tps,
        places=describe_place(db, {t.village_code for t in tps.values()}),
        can_edit=can(current_user, "readiness.edit_logistics"),
        stage_keys=STAGE_KEYS,
        type_labels=ELECTION_TYPE_LABELS,
    )
