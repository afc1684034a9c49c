"""/notifikasi: the list, marking read, push settings and this device's push subscription."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.authz import get_or_404, permission_required
from app.clock import utcnow
from app.db import get_session
from app.htmx import is_htmx
from app.idempotency.decorators import idempotent
from app.notifications import services
from app.notifications.forms import SettingsForm
from app.notifications.models import Notification
from app.notifications.settings import settings as notification_settings

bp = Blueprint("notifications", __name__, url_prefix="/notifikasi")


@bp.get("")
@permission_required("notifications.view")
def index():
    """The user's latest notifications, unread first in weight."""
    db = get_session()
    notes = services.latest(db, current_user)
    return render_template("notifications/index.html", notes=notes, unread=sum(1 for n in notes if n.read_at is None))


@bp.post("/<int:note_id>/baca")
@permission_required("notifications.view")
@idempotent
def read(note_id: int):
    """Mark one notification read and open what it points to (or re-render it for htmx)."""
    db = get_session()
    note = get_or_404(db, Notification, note_id, user=current_user, action="notification.read")
    services.mark_read(db, note, actor=current_user, now=utcnow())
    db.commit()
    if is_htmx():
        return render_template("notifications/_item.html", note=note)
    target = note.url if note.url.startswith("/") and not note.url.startswith("//") else url_for(".index")
    return redirect(target, 303)


@bp.post("/baca-semua")
@permission_required("notifications.view")
@idempotent
def read_all():
    db = get_session()
    count = services.mark_all_read(db, actor=current_user, now=utcnow())
    db.commit()
    flash(_("%(count)d notifications marked as read.", count=count), "success")
    return redirect(url_for(".index"), 303)


@bp.route("/pengaturan", methods=["GET", "POST"])
@permission_required("notifications.view")
def settings():
    """Which alerts reach this user's devices, and this device's subscription (static/js/notifications.js)."""
    db = get_session()
    now = utcnow()
    current = services.settings_for(db, current_user.id, now)
    form = SettingsForm(obj=current)
    status = 200
    if form.validate_on_submit():
        services.update_settings(
            db, {f: getattr(form, f).data for f in services.SETTING_FIELDS}, actor=current_user, now=now
        )
        db.commit()
        flash(_("Notification settings saved."), "success")
        return redirect(url_for(".settings"), 303)
    if request.method == "POST":
        status = 422
    return render_template(
        "notifications/settings.html", form=form, vapid_key=notification_settings().vapid_public_key
    ), status


def _json_error(message: str, status: int = 422):
    response = jsonify(error=message)
    response.status_code = status
    return response


@bp.post("/langganan")
@permission_required("notifications.view")
def subscribe():
    """Store this browser's push subscription (JSON from PushManager.subscribe)."""
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    try:
        services.subscribe(
            get_session(),
            services.SubscriptionInput(
                endpoint=str(data.get("endpoint") or ""),
                p256dh=str(keys.get("p256dh") or ""),
                auth=str(keys.get("auth") or ""),
                user_agent=request.headers.get("User-Agent", ""),
            ),
            actor=current_user,
            now=utcnow(),
        )
    except services.NotificationError as exc:
        return _json_error(str(exc.message))
    get_session().commit()
    return jsonify(ok=True, message=_("Notifications are on for this device.")), 201


@bp.post("/langganan/hapus")
@permission_required("notifications.view")
def unsubscribe():
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    removed = services.unsubscribe(get_session(), str(data.get("endpoint") or ""), actor=current_user, now=utcnow())
    get_session().commit()
    return jsonify(ok=removed, message=_("Notifications are off for this device."))
