"""One entry's page (a post or an incident, with its thread and actions) and its photos."""

from __future__ import annotations

from flask import abort, redirect, render_template, request
from flask_login import current_user

from app.authz import get_or_404, permission_required, require
from app.db import get_session
from app.exports import upload_response
from app.timeline import queries
from app.timeline.forms import AssignForm, FollowupForm, StatusForm
from app.timeline.models import Entry, EntryPhoto
from app.timeline.routes import bp
from app.timeline.routes.common import entry_url
from app.timeline.share import share_text


def render_entry(db, entry: Entry, **forms) -> str:
    """The entry page; ``forms`` replaces a blank form by the one the user sent (refused, with its errors)."""
    thread = queries.followups(db, entry)
    cd = queries.card_data(db, [entry, *thread])
    blank = {
        "followup_form": FollowupForm(formdata=None),
        "status_form": StatusForm(formdata=None),
        "assign_form": AssignForm(formdata=None, handling_agency=entry.handling_agency),
    }
    return render_template(
        "timeline/entry.html",
        entry=entry,
        thread=thread,
        cd=cd,
        share_text=share_text(db, entry, cd),  # None for a restricted entry: nothing to share
        **{**blank, **forms},
    )


def _detail(entry_id: int):
    db = get_session()
    entry = get_or_404(db, Entry, entry_id, user=current_user, action="timeline.view")
    if entry.parent_id is not None:
        return redirect(entry_url(db.get(Entry, entry.parent_id)), 303)
    return render_entry(db, entry)


@bp.get("/linimasa/<int:entry_id>")
@permission_required("timeline.view")
def entry(entry_id: int):
    """A post and its follow-ups (a follow-up's URL leads to its post)."""
    return _detail(entry_id)


@bp.get("/kerawanan/<int:entry_id>")
@permission_required("timeline.view")
def incident(entry_id: int):
    """An incident with its handling steps, durations and follow-ups."""
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
    return upload_response(name, "image/jpeg", cache_seconds=3600)
