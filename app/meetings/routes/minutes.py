"""Live minutes: per-item contributions, follow-up actions and timeline references."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import clock
from app.authz import get_or_404, require
from app.db import get_session
from app.forms import attach_error
from app.htmx import is_htmx
from app.i18n import local
from app.idempotency.decorators import idempotent
from app.meetings import minutes as minute_services
from app.meetings import refs, services
from app.meetings.forms import ActionForm, MinuteForm, minute_prefix
from app.meetings.models import Action, AgendaItem, MinuteEntry
from app.meetings.routes import bp
from app.meetings.routes.common import load, rights
from app.params import int_arg
from app.redirects import local_target


def _item(meeting, item_id: int) -> AgendaItem:
    item = get_session().get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        abort(404)
    return item


@bp.get("/<int:meeting_id>/agenda/<int:item_id>/catatan")
@login_required
def item_entries(meeting_id: int, item_id: int):
    """What was said and decided under one agenda item (partial; re-fetched live)."""
    meeting = load(meeting_id)
    item = _item(meeting, item_id)
    entries = minute_services.entries(get_session(), meeting.id, item.id)
    return render_template(
        "meetings/_entries.html",
        meeting=meeting,
        item=item,
        entries=entries,
        unlisted=minute_services.unlisted_speakers(get_session(), meeting.id, entries),
    )


@bp.post("/<int:meeting_id>/agenda/<int:item_id>/catatan")
@login_required
@idempotent
def add_entry(meeting_id: int, item_id: int):
    """Save one contribution: nothing else on the page is sent, so nobody overwrites anybody."""
    meeting = load(meeting_id, "meeting.minutes")
    item = _item(meeting, item_id)
    db = get_session()
    form = MinuteForm(prefix=minute_prefix(item.id))
    status = 200
    if form.validate_on_submit():
        try:
            minute_services.add_minute(
                db,
                meeting,
                item.id,
                kind=form.kind.data,
                speaker=form.speaker.data,
                speaker_role=form.speaker_role.data,
                text=form.text.data,
                actor=current_user,
                now=clock.utcnow(),
            )
        except services.MeetingError as exc:
            attach_error(form, exc, fallback="text")
            status = 422
        else:
            db.commit()
            flash(_("Added to the minutes under item %(n)s.", n=item.position), "success")
            form = MinuteForm(formdata=None, prefix=minute_prefix(item.id))
    else:
        status = 422
    if not is_htmx() and status == 200:
        return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor=f"agenda-{item.id}"), 303)
    entries = minute_services.entries(db, meeting.id, item.id)
    return render_template(
        "meetings/_minute_form.html",
        meeting=meeting,
        item=item,
        minute_form=form,
        entries=entries,
        unlisted=minute_services.unlisted_speakers(db, meeting.id, entries),
        oob=status == 200,
    ), status


def _own_entry(meeting_id: int, entry_id: int) -> MinuteEntry:
    db = get_session()
    entry = db.get(MinuteEntry, entry_id)
    if entry is None or entry.meeting_id != meeting_id:
        abort(404)
    require(current_user, "meeting.minute_edit", entry)
    return entry


@bp.route("/<int:meeting_id>/catatan/<int:entry_id>/ubah", methods=["GET", "POST"])
@login_required
def edit_entry(meeting_id: int, entry_id: int):
    """Correct one's own contribution before the notula is finalised."""
    meeting = load(meeting_id)
    entry = _own_entry(meeting.id, entry_id)
    db = get_session()
    form = MinuteForm(obj=entry, prefix="edit")
    if form.validate_on_submit():
        try:
            minute_services.edit_minute(
                db,
                entry,
                kind=form.kind.data,
                speaker=form.speaker.data,
                speaker_role=form.speaker_role.data,
                text=form.text.data,
                actor=current_user,
                now=clock.utcnow(),
            )
        except services.MeetingError as exc:
            attach_error(form, exc, fallback="text")
        else:
            db.commit()
            flash(_("The minute entry was corrected."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor=f"minute-{entry.id}"), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("meetings/minute_edit.html", meeting=meeting, entry=entry, form=form), status


@bp.post("/<int:meeting_id>/catatan/<int:entry_id>/hapus")
@login_required
def delete_entry(meeting_id: int, entry_id: int):
    """Remove one's own contribution (asked to confirm on the page) before the notula is finalised."""
    meeting = load(meeting_id)
    entry = _own_entry(meeting.id, entry_id)
    item_id = entry.item_id
    db = get_session()
    minute_services.delete_minute(db, entry, actor=current_user, now=clock.utcnow())
    db.commit()
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor=f"agenda-{item_id}"), 303)


def _actions(meeting, status: int = 200, form: ActionForm | None = None):
    """The actions list, or (with ``form``) the action form plus the list out-of-band after a save."""
    db = get_session()
    template = "meetings/_action_form.html" if form is not None else "meetings/_actions_list.html"
    return render_template(
        template,
        meeting=meeting,
        rights=rights(meeting),
        items=services.agenda_items(db, meeting.id),
        actions=minute_services.actions(db, meeting.id),
        today=local(clock.utcnow(), meeting.region_code).date(),
        action_form=form,
        oob=form is not None and status == 200,
    ), status


@bp.get("/<int:meeting_id>/tindak-lanjut")
@login_required
def actions(meeting_id: int):
    return _actions(load(meeting_id))


@bp.post("/<int:meeting_id>/tindak-lanjut")
@login_required
@idempotent
def add_action(meeting_id: int):
    meeting = load(meeting_id, "meeting.minutes")
    db = get_session()
    form = ActionForm()
    if not form.validate_on_submit():
        return _actions(meeting, 422, form)
    item_id = int_arg("item_id", form=True)
    try:
        minute_services.add_action(
            db,
            meeting,
            item_id,
            what=form.what.data,
            owner_agency=form.owner_agency.data,
            person=form.person.data,
            due_date=form.due_date.data,
            actor=current_user,
            now=clock.utcnow(),
        )
    except services.MeetingError as exc:
        attach_error(form, exc, fallback="what")
        return _actions(meeting, 422, form)
    db.commit()
    flash(_("Follow-up action added to the minutes."), "success")
    if not is_htmx():
        return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="tindak-lanjut"), 303)
    return _actions(meeting, 200, ActionForm(formdata=None))


@bp.post("/tindak-lanjut/<int:action_id>")
@login_required
@idempotent
def set_action(action_id: int):
    """Close (or reopen) an action: the owner agency's desk or the organisers."""
    db = get_session()
    action = get_or_404(db, Action, action_id, user=current_user, action="action.close")
    minute_services.set_action_status(
        db, action, request.form.get("done") == "1", actor=current_user, now=clock.utcnow()
    )
    db.commit()
    back = local_target(
        request.form.get("next"), url_for("meetings.detail", meeting_id=action.meeting_id, _anchor="tindak-lanjut")
    )
    if is_htmx() and request.form.get("from") == "meeting":
        return _actions(load(action.meeting_id))
    return redirect(back, 303)


@bp.post("/<int:meeting_id>/referensi")
@login_required
@idempotent
def link_reference(meeting_id: int):
    """Link a timeline entry posted during the meeting into the minutes."""
    meeting = load(meeting_id, "meeting.minutes")
    db = get_session()
    entry_id = int_arg("entry_id", form=True)
    try:
        refs.link(db, meeting, entry_id or 0, actor=current_user, now=clock.utcnow())
    except services.MeetingError:
        abort(422)
    db.commit()
    flash(_("The timeline entry was linked to the minutes."), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="referensi"), 303)
