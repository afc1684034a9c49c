"""Register the notifications pages, the nav bell with its unread count, event listeners, CLI and the job."""

from __future__ import annotations

from flask import Flask, g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from app.registry import NavItem, registry_of


class BellLabel:
    """The nav label "Notifikasi" with the unread count as a badge (rendered by base.html as ``{{ label }}``)."""

    def _count(self) -> int:
        if not getattr(current_user, "is_authenticated", False):
            return 0
        if "notifications_unread" not in g:
            from app.db import get_session
            from app.notifications.services import unread_count

            g.notifications_unread = unread_count(get_session(), current_user)
        return g.notifications_unread

    def __str__(self) -> str:
        return _("Notifications")

    def __html__(self) -> str:
        count = self._count()
        label = escape(str(self))
        if not count:
            return str(label)
        shown = "99+" if count > 99 else str(count)
        hint = escape(_("%(count)d unread", count=count))
        return str(Markup('{} <span class="nav-count" role="img" aria-label="{}">{}</span>').format(label, hint, shown))


# Texts of static/js/notifications.js (push on/off for this device), read with SinergiText("notifications").
JS_MESSAGES = {
    "on": _l("Notifications are on for this device."),
    "off": _l("Notifications are off for this device."),
    "denied": _l("The browser blocks notifications for Sinergi: allow them in the site settings."),
    "unsupported": _l("This browser cannot receive push notifications."),
    "failed": _l("Could not change the setting; try again."),
}


def register(app: Flask) -> None:
    from app.notifications import listeners
    from app.notifications.cli import notifications_cli, push_cli
    from app.notifications.policies import policies
    from app.notifications.routes import bp

    reg = registry_of(app)
    reg.add_policies(policies)
    app.register_blueprint(bp)
    app.teardown_request(lambda _exc: g.pop("notifications_unread", None))  # the bell's count, per request
    app.cli.add_command(push_cli)
    app.cli.add_command(notifications_cli)
    reg.add_nav(
        NavItem("notifications.index", BellLabel(), "bell", 80, permission="notifications.view", in_bottom_bar=False)
    )
    reg.add_js_messages("notifications", JS_MESSAGES)
    reg.add_offline_page("notifications.index")
    reg.add_listener("timeline.incident_created", listeners.incident_created)
    reg.add_listener("timeline.incident_assigned", listeners.incident_assigned)
    reg.add_listener("timeline.incident_status", listeners.incident_status)
    from app.notifications.seed import seed

    reg.add_seeder(95, "notifications", seed)

    from app.notifications import job

    job.register(app)  # the runner starts from gunicorn.conf.py (post_worker_init) or `flask jobs run`
