"""The timeline page, its fragments (since / before), posting, entry pages, place pickers and photos."""

from __future__ import annotations

import contextlib
import os

from flask import abort, current_app, jsonify, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.authz import get_or_404, permission_required, require
from app.clock import utcnow
from app.db import get_session
from app.htmx import is_htmx
from app.idempotency.services import idempotent
from app.timeline import event_time, queries, services
from app.timeline.forms import FollowupForm, PostForm, StatusForm
from app.timeline.models import Entry, EntryPhoto
from app.timeline.photos import store
from app.timeline.routes import bp
from app.timeline.routes.common import (
    entry_url,
    kecamatan_options,
    place_data,
    refused,
    render_cards,
    tps_options,
    village_options,
)
from app.uploads import UploadRejected, upload_path


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def _page_context(db, form: PostForm, filters: queries.Filters) -> dict:
    entries, next_before = queries.page(db, current_user, filters)
    return {"form": form, "filters": filters, "cards": entries, "cd": queries.card_data(db, entries),
            "next_before": next_before, "cursor": queries.latest_id(db),
            "kecamatans": kecamatan_options(db)}


@bp.get("/linimasa")
@permission_required("timeline.view")
def index():
    """The timeline; ``?since=N`` → newer cards (204 when none); ``?before=N`` → the next older page."""
    db = get_session()
    filters = queries.Filters.from_args(request.args)
    since = _int_arg("since")
    if since is not None:
        cards, cursor = queries.changes_after(db, current_user, since)
        if not cards:
            response = make_response("", 204)
        else:
            response = make_response(render_cards(db, [c for c in cards if filters.matches(c)], live=True))
        response.headers["X-Timeline-Cursor"] = str(max(cursor, since))
        response.headers["Cache-Control"] = "no-store"
        return response
    before = _int_arg("before")
    if before is not None:
        entries, next_before = queries.page(db, current_user, filters, before=before)
        return render_template("timeline/_page.html", cards=entries, cd=queries.card_data(db, entries),
                               next_before=next_before, filters=filters, last_day=request.args.get("hari", ""))
    form = PostForm(formdata=None)
    _post_form_place(form, db)
    context = _page_context(db, form, filters)
    if is_htmx():
        return render_template("timeline/_list.html", **context)
    return render_template("timeline/index.html", **context)


def _post_form_place(form: PostForm, db) -> None:
    kecamatans = kecamatan_options(db)
    if form.kecamatan.data is None and current_user.region_code.count(".") >= 2 and kecamatans:
        form.kecamatan.data = kecamatans[0].code  # scoped to one kecamatan: start there
    kec = form.kecamatan.data or ""
    village = form.village_code.data or ""
    form.kecamatan.choices = [SelectChoice("", _("Whole region"))] + [
        SelectChoice(r.code, r.name) for r in kecamatans]
    form.village_code.choices = [SelectChoice("", _("Whole kecamatan"))] + (
        [SelectChoice(r.code, r.name) for r in village_options(db, kec)] if kec else [])
    form.tps_id.choices = [SelectChoice("", _("No particular TPS"))] + (
        [SelectChoice(str(t.id), t.label) for t in tps_options(db, village)] if village else [])


@bp.post("/linimasa")
@permission_required("timeline.post")
@idempotent
def post():
    """Post to the timeline (normal form post or boosted by htmx); photos are re-encoded server-side."""
    db = get_session()
    form = PostForm()
    filters = queries.Filters()
    if form.validate_on_submit():
        files = [f for f in request.files.getlist(form.photos.name) if f and f.filename]
        stored = []
        try:
            if len(files) > services.MAX_PHOTOS:
                raise services.EntryError("photos", _("At most 4 photos per post."))
            for upload in files:
                try:
                    stored.append(store(current_app.config["UPLOAD_DIR"], upload.read(), upload.filename))
                except UploadRejected as exc:
                    raise services.EntryError("photos", f"{upload.filename}: {exc.message}") from None
            tps = form.tps_id.data
            now = utcnow()
            entry = services.post_entry(
                db, author=current_user, kind=form.kind.data, text=form.text.data, now=now,
                village_code=form.village_code.data or form.kecamatan.data or None,
                tps_id=int(tps) if tps and tps.isdigit() else None,
                visible_to=form.visible_to.data if form.visibility.data == "chosen" else None,
                category=form.category.data or None, severity=form.severity.data or None,
                handling_agency=form.handling_agency.data or None, photos=stored,
                occurred=event_time.from_form(request.form, now))
        except services.EntryError as exc:
            _discard(stored)
            field = getattr(form, exc.field, None) or form.text
            field.errors = [*field.errors, str(exc.message)] if isinstance(field.errors, list) else [
                str(exc.message)]
        else:
            db.commit()
            response = redirect(url_for("timeline.index"), 303)
            response.headers["X-Entry-Id"] = str(entry.id)
            response.headers["X-Timeline-Worker"] = str(os.getpid())
            return response
    _post_form_place(form, db)
    context = _page_context(db, form, filters)
    return refused(render_template("timeline/index.html", **context), "#post-form")


def _discard(stored) -> None:
    """Remove the files of a refused post (nothing refers to them)."""
    for photo in stored:
        for name in (photo.name, photo.thumb_name):
            with contextlib.suppress(FileNotFoundError):
                upload_path(current_app.config["UPLOAD_DIR"], name).unlink()


@bp.get("/linimasa/tempat")
@login_required
def places():
    """Options for the place pickers: villages of a kecamatan, or TPS of a village (within scope)."""
    db = get_session()
    kec = request.args.get("kecamatan", "")
    village = request.args.get("desa", "")
    if village:
        items = [(str(t.id), t.label) for t in tps_options(db, village)]
        empty = _("No particular TPS")
    elif kec:
        items = [(r.code, r.name) for r in village_options(db, kec)]
        empty = _("Whole kecamatan")
    else:
        abort(400)
    return render_template("timeline/_options.html", items=items, empty=empty)


@bp.get("/linimasa/tempat.json")
@login_required
def places_data():
    """The user's kecamatan, villages and TPS at once; the service worker keeps it for offline pickers."""
    response = jsonify(place_data(get_session()))
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-SW-Cache"] = "1"  # the service worker keeps the newest copy (static/js/sw.js)
    response.vary.add("Cookie")
    return response


def _detail(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.view")
    if entry.parent_id is not None:
        return redirect(entry_url(db.get(Entry, entry.parent_id)), 303)
    thread = queries.followups(db, entry)
    cd = queries.card_data(db, [entry, *thread])
    return render_template("timeline/entry.html", entry=entry, thread=thread, cd=cd,
                           followup_form=FollowupForm(formdata=None), status_form=StatusForm(formdata=None))


@bp.get("/linimasa/<int:entry_id>")
@permission_required("timeline.view")
def entry(entry_id: int):
    return _detail(entry_id)


@bp.get("/kerawanan/<int:entry_id>")
@permission_required("timeline.view")
def incident(entry_id: int):
    return _detail(entry_id)


@bp.get("/linimasa/foto/<int:photo_id>")
@permission_required("timeline.view")
def photo(photo_id: int):
    """A photo (or its thumbnail with ``?kecil=1``), only for viewers who may see its entry."""
    db = get_session()
    item = db.get(EntryPhoto, photo_id)
    if item is None:
        abort(404)
    require(current_user, "timeline.view", db.get(Entry, item.entry_id))
    name = item.thumb_name if request.args.get("kecil") == "1" else item.name
    try:
        path = upload_path(current_app.config["UPLOAD_DIR"], name)
    except FileNotFoundError:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

