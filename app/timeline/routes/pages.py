"""The timeline page, its fragments (since / before) and posting."""

from __future__ import annotations

from flask import current_app, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.authz import permission_required
from app.clock import utcnow
from app.db import get_session
from app.forms import attach_error, confirm
from app.htmx import is_htmx, refused
from app.idempotency.decorators import idempotent
from app.timeline import places, queries, services
from app.timeline.forms import PostForm
from app.timeline.routes import bp
from app.timeline.routes.common import int_arg, mark_worker, render_cards
from app.timeline.services import event_time
from app.timeline.settings import settings


def _page_context(db, form: PostForm, filters: queries.Filters, before: int | None = None) -> dict:
    entries, next_before = queries.page(db, current_user, filters, before=before)
    return {
        "form": form,
        "filters": filters,
        "cards": entries,
        "cd": queries.card_data(db, entries),
        "next_before": next_before,
        "older": before is not None,
        "cursor": queries.latest_id(db),
        "kecamatans": places.kecamatan_options(db, current_user.region_code),
    }


def _since(db, filters: queries.Filters, since: int):
    """Cards newer than the cursor ``since`` (204 when none) and the new cursor in ``X-Timeline-Cursor``."""
    cards, cursor = queries.changes_after(db, current_user, since)
    if not cards:
        response = make_response("", 204)
    else:
        response = make_response(render_cards(db, [c for c in cards if filters.matches(c)], live=True))
    response.headers["X-Timeline-Cursor"] = str(max(cursor, since))
    response.headers["Cache-Control"] = "no-store"
    return response


def _older(db, filters: queries.Filters, before: int):
    entries, next_before = queries.page(db, current_user, filters, before=before)
    return render_template(
        "timeline/_page.html",
        cards=entries,
        cd=queries.card_data(db, entries),
        next_before=next_before,
        filters=filters,
        last_day=request.args.get("hari", ""),
    )


@bp.get("/linimasa")
@permission_required("timeline.view")
def index():
    """The timeline; ``?since=N`` → newer cards (204 when none); ``?before=N`` → the next older page."""
    db = get_session()
    filters = queries.Filters.from_args(request.args)
    since, before = int_arg("since"), int_arg("before")
    if since is not None:
        return _since(db, filters, since)
    if before is not None and is_htmx():
        return _older(db, filters, before)
    # Without htmx (the "Older entries" link opened in a tab, or before the script loaded) ``before`` is a whole
    # page of older cards.
    form = _post_form(db, formdata=None)
    context = _page_context(db, form, filters, before)
    return render_template("timeline/_list.html" if is_htmx() else "timeline/index.html", **context)


def _post_form(db, **kwargs) -> PostForm:
    """The posting form with the place pickers' choices for the current user (and what they chose)."""
    form = PostForm(max_photos=settings().max_photos, **kwargs)
    scope = current_user.region_code
    kecamatans = places.kecamatan_options(db, scope)
    if form.kecamatan.data is None and not form.is_submitted():
        form.kecamatan.data = places.start_kecamatan(scope, kecamatans)  # scoped to one kecamatan: start there
    kec, village = form.kecamatan.data or "", form.village_code.data or ""
    form.kecamatan.choices = [SelectChoice("", _("Whole region"))] + [SelectChoice(r.code, r.name) for r in kecamatans]
    form.village_code.choices = [SelectChoice("", _("Whole kecamatan"))] + (
        [SelectChoice(r.code, r.name) for r in places.village_options(db, [kec], scope)] if kec else []
    )
    form.tps_id.choices = [SelectChoice("", _("No particular TPS"))] + (
        [SelectChoice(str(t.id), t.label) for t in places.tps_options(db, village, scope)] if village else []
    )
    form.wire_places(url_for("timeline.places"))
    return form


@bp.post("/linimasa")
@permission_required("timeline.post")
@idempotent
def post():
    """Post to the timeline (normal form post or boosted by htmx); photos are re-encoded server-side."""
    db = get_session()
    config = settings()
    form = _post_form(db)
    if form.validate_on_submit():
        now = utcnow()
        try:
            entry = services.post_with_photos(
                db,
                author=current_user,
                now=now,
                uploads=form.uploads,
                upload_dir=current_app.config["UPLOAD_DIR"],
                max_photos=config.max_photos,
                occurred=event_time.from_form(request.form, now, config),
                **form.entry_fields(),
            )
        except services.EntryError as exc:
            attach_error(form, exc, fallback="text")
        else:
            db.commit()
            confirm(_("Entry posted to the timeline."))
            response = redirect(url_for("timeline.index"), 303)
            response.headers["X-Entry-Id"] = str(entry.id)
            return mark_worker(response, config)
    context = _page_context(db, form, queries.Filters())
    return refused(render_template("timeline/index.html", **context), "#post-form")
